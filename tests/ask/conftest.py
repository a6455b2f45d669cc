""" "Hỏi số liệu" fixtures: the demo's January 2022 release (``stats.demo.load``, with
every change it states) and neighbours made through the statistics services and the
workflow: the twelve months of 2021 and March–April 2022 published, one of them corrected;
May 2022 approved but under embargo; June 2022 a draft; February 2022 waiting for the
board (the demo's). The neighbours' figures are invented for the tests."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from ask.aliases import seed
from portal.editorial import services as wf
from portal.editorial.enums import Action, Role
from stats import demo, services
from stats.models import Indicator, Release
from tests import factories

VN = ZoneInfo("Asia/Ho_Chi_Minh")
REASON = "Dữ liệu kiểm thử: kỳ công bố đã có, xuất bản theo đúng thời điểm công bố."

# code -> figures of 2021-01 … 2021-12 (None: not in that release)
YEAR_2021 = {
    "at-su-co-tan-cong": [1200, 1150, 1010, 980, 1300, 1100, 1050, 990, 1020, 1180, 1210, 1254],
    "at-ip-botnet": [1100000, 1080000, 1050000, 1010000, 990000, 985000, 980000, 975000, 972000, 970500, 970000, 969399],
    "vt-thue-bao-smartphone": ["90.41", "90.5", "90.6", "90.7", "90.8", "90.85", "90.9", "90.95", "91", "91.1", "91.2", "91.25"],
    "cn-doanh-thu-ict": [289300, 250000, 260000, 270000, 280000, 300000, 310000, 305000, 315000, 320000, 330000, 350000],
    "ud-dvctt-muc-do-4": ["90", "90.5", "91", "91.5", "92", "92.5", "93", "93.5", "94", "95", "96", "96.5"],
    "bc-mang-xa-hoi": [762, 765, 770, 780, 790, 800, 810, 820, 830, 840, 845, 850],
}  # fmt: skip
MARCH_2022 = {
    "at-su-co-tan-cong": 1500,
    "at-ip-botnet": 860000,
    "vt-thue-bao-smartphone": "92.1",  # corrected to 92.15
    "cn-doanh-thu-ict": 240000,
    "ud-dvctt-muc-do-4": "97.1",
    "bc-mang-xa-hoi": 860,
}
APRIL_2022 = {
    "at-su-co-tan-cong": 1400,
    "at-ip-botnet": 850000,
    "vt-thue-bao-smartphone": "92.3",
    "cn-doanh-thu-ict": 245000,
    "ud-dvctt-muc-do-4": "97.3",
    "bc-mang-xa-hoi": 865,
}
# Figures nobody outside the board may see: May (embargoed), June (a draft).
EMBARGOED_MAY_2022 = {"at-su-co-tan-cong": 7777, "vt-thue-bao-smartphone": "93.77", "at-ip-botnet": 777777}
DRAFT_JUNE_2022 = {"at-su-co-tan-cong": 8888, "vt-thue-bao-smartphone": "94.88", "at-ip-botnet": 888888}
SECRET_FIGURES = (
    "7777",
    "7.777",
    "93,77",
    "93.77",
    "777777",
    "777.777",
    "8888",
    "8.888",
    "94,88",
    "94.88",
    "888888",
    "888.888",
)


def _entries(values: dict) -> dict[int, services.Entry]:
    ids = dict(Indicator.objects.filter(code__in=list(values)).values_list("code", "pk"))
    return {ids[code]: services.Entry(value=Decimal(str(v))) for code, v in values.items() if v is not None}


def _release(year, month, values, *, author, approver, at=None, submit=True, publish=True):
    release = wf.save_new(item=Release(year=year, month=month), user=author)
    services.save_values(release=release, entries=_entries(values), user=author)
    if submit:
        factories.transition(release, Action.SUBMIT, user=author)
    if publish:
        factories.transition(release, Action.PUBLISH, user=approver, publish_at=at, comment=REASON)
    release.refresh_from_db()
    return release


def build(*, reporter, administrator, board) -> dict:
    seed()
    with factories.committed():
        demo.load(users={Role.REPORTER: reporter, Role.ADMIN: administrator}, stdout=io.StringIO())
    made = {}
    for month in range(1, 13):
        values = {code: figures[month - 1] for code, figures in YEAR_2021.items()}
        made[(2021, month)] = _release(
            2021, month, values, author=reporter, approver=administrator,
            at=dt.datetime(2021 + month // 12, month % 12 + 1, 10, 9, tzinfo=VN),
        )  # fmt: skip
    made[(2022, 3)] = march = _release(
        2022, 3, MARCH_2022, author=reporter, approver=administrator, at=dt.datetime(2022, 4, 10, 9, tzinfo=VN)
    )
    made[(2022, 4)] = _release(
        2022, 4, APRIL_2022, author=reporter, approver=administrator, at=dt.datetime(2022, 5, 10, 9, tzinfo=VN)
    )
    # A correction of March's smartphone figure, approved by the board.
    smartphone = Indicator.objects.get(code="vt-thue-bao-smartphone")
    services.save_values(
        release=march,
        entries={smartphone.pk: services.Entry(value=Decimal("92.15"))},
        user=board,
        correction_note="Đính chính số thuê bao smartphone tháng 03/2022 theo báo cáo của Cục Viễn thông.",
    )
    factories.transition(march, Action.SUBMIT, user=board)
    factories.transition(march, Action.PUBLISH, user=administrator)
    made[(2022, 5)] = _release(
        2022, 5, EMBARGOED_MAY_2022, author=reporter, approver=board, at=timezone.now() + dt.timedelta(days=30)
    )
    made[(2022, 6)] = _release(2022, 6, DRAFT_JUNE_2022, author=reporter, approver=board, submit=False, publish=False)
    return made


@pytest.fixture
def figures(db, reporter, administrator, board):
    """The releases above, by (year, month)."""
    return build(reporter=reporter, administrator=administrator, board=board)
