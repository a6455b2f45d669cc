"""Scale data for meetings: 5,000 meetings over twenty years with 20,000 directives.

Rows are written with ``COPY`` (the workflow item by item would take tens of minutes),
but the workflow decides what they hold:

- each meeting is created and submitted by the bench reporter and approved by the bench
  board member (``common.published_history``, i.e. ``portal.editorial.services.replay``):
  states, versions, publish times, the audit rows and the ``save`` and ``published``
  revisions, whose data is ``serialize()`` of the meeting with its registered parts (its
  directives and documents, ``meetings/revisions.py``). Past meetings are written up and
  approved after they are held; the newest may still be drafts or awaiting approval;
- about 20% of the meetings have a published public summary (the same life);
- the search documents are ``index_item``'s (``portal.search.services.index_items``);
- directives are given at the meeting (``deadline_kind`` a date or a month, a month
  meaning its last day, as ``deadlines.parse_deadline`` reads it) and followed up as
  ``services.post_progress`` does: progress updates, ``last_progress_at`` the time of the
  latest, a final update ``marks_done`` with the completion date and evidence. Their
  derived status is a realistic mix: done on time, done late, overdue, in progress, not
  started;
- a published meeting keeps the names shown at its approval (``services.snapshot_names``).

Units (about 40, the demo's among them) and people (about 300) are completed first,
always the same names, so the demo's people lead directives too.

Idempotent: the generated meetings are those created by the bench reporter; a second run
finds them and adds nothing (asking for more adds only the difference).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random
import re
import time
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone, translation

from meetings import demo
from meetings.enums import DeadlineKind, MeetingFormat, MeetingKind
from meetings.models import Directive, Meeting, Person, ProgressUpdate, PublicSummary, Unit
from meetings.revisions import directive_entry
from portal.core.text import vn_slugify
from portal.editorial.services import History
from portal.editorial.signals import content_changed
from portal.search.services import index_items

from .common import copy_dicts, copy_instances, published_history, reserve_ids, write_history

VN = ZoneInfo("Asia/Ho_Chi_Minh")

# -- the ministry ------------------------------------------------------------------------

UNITS = [
    # (name, short name, parent); the demo's units first (the same rows are reused).
    *demo.UNITS,
    ("Thanh tra Bộ", "TTra", None),
    ("Vụ Pháp chế", "PC", None),
    ("Vụ Khoa học và Công nghệ", "KHCN", None),
    ("Vụ Hợp tác quốc tế", "HTQT", None),
    ("Vụ Thi đua - Khen thưởng", "TĐKT", None),
    ("Vụ Bưu chính", "BC", None),
    ("Vụ Quản lý doanh nghiệp", "QLDN", None),
    ("Cục Viễn thông", "CVT", None),
    ("Cục Tần số vô tuyến điện", "CTS", None),
    ("Cục Xuất bản, In và Phát hành", "CXBIPH", None),
    ("Cục Phát thanh, truyền hình và thông tin điện tử", "PTTH", None),
    ("Cục Thông tin cơ sở", "TTCS", None),
    ("Cục Bưu điện Trung ương", "BĐTW", None),
    ("Cục Kinh tế số và Xã hội số", "KTS", None),
    ("Trung tâm Internet Việt Nam", "VNNIC", None),
    ("Trung tâm Chứng thực điện tử quốc gia", "NEAC", None),
    ("Viện Chiến lược Thông tin và Truyền thông", "VCL", None),
    ("Học viện Công nghệ Bưu chính Viễn thông", "HVCN", None),
    ("Quỹ Dịch vụ viễn thông công ích Việt Nam", "VTF", None),
    ("Báo VietNamNet", "VNN", None),
    ("Tạp chí Thông tin và Truyền thông", "TCTT", None),
    ("Nhà xuất bản Thông tin và Truyền thông", "NXB", None),
    ("Trường Đào tạo, bồi dưỡng cán bộ quản lý thông tin và truyền thông", "TĐT", None),
    ("Phòng Kiểm soát thủ tục hành chính", "KSTT", "Văn phòng Bộ"),
    ("Phòng Quản lý kinh doanh viễn thông", "QLKD", "Cục Viễn thông"),
    ("Trung tâm Giám sát an toàn không gian mạng quốc gia", "NCSC", "Cục An toàn thông tin"),
    ("Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam", "VNCERT", "Cục An toàn thông tin"),
    ("Trung tâm Tần số vô tuyến điện khu vực I", "TS1", "Cục Tần số vô tuyến điện"),
    ("Trung tâm Tần số vô tuyến điện khu vực II", "TS2", "Cục Tần số vô tuyến điện"),
    ("Phòng Chuyển đổi số nội bộ", "CĐSNB", "Trung tâm Thông tin"),
    ("Phòng Quản lý thông tin điện tử", "QLTTĐT", "Cục Phát thanh, truyền hình và thông tin điện tử"),
]
LEADERSHIP = "Lãnh đạo Bộ"

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Trịnh", "Lương", "Mai", "Tạ", "Cao"]  # fmt: skip
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân", "Công", "Tuấn", "Mạnh", "Việt", "Hoàng"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Thùy", "Kim", "Lan"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hòa", "Hùng", "Huy", "Khánh", "Khoa", "Long",
           "Nam", "Phong", "Quân", "Sơn", "Thắng", "Thành", "Trung", "Tuấn", "Tùng", "Việt", "Vinh"]  # fmt: skip
GIVEN_F = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngân",
           "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Trang", "Uyên", "Vân", "Yến"]  # fmt: skip
STAFF_TITLES = ["Chuyên viên cao cấp", "Chuyên viên chính", "Chuyên viên chính", "Chuyên viên", "Chuyên viên"]


def _head_titles(unit: str) -> tuple[str, str]:
    for prefix, head in (
        ("Cục ", "Cục trưởng"), ("Vụ ", "Vụ trưởng"), ("Văn phòng", "Chánh Văn phòng"), ("Thanh tra", "Chánh Thanh tra"),
        ("Viện ", "Viện trưởng"), ("Học viện", "Giám đốc Học viện"), ("Trường", "Hiệu trưởng"),
        ("Báo ", "Tổng Biên tập"), ("Tạp chí", "Tổng Biên tập"), ("Phòng ", "Trưởng phòng"), ("Ban ", "Trưởng ban"),
    ):  # fmt: skip
        if unit.startswith(prefix):
            return head, f"Phó {head}" if not head.startswith("Giám đốc Học") else "Phó Giám đốc Học viện"
    return "Giám đốc", "Phó Giám đốc"


# -- what meetings are about -------------------------------------------------------------

SUBJECTS = [
    "chuyển đổi số quốc gia", "phát triển hạ tầng băng rộng", "thương mại hóa dịch vụ 5G", "an toàn thông tin mạng",
    "dịch vụ công trực tuyến toàn trình", "kinh tế số và xã hội số", "công nghiệp công nghệ số",
    "quản lý tần số vô tuyến điện", "quy hoạch phát triển báo chí", "chống tin giả trên không gian mạng",
    "phổ cập điện thoại thông minh", "định danh và xác thực điện tử", "nền tảng số quốc gia", "chữ ký số công cộng",
    "bưu chính và chuyển phát", "xuất bản và phát hành sách", "dữ liệu số dùng chung", "thu hồi sim rác",
    "xử lý cuộc gọi rác", "phủ sóng vùng lõm", "đào tạo nhân lực công nghệ số", "chuyển đổi IPv6",
    "dịch vụ viễn thông công ích", "thông tin cơ sở", "thông tin đối ngoại", "công tác cải cách hành chính",
    "giải ngân vốn đầu tư công", "quản lý quảng cáo trực tuyến", "phát thanh, truyền hình số mặt đất",
]  # fmt: skip
LAWS = ["Luật Viễn thông (sửa đổi)", "Luật Giao dịch điện tử (sửa đổi)", "Luật Công nghiệp công nghệ số",
        "Luật Báo chí (sửa đổi)", "Luật Tần số vô tuyến điện (sửa đổi)", "Luật Bưu chính (sửa đổi)",
        "Luật Xuất bản (sửa đổi)", "Luật An toàn thông tin mạng"]  # fmt: skip
PARTNERS = [
    # (organisation, place of a working session there)
    ("Tập đoàn Bưu chính Viễn thông Việt Nam", "Hà Nội"), ("Tổng công ty Bưu điện Việt Nam", "Hà Nội"),
    ("Tập đoàn Công nghiệp - Viễn thông Quân đội", "Hà Nội"), ("Tổng công ty Viễn thông MobiFone", "Hà Nội"),
    ("Sở Thông tin và Truyền thông Hà Nội", "Hà Nội"), ("Sở Thông tin và Truyền thông Thành phố Hồ Chí Minh",
    "Thành phố Hồ Chí Minh"), ("Sở Thông tin và Truyền thông Đà Nẵng", "Đà Nẵng"),
    ("Ủy ban nhân dân tỉnh Quảng Ninh", "Quảng Ninh"), ("Ủy ban nhân dân tỉnh Bắc Ninh", "Bắc Ninh"),
    ("Ủy ban nhân dân tỉnh Lào Cai", "Lào Cai"), ("Ủy ban nhân dân tỉnh Nghệ An", "Nghệ An"),
    ("Ủy ban nhân dân thành phố Cần Thơ", "Cần Thơ"), ("Ủy ban nhân dân thành phố Hải Phòng", "Hải Phòng"),
    ("Hiệp hội Internet Việt Nam", "Hà Nội"), ("Hội Nhà báo Việt Nam", "Hà Nội"),
]  # fmt: skip
HQ = "Trụ sở Bộ, 18 Nguyễn Du, Hà Nội"
ROOMS = [HQ, "Phòng họp tầng 3, Trụ sở Bộ", "Phòng họp trực tuyến của Bộ", "Hà Nội"]
SUMMARY_SENTENCES = [
    "Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến tới các điểm cầu.",
    "Đại diện các đơn vị đã báo cáo kết quả thực hiện nhiệm vụ trong kỳ và kiến nghị những vướng mắc.",
    "Các đại biểu thống nhất cần tiếp tục rà soát, hoàn thiện văn bản hướng dẫn để sớm trình cấp có thẩm quyền.",
    "Nhiều ý kiến đề nghị tăng cường phối hợp giữa trung ương và địa phương trong quá trình triển khai.",
    "Báo cáo cũng chỉ ra một số tồn tại, hạn chế cần sớm được khắc phục.",
    "Các nội dung được đánh giá cụ thể, có số liệu minh chứng và so sánh với cùng kỳ năm trước.",
    "Bên cạnh kết quả đạt được, vẫn còn khó khăn về nguồn nhân lực và kinh phí.",
    "Một số chỉ tiêu về {s} chưa đạt kế hoạch, cần có giải pháp cụ thể trong thời gian tới.",
    "Trong kỳ, các đơn vị đã tập trung triển khai các nhiệm vụ về {s}.",
]  # fmt: skip
CONCLUSIONS = [
    "Các đơn vị bám sát tiến độ, phân công rõ người, rõ việc, rõ thời hạn hoàn thành.",
    "Người đứng đầu đơn vị chịu trách nhiệm về tiến độ và chất lượng các nhiệm vụ được giao.",
    "Việc nào đã rõ, đã chín thì làm ngay; việc nào còn vướng thì báo cáo Lãnh đạo Bộ trước ngày 25 hằng tháng.",
    "Tập trung tháo gỡ khó khăn, tạo thuận lợi cho người dân và doanh nghiệp về {s}.",
    "Đẩy nhanh việc xây dựng, hoàn thiện thể chế về {s}; văn bản trình Bộ phải có đánh giá tác động.",
    "Văn phòng Bộ theo dõi, đôn đốc và báo cáo tình hình thực hiện tại cuộc họp giao ban tiếp theo.",
    "Các đơn vị đưa toàn bộ hồ sơ công việc lên môi trường số, không dùng văn bản giấy.",
    "Tăng cường truyền thông chính sách để người dân hiểu và cùng tham gia về {s}.",
]  # fmt: skip
DIRECTIVE_ACTIONS = ["Chủ trì xây dựng", "Khẩn trương hoàn thiện", "Rà soát, sửa đổi", "Nghiên cứu, đề xuất",
                     "Tổ chức triển khai", "Trình Bộ trưởng ban hành", "Xây dựng và ban hành", "Tổng kết, đánh giá",
                     "Hướng dẫn các địa phương thực hiện", "Đôn đốc, kiểm tra việc thực hiện"]  # fmt: skip
DIRECTIVE_OBJECTS = ["dự thảo Nghị định về", "dự thảo Thông tư hướng dẫn về", "Đề án về", "kế hoạch triển khai",
                     "bộ tiêu chí đánh giá về", "chương trình hành động về", "quy chế phối hợp về",
                     "hướng dẫn kỹ thuật về", "báo cáo chuyên đề về", "chiến lược phát triển"]  # fmt: skip
DIRECTIVE_TAILS = ["", ", trình Bộ trưởng", ", báo cáo Bộ trưởng kết quả thực hiện", " trên phạm vi cả nước",
                   "; báo cáo tại cuộc họp giao ban tháng sau", ", bảo đảm chất lượng và đúng tiến độ"]  # fmt: skip
PROGRESS = [
    "Đã xây dựng dự thảo, đang lấy ý kiến các đơn vị.",
    "Đã tổ chức họp lấy ý kiến chuyên gia, doanh nghiệp.",
    "Đang tổng hợp ý kiến góp ý, hoàn thiện dự thảo.",
    "Đã gửi xin ý kiến các bộ, ngành và địa phương liên quan.",
    "Đang phối hợp với các đơn vị liên quan hoàn thiện hồ sơ.",
    "Đã hoàn thành khoảng {p}% khối lượng công việc.",
    "Đã thành lập tổ soạn thảo, xây dựng đề cương chi tiết.",
]  # fmt: skip
EVIDENCE = [
    "Đã ban hành Quyết định số {n}/QĐ-BTTTT ngày {d}.",
    "Đã trình Bộ trưởng tại Tờ trình số {n}/TTr-{u} ngày {d}.",
    "Đã gửi Báo cáo số {n}/BC-{u} ngày {d} về kết quả thực hiện.",
    "Đã ban hành Công văn số {n}/{u}-VP ngày {d} hướng dẫn các đơn vị.",
    "Đã tổ chức hội nghị triển khai ngày {d}.",
]  # fmt: skip
ROMAN = ["I", "II", "III", "IV"]


# -- helpers ------------------------------------------------------------------------------


def _say(stdout, text: str) -> None:
    stdout.write(text + "\n")
    if hasattr(stdout, "flush"):
        stdout.flush()


def _vn(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN).astimezone(dt.UTC)


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _quarter_end(day: dt.date) -> dt.date:
    return _month_end(day.replace(month=((day.month - 1) // 3) * 3 + 3, day=1))


def _unique_slug(title: str, taken: set[str]) -> str:
    """``portal.core.text.unique_slug`` (what ``services.fill_slug`` gives), on a set."""
    base = vn_slugify(title, 280 - 6) or "bai-viet"
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _fill(rng: random.Random, text: str) -> str:
    return text.format(s=rng.choice(SUBJECTS), p=rng.randint(30, 90))


# -- units and people ---------------------------------------------------------------------


def _ensure_units(limit: int) -> dict[str, Unit]:
    have = {u.name: u for u in Unit.objects.all()}
    top = max((u.order for u in have.values()), default=-1)
    for name, short, parent in UNITS[: max(limit, 1)]:
        if name in have:
            continue
        if parent and parent not in have:
            parent = None
        top += 1
        have[name] = Unit.objects.create(name=name, short_name=short, parent=have.get(parent), order=top)
    return have


def _ensure_people(target: int, units: dict[str, Unit]) -> list[Person]:
    """Up to four leaders (a minister and deputies), then round by round a head, deputies
    and staff for every unit until there are ``target`` people (names from a seed of their
    own, never one already there); a second run finds them all and adds none."""
    rng = random.Random(20_240_501)
    existing = list(Person.objects.all())
    names = {p.full_name for p in existing}
    leadership = units.get(LEADERSHIP)
    leaders = sum(1 for p in existing if leadership and p.unit_id == leadership.pk)
    others = [u for u in units.values() if u.name != LEADERSHIP]

    plan: list[tuple[str, Unit]] = []
    if leadership is not None:
        plan += [("Bộ trưởng" if i == 0 else "Thứ trưởng", leadership) for i in range(leaders, 4)]
    rounds = math.ceil(max(0, target - len(existing) - len(plan)) / max(1, len(others)))
    for rank in range(rounds):
        for unit in others:
            head, deputy = _head_titles(unit.name)
            plan.append((head if rank == 0 else deputy if rank < 3 else rng.choice(STAFF_TITLES), unit))

    made: list[Person] = []
    for title, unit in plan:
        if len(existing) + len(made) >= target and unit is not leadership:
            break
        while True:
            female = rng.random() < 0.4
            name = " ".join([rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M),
                             rng.choice(GIVEN_F if female else GIVEN_M)])  # fmt: skip
            if name not in names:
                break
        names.add(name)
        made.append(Person(full_name=name, title=title, unit=unit))
    Person.objects.bulk_create(made)
    return list(Person.objects.select_related("unit").order_by("id"))


# -- the plan of meetings -----------------------------------------------------------------


def _taken_periods() -> tuple[set, set, set]:
    """Months and quarters that already have their monthly, quarterly or press meeting."""
    monthly, quarterly, press = set(), set(), set()
    for kind, title in Meeting.objects.values_list("kind", "title"):
        if kind == MeetingKind.MONTHLY and (m := re.search(r"tháng (\d{1,2})/(\d{4})", title)):
            monthly.add((int(m[2]), int(m[1])))
        elif kind == MeetingKind.QUARTERLY and (m := re.search(r"quý ([IV]+)/(\d{4})", title)):
            quarterly.add((int(m[2]), ROMAN.index(m[1]) + 1 if m[1] in ROMAN else 0))
        elif kind == MeetingKind.PRESS and (m := re.search(r"tháng (\d{1,2})/(\d{4})", title)):
            press.add((int(m[2]), int(m[1])))
    return monthly, quarterly, press


def _spread(items: list, k: int) -> list:
    """``k`` items evenly spread over ``items``, the newest (last) always among them."""
    if k <= 0:
        return []
    if k >= len(items):
        return list(items)
    return [items[len(items) - 1 - int(j * len(items) / k)] for j in range(k)]


def _plan(n: int, rng: random.Random, today: dt.date, years: int) -> list[dict]:
    """(kind, title, start) of ``n`` meetings: the monthly, quarterly and press meetings of
    the period (skipping those that exist), the rest working sessions and thematic
    meetings on working days, a few of them in the coming month."""
    first = today.replace(day=1)
    months = []
    y, m = first.year, first.month
    for _ in range(years * 12):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        months.append((y, m))
    months.reverse()  # oldest first; the last is the previous month
    taken_m, taken_q, taken_p = _taken_periods()
    planned: list[dict] = []

    def following(y: int, m: int, day: int) -> dt.date:
        return dt.date(y + m // 12, m % 12 + 1, day)

    for y, m in _spread([p for p in months if p not in taken_m], min(len(months), round(n * 0.048))):
        start = _vn(_weekday(following(y, m, rng.randint(4, 12))), *rng.choice([(8, 30), (14, 0)]))
        planned.append({"kind": MeetingKind.MONTHLY, "title": f"Giao ban quản lý nhà nước tháng {m:02d}/{y}",
                        "start": start, "period": (y, m)})  # fmt: skip
    quarters = sorted({(y, (m - 1) // 3 + 1) for y, m in months if m % 3 == 0} - taken_q)
    for y, q in _spread(quarters, min(len(quarters), round(n * 0.016))):
        start = _vn(_weekday(dt.date(y, q * 3, rng.randint(10, 20))), 8, 30)
        planned.append({"kind": MeetingKind.QUARTERLY, "title": f"Giao ban quản lý nhà nước quý {ROMAN[q - 1]}/{y}",
                        "start": start, "period": (y, q * 3)})  # fmt: skip
    for y, m in _spread([p for p in months if p not in taken_p], min(len(months), round(n * 0.048))):
        start = _vn(_weekday(following(y, m, rng.randint(1, 7))), 15, 0)
        planned.append({"kind": MeetingKind.PRESS, "title": f"Họp báo định kỳ Bộ Thông tin và Truyền thông tháng {m:02d}/{y}",
                        "start": start, "period": None})  # fmt: skip
    span = (today - dt.date(months[0][0], months[0][1], 1)).days
    upcoming = round(n * 0.004)
    rest = n - len(planned)
    for i in range(max(0, rest)):
        if i < upcoming:
            day = today + dt.timedelta(days=rng.randint(1, 30))
        else:
            day = today - dt.timedelta(days=rng.randint(1, span))
        start = _vn(_weekday(day), *rng.choice([(8, 0), (8, 30), (9, 0), (10, 0), (14, 0), (14, 30), (15, 30)]))
        planned.append({"kind": MeetingKind.WORKING if rng.random() < 0.6 else MeetingKind.THEMATIC,
                        "title": "", "start": start, "period": None})  # fmt: skip
    planned.sort(key=lambda p: p["start"])
    return planned[:n] if len(planned) > n else planned


# -- generation ---------------------------------------------------------------------------


class _Maker:
    def __init__(self, *, author, rng, now, units, people):
        self.author, self.rng, self.now = author, rng, now
        self.today = timezone.localtime(now).date()
        self.units = units
        self.by_unit: dict[int, list[Person]] = {}
        for p in people:
            self.by_unit.setdefault(p.unit_id, []).append(p)
        leadership = units.get(LEADERSHIP)
        self.leaders = self.by_unit.get(leadership.pk, []) if leadership else []
        self.minister = next(
            (p for p in self.leaders if p.title == "Bộ trưởng"), self.leaders[0] if self.leaders else None
        )
        self.working_units = [u for u in units.values() if u.name != LEADERSHIP]
        self.releases: dict[tuple[int, int], int] = {}
        try:
            release = apps.get_model("stats", "Release")
            self.releases = {(y, m): pk for pk, y, m in release.objects.values_list("pk", "year", "month")}
        except LookupError:
            pass

    # -- one meeting --------------------------------------------------------------------

    def heads(self, unit: Unit, k: int = 1) -> list[Person]:
        people = self.by_unit.get(unit.pk, [])
        return people[:k]

    def meeting(self, spec: dict, pk: int, slugs: set[str]) -> dict:
        rng, kind, start = self.rng, spec["kind"], spec["start"]
        local = timezone.localtime(start, VN)
        subject = rng.choice(SUBJECTS)
        chair = self.minister
        if kind in (MeetingKind.WORKING, MeetingKind.THEMATIC, MeetingKind.PRESS) and self.leaders:
            chair = rng.choice(self.leaders)
        partner_place = None
        units = rng.sample(self.working_units, min(len(self.working_units), rng.randint(2, 5)))
        title = spec["title"]
        if kind == MeetingKind.WORKING:
            if rng.random() < 0.6 or not PARTNERS:
                partner = rng.choice(self.working_units)
                units = [partner] + [u for u in units if u != partner][:3]
                name = partner.name
            else:
                name, partner_place = rng.choice(PARTNERS)
            who = "Bộ trưởng" if chair is None or chair.title == "Bộ trưởng" else f"Thứ trưởng {chair.full_name}"
            title = (
                f"{who} làm việc với {name} về {subject}" if rng.random() < 0.7 else f"Làm việc với {name} về {subject}"
            )
        elif kind == MeetingKind.THEMATIC:
            title = rng.choice([
                f"Họp chuyên đề về {subject}",
                f"Hội nghị chuyên đề: {rng.choice(DIRECTIVE_OBJECTS)} {subject}",
                f"Họp Ban soạn thảo {rng.choice(LAWS)}",
                f"Hội nghị triển khai nhiệm vụ về {subject} năm {local.year}",
            ])  # fmt: skip
        elif kind in (MeetingKind.MONTHLY, MeetingKind.QUARTERLY):
            units = rng.sample(self.working_units, min(len(self.working_units), rng.randint(6, 12)))
        elif kind == MeetingKind.PRESS:
            units = [u for u in self.working_units if u.name in ("Văn phòng Bộ", "Trung tâm Thông tin")] + units[:2]
        attendees = [p for p in self.leaders if p != chair]
        attendees = rng.sample(attendees, min(len(attendees), rng.randint(1, 3)))
        for unit in units[: rng.randint(1, 4)]:
            attendees += self.heads(unit)
        attendees = list(dict.fromkeys(attendees))

        fmt = MeetingFormat.IN_PERSON
        bridge = None
        if kind in (MeetingKind.MONTHLY, MeetingKind.QUARTERLY):
            fmt = rng.choice(
                [MeetingFormat.ONLINE, MeetingFormat.HYBRID, MeetingFormat.HYBRID, MeetingFormat.IN_PERSON]
            )
        elif rng.random() < 0.15:
            fmt = rng.choice([MeetingFormat.ONLINE, MeetingFormat.HYBRID])
        if fmt != MeetingFormat.IN_PERSON:
            bridge = rng.randint(10, 63) if kind in (MeetingKind.MONTHLY, MeetingKind.QUARTERLY) else rng.randint(2, 8)
        place = partner_place or (HQ if kind in (MeetingKind.MONTHLY, MeetingKind.QUARTERLY) else rng.choice(ROOMS))
        if kind == MeetingKind.PRESS:
            place = "Trụ sở Bộ, 18 Nguyễn Du, Hà Nội"

        agenda: list[str] = []
        if kind == MeetingKind.MONTHLY:
            y, m = spec["period"]
            ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
            agenda = [f"Kết quả công tác quản lý nhà nước tháng {m:02d}/{y}",
                      f"Tổng quan số liệu các lĩnh vực của ngành tháng {m:02d}/{y}",
                      f"Nhiệm vụ trọng tâm tháng {nm:02d}/{ny}"]  # fmt: skip
        elif kind == MeetingKind.QUARTERLY:
            agenda = ["Kết quả công tác quản lý nhà nước trong quý", f"Báo cáo chuyên đề về {subject}",
                      "Nhiệm vụ trọng tâm quý tới"]  # fmt: skip
        elif kind == MeetingKind.WORKING:
            agenda = [f"Báo cáo kết quả thực hiện nhiệm vụ về {subject}", "Ý kiến của các đơn vị tham dự",
                      "Kết luận của lãnh đạo Bộ"]  # fmt: skip
        elif kind == MeetingKind.PRESS:
            agenda = ["Thông tin về kết quả công tác của Bộ trong tháng", "Trả lời câu hỏi của phóng viên"]
        past = start < self.now
        summary = " ".join(_fill(rng, s) for s in rng.sample(SUMMARY_SENTENCES, rng.randint(1, 3)))
        conclusions = (
            "\n".join(_fill(rng, s) for s in rng.sample(CONCLUSIONS, rng.randint(2, 4))) if past and kind != MeetingKind.PRESS else ""
        )  # fmt: skip
        if not past and kind in (MeetingKind.MONTHLY, MeetingKind.QUARTERLY):
            summary = "Đánh giá kết quả công tác tháng và triển khai nhiệm vụ tháng tới."
        period = spec.get("period")
        return {
            "id": pk,
            "title": title,
            "slug": _unique_slug(title, slugs),
            "kind": kind.value,
            "start_at": start,
            "end_at": start + dt.timedelta(minutes=90 if kind == MeetingKind.PRESS else rng.choice([120, 150, 180, 240])),
            "place": place,
            "format": fmt.value,
            "bridge_points": bridge,
            "chair_id": chair.pk if chair else None,
            "agenda": "\n".join(agenda),
            "summary": summary,
            "conclusions": conclusions,
            "news_article_id": None,
            "stats_release_id": self.releases.get(period) if kind == MeetingKind.MONTHLY and period else None,
            "is_internal": kind != MeetingKind.PRESS,
            "expire_at": None,
            "_attendees": sorted(p.pk for p in attendees),
            "_units": sorted({u.pk for u in units}),
            "_chair": chair,
            "shown_names": {},  # filled once its directives are made (``_shown_names``)
        }  # fmt: skip

    def schedule(self, row: dict, *, created: dt.datetime, submitted: dt.datetime, approved: dt.datetime) -> None:
        """When the item is created, submitted and approved (``common.published_history``
        keeps the steps that have happened by now); ``_live``: whether it will be."""
        row["_times"] = (created, submitted, approved)
        row["_live"] = submitted <= self.now and approved <= self.now

    # -- directives --------------------------------------------------------------------

    def directive_text(self) -> str:
        rng = self.rng
        return f"{rng.choice(DIRECTIVE_ACTIONS)} {rng.choice(DIRECTIVE_OBJECTS)} {rng.choice(SUBJECTS)}{rng.choice(DIRECTIVE_TAILS)}."

    def directive(self, meeting: dict, number: int, pk: int) -> tuple[dict, list[int], list[dict]]:
        rng, today = self.rng, self.today
        held = timezone.localtime(meeting["start_at"], VN).date()
        unit = rng.choice(self.working_units)
        people = self.by_unit.get(unit.pk, [])
        lead_person = rng.choice(people[:3]) if people and rng.random() < 0.85 else None
        # Mostly within a few months; some for the year ahead ("trong tháng 12/…").
        days = int(rng.triangular(7, 180, 30)) if rng.random() < 0.85 else rng.randint(180, 540)
        base = held + dt.timedelta(days=days)
        if rng.random() < 0.5:
            deadline, kind = _month_end(base), DeadlineKind.MONTH
        else:
            deadline, kind = base, DeadlineKind.DATE
        # A few by quarter and a few ongoing (picked by id: the random sequence is unchanged).
        if pk % 29 == 0:
            deadline, kind = _quarter_end(base), DeadlineKind.QUARTER
        support = [u.pk for u in rng.sample(self.working_units, rng.choice([0, 0, 1, 1, 2, 3])) if u != unit]
        row = {
            "id": pk, "meeting_id": meeting["id"], "number": number, "text": self.directive_text(),
            "giver_id": meeting["chair_id"], "lead_unit_id": unit.pk,
            "lead_person_id": lead_person.pk if lead_person else None, "deadline": deadline,
            "deadline_kind": kind.value, "completed_on": None, "completion_evidence": "", "last_progress_at": None,
            "created_at": meeting["start_at"] + dt.timedelta(hours=rng.randint(3, 30)),
            "no_deadline_reason": "", "extended_deadline": None, "reported_done_on": None, "reported_at": None,
            "reported_by_id": None, "completion_document": "", "verified_by_id": None, "verified_at": None,
        }  # fmt: skip
        if row["created_at"] > self.now:
            row["created_at"] = self.now - dt.timedelta(minutes=5)
        first_day = held + dt.timedelta(days=1)
        completed = None
        progress_until = None
        if first_day <= today:
            r = rng.random()
            if deadline < today:
                age = (today - deadline).days
                p_open = 0.35 if age < 120 else 0.15 if age < 730 else 0.03
                if r < p_open:
                    progress_until = today if rng.random() < 0.5 else None  # overdue (with or without progress)
                elif r < p_open + (1 - p_open) * 0.22:
                    completed = deadline + dt.timedelta(days=rng.randint(1, 75))  # done late
                    if completed > today:
                        completed, progress_until = None, today
                else:
                    span = max(0, min(25, (deadline - first_day).days))
                    completed = deadline - dt.timedelta(days=rng.randint(0, span))  # done on time
            elif r < 0.15:
                completed = first_day + dt.timedelta(days=rng.randint(0, (today - first_day).days))  # done early
            elif r < 0.7:
                progress_until = today  # in progress (else not started)
        updates: list[dict] = []
        end = completed or progress_until
        if end is not None:
            k = rng.choice([0, 1, 1, 2, 3]) if completed else rng.choice([1, 1, 2, 3])
            days = sorted(
                first_day + dt.timedelta(days=rng.randint(0, max(0, (end - first_day).days))) for _ in range(k)
            )
            for day in days:
                updates.append(self.update(pk, day, _fill(rng, rng.choice(PROGRESS)), False))
            if completed:
                evidence = rng.choice(EVIDENCE).format(n=rng.randint(10, 2999), u=unit.short_name or "BTTTT",
                                                       d=completed.strftime("%d/%m/%Y"))  # fmt: skip
                updates.append(self.update(pk, completed, evidence, True))
                # Reported by the lead unit, verified by Văn phòng the same day.
                at = updates[-1]["created_at"]
                row.update(completed_on=completed, completion_evidence=evidence, reported_done_on=completed,
                           reported_at=at, reported_by_id=self.author.pk, verified_by_id=self.author.pk,
                           verified_at=at)  # fmt: skip
            row["last_progress_at"] = max(u["created_at"] for u in updates)
        if pk % 31 == 0 and completed is None:  # ongoing ("thường xuyên"): no deadline
            row.update(deadline=None, deadline_kind=DeadlineKind.ONGOING.value)
        return row, support, updates

    def update(self, directive_id: int, on: dt.date, text: str, done: bool) -> dict:
        at = _vn(on, self.rng.randint(8, 16), self.rng.randint(0, 59))
        if at > self.now:
            at = self.now - dt.timedelta(minutes=1)
        return {"directive_id": directive_id, "on": on, "text": text, "attachment": "", "marks_done": done,
                "author_id": self.author.pk, "created_at": at}  # fmt: skip

    # -- the public summary ------------------------------------------------------------

    def public_summary(self, meeting: dict, pk: int, slugs: set[str]) -> dict:
        rng = self.rng
        local = timezone.localtime(meeting["start_at"], VN)
        chair = meeting["_chair"]
        who = f"{chair.title} {chair.full_name}" if chair else "Lãnh đạo Bộ"
        title = meeting["title"]
        when = f"{'Sáng' if local.hour < 12 else 'Chiều'} {local:%d/%m/%Y}"
        if meeting["kind"] in (MeetingKind.MONTHLY, MeetingKind.QUARTERLY):
            opening = f"{when}, {who} chủ trì Hội nghị {title[0].lower()}{title[1:]}."
            title = "Bộ TT&TT g" + title[1:]
        elif "làm việc với " in title:
            opening = f"{when}, {who} có buổi làm việc với {title.split('làm việc với ', 1)[1]}."
        else:
            opening = f"{when}, {who} chủ trì {title[0].lower()}{title[1:]}."
        text = "\n".join([
            opening,
            _fill(rng, rng.choice(SUMMARY_SENTENCES)),
            _fill(rng, rng.choice(CONCLUSIONS)),
        ])  # fmt: skip
        # Its own address, from its public title, never the meeting's (``services.fill_summary_slug``).
        return {"id": pk, "meeting_id": meeting["id"], "title": title, "slug": _unique_slug(title, slugs),
                "text": text, "is_internal": False}  # fmt: skip


def _allocate(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainders), none where 0."""
    whole = sum(weights) or 1.0
    shares = [total * w / whole for w in weights]
    counts = [int(x) for x in shares]
    able = [i for i, w in enumerate(weights) if w > 0]
    for i in sorted(able, key=lambda i: shares[i] - counts[i], reverse=True)[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _items(rows: list[dict], model, *, author, approver, now, parts_of=None) -> tuple[list, History]:
    """The rows as model instances with the workflow fields and history their times give."""
    items, history = [], History()
    for row in rows:
        item = model(**{k: v for k, v in row.items() if not k.startswith("_")})
        created, submitted, approved = row["_times"]
        m2m = {"attendees": row["_attendees"], "attending_units": row["_units"]} if model is Meeting else None
        history += published_history(
            item=item, author=author, approver=approver, created=created, submitted=submitted, approved=approved,
            now=now, m2m=m2m, parts=parts_of(row) if parts_of else None,
        )  # fmt: skip
        if item.live != row["_live"]:
            raise AssertionError(f"{model.__name__} {item.pk}: live {item.live}, planned {row['_live']}")
        items.append(item)
    return items, history


def _shown_names(rows: list[dict], d_rows: list[dict], supporting: dict[int, list[int]], *, units, people) -> None:
    """The names a published record keeps from its approval (``services.snapshot_names``)."""
    unit_name = {u.pk: u.name for u in units.values()}
    unit_rank = {u.pk: (u.order, u.name) for u in units.values()}
    person = {p.pk: p for p in people}

    def who(pk):
        p = person.get(pk)
        return {"name": p.full_name, "title": p.title} if p else None

    by_meeting: dict[int, list[dict]] = {}
    for d in d_rows:
        by_meeting.setdefault(d["meeting_id"], []).append(d)
    for row in rows:
        if not row["_live"]:
            continue
        names = {
            "chair": who(row["chair_id"]),
            "attendees": [who(pk) for pk in sorted(row["_attendees"], key=lambda pk: person[pk].full_name)],
            "units": [unit_name[pk] for pk in sorted(row["_units"], key=unit_rank.__getitem__)],
            "directives": {
                str(d["id"]): {
                    "giver": person[d["giver_id"]].full_name if d["giver_id"] in person else "",
                    "lead_unit": unit_name[d["lead_unit_id"]],
                    "lead_person": person[d["lead_person_id"]].full_name if d["lead_person_id"] in person else "",
                    "supporting": [unit_name[u] for u in supporting.get(d["id"], [])],
                }
                for d in by_meeting.get(row["id"], [])
            },
        }
        row["shown_names"] = names


def generate(*, author, approver, stdout, rng: random.Random, meetings: int = 5000, directives: int = 20_000,
             units: int = len(UNITS), people: int = 300, years: int = 20, summaries: float = 0.2) -> None:  # fmt: skip
    """Add meetings created by ``author`` until there are ``meetings`` of them, with
    ``directives`` directives in all (see the module docstring)."""
    t0 = time.monotonic()
    now = timezone.now()
    with transaction.atomic():
        unit_map = _ensure_units(units)
        everyone = _ensure_people(people, unit_map)
        existing = Meeting.objects.filter(created_by=author).count()
        _say(stdout, f"meetings: {len(unit_map)} units, {len(everyone)} people; {existing} generated meetings present")
        if existing >= meetings:
            _say(stdout, f"meetings: {existing} generated meetings already present; nothing to add")
            return
        have_directives = Directive.objects.filter(meeting__created_by=author).count()
        maker = _Maker(author=author, rng=rng, now=now, units=unit_map, people=everyone)
        plan = _plan(meetings - existing, rng, maker.today, years)
        slugs = set(Meeting.objects.values_list("slug", flat=True)) | set(
            PublicSummary.objects.values_list("slug", flat=True)
        )
        with connection.cursor() as cur:
            meeting_ids = reserve_ids(cur, Meeting, len(plan))
            rows = [maker.meeting(spec, pk, slugs) for spec, pk in zip(plan, meeting_ids, strict=True)]
            for row in rows:
                start = row["start_at"]
                if start > now:  # an upcoming meeting: announced a few days ahead
                    created = min(now, start - dt.timedelta(days=rng.randint(3, 20))) - dt.timedelta(hours=1)
                    submitted = created + dt.timedelta(hours=rng.randint(1, 6))
                    approved = submitted + dt.timedelta(hours=rng.randint(1, 20))
                else:  # written up after the meeting, published when approved
                    created = start - dt.timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 8))
                    submitted = start + dt.timedelta(hours=rng.randint(4, 72))
                    approved = submitted + dt.timedelta(hours=rng.randint(1, 48))
                maker.schedule(row, created=created, submitted=submitted, approved=approved)

            # Directives: many at the monthly and quarterly meetings, few at press conferences,
            # none at meetings still to come.
            wanted = max(0, directives - have_directives)
            weight = {MeetingKind.MONTHLY: 9, MeetingKind.QUARTERLY: 12, MeetingKind.WORKING: 4,
                      MeetingKind.THEMATIC: 3, MeetingKind.PRESS: 0.3}  # fmt: skip
            weights = [0.0 if r["start_at"] > now else weight[r["kind"]] * rng.uniform(0.4, 1.6) for r in rows]
            counts = _allocate(wanted, weights)
            directive_ids = iter(reserve_ids(cur, Directive, sum(counts)))
            d_rows, support_rows, update_rows = [], [], []
            for row, k in zip(rows, counts, strict=True):
                for number in range(1, k + 1):
                    d, support, updates = maker.directive(row, number, next(directive_ids))
                    d_rows.append(d)
                    support_rows += [{"directive_id": d["id"], "unit_id": u} for u in support]
                    update_rows += updates

            # Public summaries of published past meetings (not of press conferences, public anyway).
            # Most monthly and quarterly meetings have one, a few of the others: ``summaries`` in all.
            regular = (MeetingKind.MONTHLY, MeetingKind.QUARTERLY)
            chosen = [r for r in rows if r["_live"] and r["is_internal"] and r["start_at"] < now
                      and rng.random() < summaries * (4 if r["kind"] in regular else 0.85)]  # fmt: skip
            s_rows = [maker.public_summary(r, pk, slugs) for r, pk in zip(chosen, reserve_ids(cur, PublicSummary, len(chosen)), strict=True)]  # fmt: skip
            for s, r in zip(s_rows, chosen, strict=True):
                created = max(r["_times"][2], r["start_at"] + dt.timedelta(hours=1))
                submitted = created + dt.timedelta(hours=rng.randint(1, 3))
                maker.schedule(s, created=created, submitted=submitted,
                               approved=submitted + dt.timedelta(minutes=rng.randint(10, 120)))  # fmt: skip

            supporting: dict[int, list[int]] = {}
            for r in support_rows:
                supporting.setdefault(r["directive_id"], []).append(r["unit_id"])
            entries: dict[int, list[dict]] = {}
            for d in d_rows:
                entries.setdefault(d["meeting_id"], []).append(
                    directive_entry(id=d["id"], number=d["number"], text=d["text"], giver=d["giver_id"],
                                    lead_unit=d["lead_unit_id"], lead_person=d["lead_person_id"],
                                    supporting_units=supporting.get(d["id"], []), deadline=d["deadline"],
                                    deadline_kind=d["deadline_kind"])
                )  # fmt: skip
            _shown_names(rows, d_rows, supporting, units=unit_map, people=everyone)

            # The workflow's history of every meeting and summary, with its directives as a part.
            def parts_of(row):
                mine = sorted(entries.get(row["id"], []), key=lambda e: (e["number"], e["id"]))
                return {"directives": mine, "attachments": []}

            meeting_items, history = _items(rows, Meeting, author=author, approver=approver, now=now,
                                            parts_of=parts_of)  # fmt: skip
            summary_items, more = _items(s_rows, PublicSummary, author=author, approver=approver, now=now)
            history += more
            _say(
                stdout,
                f"meetings: planned {len(rows)} meetings, {len(d_rows)} directives ({time.monotonic() - t0:.1f} s)",
            )

            copy_instances(cur, Meeting, meeting_items)
            through = Meeting.attendees.through._meta.db_table
            copy_dicts(cur, through, [{"meeting_id": r["id"], "person_id": p} for r in rows for p in r["_attendees"]],
                       ["meeting_id", "person_id"])  # fmt: skip
            through = Meeting.attending_units.through._meta.db_table
            copy_dicts(cur, through, [{"meeting_id": r["id"], "unit_id": u} for r in rows for u in r["_units"]],
                       ["meeting_id", "unit_id"])  # fmt: skip
            copy_instances(cur, PublicSummary, summary_items)
            # Every column but the generated one (``due_on``: the database computes it).
            columns = [f.column for f in Directive._meta.concrete_fields if not f.generated]
            copy_dicts(cur, Directive._meta.db_table, d_rows, columns)
            copy_dicts(cur, Directive.supporting_units.through._meta.db_table, support_rows,
                       ["directive_id", "unit_id"])  # fmt: skip
            copy_dicts(cur, ProgressUpdate, update_rows)
            write_history(cur, history)
            _say(stdout, f"meetings: {len(rows)} meetings, {len(s_rows)} public summaries, {len(d_rows)} directives, "
                         f"{len(update_rows)} progress updates, {len(history.logs)} transitions, "
                         f"{len(history.revisions)} revisions written ({time.monotonic() - t0:.1f} s)")  # fmt: skip

            # The search documents a publish writes (in Vietnamese, the site's language).
            with translation.override("vi"):
                added = index_items(items=[m for m in meeting_items if m.live])
                added += index_items(items=[s for s in summary_items if s.live])
            _say(stdout, f"meetings: {added} search documents ({time.monotonic() - t0:.1f} s)")
            tables = [m._meta.db_table for m in (Unit, Person, Meeting, PublicSummary, Directive, ProgressUpdate)]
            tables += [Meeting.attendees.through._meta.db_table, Meeting.attending_units.through._meta.db_table,
                       Directive.supporting_units.through._meta.db_table]  # fmt: skip
            cur.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))

    content_changed.send(sender=Meeting, item=None)  # readers see new items: cached pages are stale
    _say(stdout, f"meetings: done in {time.monotonic() - t0:.1f} s")


