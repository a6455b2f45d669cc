"""Demo statistics: the real January 2022 release ("Tổng quan một số lĩnh vực ngành TT&TT
tháng 01/2022", Hội nghị giao ban 10/02/2022) with its exact figures, every change it
states (with the base figures it gives), and a calendar. Idempotent: an existing release is left as it is."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from portal.editorial import services as wf
from portal.editorial.enums import Action, Role

from . import catalogue, services
from .models import AnnouncedRelease, Indicator, Release, Sector, Value
from .numbers import parse_number

VN = ZoneInfo("Asia/Ho_Chi_Minh")

# Figures exactly as written in the release (Vietnamese notation), with their notes.
JANUARY_2022 = {
    "bc-tang-truong-doanh-thu": ("30", "Khoảng 30%; tháng cao điểm phục vụ Tết Nguyên đán"),
    "vt-doanh-thu": ("11,496", "Ước đạt, lũy kế đến hết tháng 01/2022"),
    "vt-thue-bao-smartphone": ("91,32", "Chiếm 72,6% số thuê bao điện thoại di động"),
    "vt-bang-rong-co-dinh-hgd": ("18,66", "Chiếm 68% hộ gia đình"),
    "ud-dvctt-muc-do-4": ("96,74%", "Tính đến ngày 20/01/2022"),
    "ud-ket-noi-csdl-dan-cu": ("63", "63/63 địa phương"),
    "ud-kien-truc-cqdt": ("54", "54/63 tỉnh, thành phố"),
    "ud-ke-hoach-cntt-5-nam": ("54", "54/63 tỉnh, thành phố"),
    "ud-chuong-trinh-cds": ("52", "52/63 tỉnh, thành phố"),
    "at-su-co-tan-cong": ("1.383", "Đã ghi nhận và hướng dẫn khắc phục"),
    "at-phishing": ("197", ""),
    "at-deface": ("125", ""),
    "at-malware": ("1.061", ""),
    "at-ip-botnet": ("879.342", ""),
    "at-chung-thu-so-da-cap": ("4.581.000", ""),
    "at-chung-thu-so-hoat-dong": ("1.690.000", ""),
    "cn-doanh-thu-ict": ("222.762", "Ước đạt (~ 9,6 tỷ USD)"),
    "bc-co-quan-bao-chi": ("816", ""),
    "bc-bao-hai-loai-hinh": ("114", ""),
    "bc-tap-chi-hai-loai-hinh": ("116", ""),
    "bc-bao-tap-chi-in": ("557", ""),
    "bc-bao-tap-chi-dien-tu": ("29", ""),
    "bc-thue-bao-truyen-hinh-tra-tien": ("16,4", ""),
    "bc-mang-xa-hoi": ("854", ""),
    "bc-tai-khoan-mang-xa-hoi": ("97", ""),
    "bc-dai-truyen-thanh-xa": ("9.792", "Trên tổng số 10.599 xã, phường, thị trấn"),
    "bc-dai-truyen-thanh-cntt": ("634", ""),
}

NOTES_EN = {
    "bc-tang-truong-doanh-thu": "About 30%; peak month ahead of the Lunar New Year",
    "vt-doanh-thu": "Estimate, cumulative to the end of 01/2022",
    "vt-thue-bao-smartphone": "72.6% of mobile phone subscriptions",
    "vt-bang-rong-co-dinh-hgd": "68% of households",
    "ud-dvctt-muc-do-4": "As of 20/01/2022",
    "ud-ket-noi-csdl-dan-cu": "63 of 63 provinces",
    "ud-kien-truc-cqdt": "54 of 63 provinces",
    "ud-ke-hoach-cntt-5-nam": "54 of 63 provinces",
    "ud-chuong-trinh-cds": "52 of 63 provinces",
    "at-su-co-tan-cong": "Recorded, with remediation guidance",
    "cn-doanh-thu-ict": "Estimate (~ USD 9.6 billion)",
    "bc-dai-truyen-thanh-xa": "Out of 10,599 communes, wards and towns",
}

# The changes the January 2022 release states ("tăng 3% so với cùng kỳ 2021", "tăng 06 đài so
# với tháng 12/2021"), as written, with the base figure where the release gives it. They are
# shown "theo báo cáo"; no base release is invented for them (12/2021 and 01/2021 were never
# published on the portal).
STATED_JANUARY_2022 = {
    "vt-doanh-thu": {"stated_same_period": "3%"},
    "vt-thue-bao-smartphone": {"stated_same_period": "1,01%"},
    "vt-bang-rong-co-dinh-hgd": {"stated_same_period": "16,3%"},
    "at-su-co-tan-cong": {"stated_prev_month": "10,29%"},
    "at-ip-botnet": {"stated_prev_month": "-9,29%"},
    "at-chung-thu-so-da-cap": {"stated_same_period": "14,1%", "base_same_period": "4.014.701"},
    "at-chung-thu-so-hoat-dong": {"stated_same_period": "7,03%", "base_same_period": "1.578.959"},
    "cn-doanh-thu-ict": {"stated_same_period": "-23%"},
    "bc-thue-bao-truyen-hinh-tra-tien": {"stated_same_period": "1,2%", "base_same_period": "16,2"},
    "bc-mang-xa-hoi": {"stated_same_period": "12%"},
    "bc-tai-khoan-mang-xa-hoi": {"stated_same_period": "6,6%"},
    "bc-dai-truyen-thanh-cntt": {"stated_prev_month": "06"},
}

RELEASES = [
    (2022, 1, dt.datetime(2022, 2, 10, 9, 0, tzinfo=VN), JANUARY_2022,
     "Số liệu báo cáo tại Hội nghị Giao ban quản lý nhà nước tháng 01/2022 của Bộ TT&TT (Hà Nội, 10/02/2022)."),
]  # fmt: skip


def _entries(values: dict, stated: dict | None = None) -> dict[int, services.Entry]:
    indicators = {i.code: i for i in Indicator.objects.all()}
    stated = stated or {}
    return {
        indicators[code].pk: services.Entry(
            value=parse_number(raw, decimals_hint=indicators[code].decimals),
            note=note,
            stated=services.stated_entry(indicator=indicators[code], **stated.get(code, {})),
        )
        for code, (raw, note) in values.items()
    }


def load(*, users, stdout) -> None:
    catalogue.load(Sector, Indicator)
    services.reindex_indicators()
    # The releases of the past are published at their real time: back-dating is Quản trị's,
    # with the reason recorded.
    author, approver = users[Role.REPORTER], users[Role.ADMIN]
    reason = "Nạp dữ liệu mẫu: kỳ công bố đã có, xuất bản theo đúng thời điểm công bố thật."
    made = 0
    for year, month, at, values, notes in RELEASES:
        if Release.objects.filter(year=year, month=month).exists():
            continue
        release = wf.save_new(item=Release(year=year, month=month, notes=notes), user=author)
        stated = STATED_JANUARY_2022 if (year, month) == (2022, 1) else {}
        services.save_values(release=release, entries=_entries(values, stated), user=author)
        if (year, month) == (2022, 1):
            release.notes_en = (
                "Figures reported at the ministry's state management briefing for January 2022 (Ha Noi, 10/02/2022)."
            )
            release.save(update_fields=["notes_en"])
            for code, note_en in NOTES_EN.items():
                Value.objects.filter(release=release, indicator__code=code).update(note_en=note_en)
            wf.record_revision(item=release, user=author)  # the English notes are content too
        wf.transition(item=release, action=Action.SUBMIT, user=author)
        wf.transition(item=release, action=Action.PUBLISH, user=approver, publish_at=at, comment=reason)
        made += 1
    if not Release.objects.filter(year=2022, month=2).exists():
        # The next month, written but still waiting for the board.
        release = wf.save_new(item=Release(year=2022, month=2, notes="Số liệu đang tổng hợp."), user=author)
        wf.transition(item=release, action=Action.SUBMIT, user=author)
        made += 1
    today = timezone.localtime()
    for offset in (1, 2, 3):
        month_index = today.year * 12 + today.month - 1 + offset - 1
        year, month = divmod(month_index, 12)
        month += 1
        # Data of the month just ended is announced for the 10th of the next month.
        ny, nm = divmod(year * 12 + month, 12)
        AnnouncedRelease.objects.get_or_create(
            year=year,
            month=month,
            defaults={"planned_at": dt.datetime(ny, nm + 1, 10, 9, 0, tzinfo=VN), "note": "Giao ban quản lý nhà nước"},
        )
    stdout.write(f"Thống kê: {made} kỳ công bố mới, {Indicator.objects.count()} chỉ tiêu.")
