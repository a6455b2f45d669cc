"""Downloads of a release and of an indicator's series: CSV, XLSX, JSON, iCalendar.
Each function takes what the selectors computed and returns bytes; the files themselves are
made by ``portal.exports`` (formula safety, BOM, write-only XLSX, icalendar)."""

from __future__ import annotations

import json
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill

from portal.exports import BOLD, CalendarEvent, XlsxBook, calendar_bytes, csv_bytes, event_uid

from .selectors import SectorTable, plain_number

RELEASE_WIDTHS = (24, 26, 60, 18, 10, 16, 16, 16, 50)
DEFINITION_WIDTHS = (26, 60, 18, 80, 30)
SECTOR_FILL = PatternFill("solid", fgColor="DDE7F0")


def filename(release, ext: str) -> str:
    return f"thong-ke-{release.year:04d}-{release.month:02d}.{ext}"


def _headers() -> list[str]:
    return [
        _("Lĩnh vực"),
        _("Mã chỉ tiêu"),
        _("Tên chỉ tiêu"),
        _("Đơn vị tính"),
        _("Kỳ"),
        _("Giá trị"),
        _("Thay đổi so với tháng trước (%)"),
        _("Thay đổi so với cùng kỳ năm trước (%)"),
        _("Ghi chú"),
    ]


def release_csv(*, release, tables: list[SectorTable]) -> bytes:
    rows = (
        [table.name, row.code, row.name, row.unit, release.period]
        + [plain_number(row.value), plain_number(row.mom), plain_number(row.yoy), row.note]
        for table in tables
        for row in table.rows
    )
    return csv_bytes(rows, header=_headers())


def _number_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def release_xlsx(*, release, tables: list[SectorTable]) -> bytes:
    book = XlsxBook()
    sheet = book.sheet(_("Số liệu"), widths=RELEASE_WIDTHS, freeze="A3")
    sheet.append([str(release)], font=Font(bold=True, size=13))
    sheet.append(_headers(), font=BOLD)
    for table in tables:
        sheet.append(
            [sheet.cell(table.name, font=BOLD, fill=SECTOR_FILL)]
            + [sheet.cell(None, fill=SECTOR_FILL) for _col in range(len(RELEASE_WIDTHS) - 1)]
        )
        for row in table.rows:
            sheet.append(
                [
                    table.name,
                    row.code,
                    ("  " if row.depth else "") + row.name,
                    row.unit,
                    release.period,
                    sheet.cell(row.value, number_format=_number_format(row.decimals)),
                    sheet.cell(row.mom, number_format="0.00"),
                    sheet.cell(row.yoy, number_format="0.00"),
                    row.note,
                ],
                outline_level=1,
            )
    defs = book.sheet(_("Định nghĩa"), widths=DEFINITION_WIDTHS)
    defs.append(
        [_("Mã chỉ tiêu"), _("Tên chỉ tiêu"), _("Đơn vị tính"), _("Định nghĩa"), _("Đơn vị cung cấp")], font=BOLD
    )
    for table in tables:
        for row in table.rows:
            defs.append([row.code, row.name, row.unit, row.definition, row.source_unit])
    return book.to_bytes()


def _num(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def release_json(*, release, tables: list[SectorTable], corrections, url: str, version: int | None = None) -> bytes:
    data = {
        "title": str(release),
        "period": release.period,
        "year": release.year,
        "month": release.month,
        "published_at": release.publish_at.isoformat() if release.publish_at else None,
        "url": url,
        "version": version,
        "generated_at": timezone.now().isoformat(),
        "corrections": [{"number": c.number, "date": c.applied_at.isoformat(), "note": c.note} for c in corrections],
        "sectors": [
            {
                "code": t.code,
                "name": t.name,
                "indicators": [
                    {
                        "code": r.code,
                        "name": r.name,
                        "unit": r.unit,
                        "value": _num(r.value),
                        "value_text": plain_number(r.value),
                        "value_display": r.value_display,
                        "change_previous_month_pct": _num(r.mom),
                        "change_year_on_year_pct": _num(r.yoy),
                        "note": r.note,
                        "parent": r.parent_code,
                    }
                    for r in t.rows
                ],
            }
            for t in tables
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def series_csv(*, indicator, name: str, unit: str, points) -> bytes:
    header = [_("Mã chỉ tiêu"), _("Tên chỉ tiêu"), _("Đơn vị tính"), _("Kỳ"), _("Giá trị"),
              _("Thay đổi so với tháng trước (%)"), _("Thay đổi so với cùng kỳ năm trước (%)")]  # fmt: skip
    rows = (
        [indicator.code, name, unit, p.period, plain_number(p.value), plain_number(p.mom), plain_number(p.yoy)]
        for p in points
    )
    return csv_bytes(rows, header=header)


def calendar_ics(*, entries, base_url: str) -> bytes:
    """The release calendar: one event per announced release, at its release time.
    ``base_url`` is the statistics index ("https://…/thong-ke/")."""
    events = []
    for e in entries:
        period = f"{e['year']:04d}-{e['month']:02d}"
        summary = _("Công bố số liệu thống kê tháng %(p)s") % {"p": e["period_label"]}
        uid = event_uid(f"thong-ke-{period}")
        events.append(CalendarEvent(uid, e["at"], summary, url=f"{base_url}{period}/", description=e.get("note") or ""))
    return calendar_bytes(
        events=events, name=_("Lịch công bố số liệu thống kê ngành TT&TT"), feed="Lich cong bo thong ke"
    )