# -- timings of the tracker, its exports and the admin's meeting list ---------------------------


def timings(*, repeat: int = 3) -> list[dict]:
    """Time what Văn phòng does at bench scale, in-process with a signed-in client (DEBUG
    off, the whole-page cache not involved: every one of these pages is private): each row
    the median of ``repeat`` runs, the number of SQL statements, whether any statement's
    plan has a sequential scan on a meetings table, and the peak Python memory of the
    exports (``tracemalloc``). Run: ``DATABASE_URL=… .venv/bin/python manage.py shell -c
    "from bench.meetings import print_timings; print_timings()"``."""
    import statistics
    import tracemalloc

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user_model = get_user_model()
    admin, _ = user_model.objects.get_or_create(
        username="bench_quantri", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(admin)
    # The administrator's second factor, as a sign-in with a code leaves it in the session.
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=admin, confirmed=True).first() or TOTPDevice.objects.create(
        user=admin, name="bench", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    directives = Directive.objects.count()
    overdue = "qua-han"
    unit = Directive.objects.values_list("lead_unit_id", flat=True).first()
    cases = [
        ("tracker", "/giao-ban/nhiem-vu/", {}),
        ("tracker, status overdue", "/giao-ban/nhiem-vu/", {"trang_thai": overdue}),
        ("tracker, status done, page 20", "/giao-ban/nhiem-vu/", {"trang_thai": "hoan-thanh", "trang": "20"}),
        ("tracker, one unit", "/giao-ban/nhiem-vu/", {"don_vi": unit}),
        ("export CSV, all", "/giao-ban/nhiem-vu/xuat.csv", {}),
        ("export XLSX, all", "/giao-ban/nhiem-vu/xuat.xlsx", {}),
        ("admin meeting list", "/admin/meetings/meeting/", {}),
        ("admin meeting list, year 2020", "/admin/meetings/meeting/", {"start_at__year": "2020"}),
    ]
    rows = []
    for name, path, params in cases:
        times, cpu, peak, size, status = [], [], 0, 0, 0
        for run in range(repeat + (1 if "export" in name else 0)):
            traced = run == repeat  # one more run of an export, for its peak memory
            if traced:
                tracemalloc.start()
            t0, c0 = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, params, secure=True)
                body = b"".join(response.streaming_content) if response.streaming else response.content
            if traced:
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
            else:
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            size, status = len(body), response.status_code
        seq = []
        with connection.cursor() as cur:
            for q in queries.captured_queries:
                sql = q["sql"]
                if not sql.lstrip().upper().startswith("SELECT") or "meetings_" not in sql:
                    continue
                cur.execute("EXPLAIN " + sql)
                plan = "\n".join(r[0] for r in cur.fetchall())
                seq += re.findall(r"Seq Scan on (meetings_\w+)", plan)
        rows.append({
            "name": name, "path": path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""),
            "status": status, "ms": round(statistics.median(times) * 1000),
            "cpu_ms": round(statistics.median(cpu) * 1000), "queries": len(queries.captured_queries),
            "bytes": size, "peak_mb": round(peak / 1024 / 1024, 1) if peak else None, "seq_scans": sorted(set(seq)),
            "directives": directives,
        })  # fmt: skip
    return rows


def print_timings() -> None:
    """The rows of ``timings`` as the BENCHMARKS.md table."""
    print("| what | address | status | wall ms | CPU ms | SQL | bytes | peak Python MB | seq scans (meetings) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in timings():
        print(
            f"| {row['name']} | `{row['path']}` | {row['status']} | {row['ms']} | {row['cpu_ms']} | {row['queries']} | "
            f"{row['bytes']:,} | {row['peak_mb'] or '—'} | {', '.join(row['seq_scans']) or 'none'} |"
        )
