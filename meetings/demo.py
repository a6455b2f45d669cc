"""Demo meetings from the reference articles (shared/reference): the January 2022 monthly
meeting with its directives, the third-quarter 2022 meeting, the working session with the
Information Centre (01/02/2023) and the May 2023 meeting, plus an upcoming one. The
sentences are ours. Idempotent: units and people by name, meetings by slug."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.auth.models import User
from django.utils import timezone

from portal.core.text import vn_slugify
from portal.editorial import services as wf
from portal.editorial.enums import Action, Role

from . import services
from .enums import MeetingFormat, MeetingKind
from .models import Directive, Meeting, Person, ProgressUpdate, PublicSummary, Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")

UNITS = [
    # (name, short name, parent)
    ("Lãnh đạo Bộ", "LĐB", None),
    ("Văn phòng Bộ", "VP", None),
    ("Vụ Tổ chức cán bộ", "TCCB", None),
    ("Vụ Kế hoạch - Tài chính", "KHTC", None),
    ("Cục Chuyển đổi số quốc gia", "CĐSQG", None),
    ("Cục An toàn thông tin", "ATTT", None),
    ("Cục Báo chí", "CBC", None),
    ("Cục Công nghiệp Công nghệ thông tin và Truyền thông", "CNICT", None),
    ("Cục Thông tin đối ngoại", "TTĐN", None),
    ("Trung tâm Thông tin", "TTTT", None),
    ("Ban Biên tập Cổng thông tin điện tử", "BBT", "Trung tâm Thông tin"),
]

PEOPLE = [
    # (name, title, unit, username of a demo account or None)
    ("Nguyễn Mạnh Hùng", "Bộ trưởng", "Lãnh đạo Bộ", None),
    ("Nguyễn Huy Dũng", "Thứ trưởng", "Lãnh đạo Bộ", None),
    ("Phạm Đức Long", "Thứ trưởng", "Lãnh đạo Bộ", None),
    ("Nguyễn Thanh Lâm", "Thứ trưởng", "Lãnh đạo Bộ", None),
    ("Đỗ Công Anh", "Giám đốc Trung tâm Thông tin", "Trung tâm Thông tin", "truongdonvi"),
    ("Nguyễn Thiện Nghĩa", "Phó Cục trưởng phụ trách", "Cục Công nghiệp Công nghệ thông tin và Truyền thông", None),
    ("Phạm Anh Tuấn", "Cục trưởng", "Cục Thông tin đối ngoại", None),
    ("Vũ Thị Hoa", "Chánh Văn phòng", "Văn phòng Bộ", None),
    ("Lê Quang Minh", "Vụ trưởng", "Vụ Tổ chức cán bộ", None),
    ("Trần Đức Thắng", "Phó Cục trưởng", "Cục Chuyển đổi số quốc gia", None),
]


def _units() -> dict[str, Unit]:
    out: dict[str, Unit] = {}
    for order, (name, short, parent) in enumerate(UNITS):
        out[name], _ = Unit.objects.get_or_create(
            name=name, defaults={"short_name": short, "parent": out.get(parent) if parent else None, "order": order}
        )
    return out


def _account(username: str, full_name: str, stdout) -> User:
    last, _, first = full_name.rpartition(" ")
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@mic.gov.vn", "is_staff": True},
    )
    password = os.environ.get("DEMO_PASSWORD")
    if created or password:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
            stdout.write(f"Giao ban: tài khoản mẫu “{username}” chưa có mật khẩu (đặt DEMO_PASSWORD rồi chạy lại).")
        user.save()
    return user


def _people(units, stdout) -> dict[str, Person]:
    out: dict[str, Person] = {}
    for name, title, unit, username in PEOPLE:
        person, _ = Person.objects.get_or_create(full_name=name, defaults={"title": title, "unit": units[unit]})
        if username and person.user_id is None:
            person.user = _account(username, name, stdout)
            person.save(update_fields=["user"])
        out[name] = person
    return out


def _lookup(app: str, model: str, **filters):
    try:
        return apps.get_model(app, model).objects.filter(**filters).first()
    except LookupError:
        return None


def _link(meeting: Meeting, news_title: str | None, period: tuple[int, int] | None) -> None:
    """Links to the news article and the statistics release, filled in once they exist
    (the other apps' demos may run after this one)."""
    changes = {}
    if news_title and meeting.news_article_id is None:
        article = _lookup("news", "Article", slug=vn_slugify(news_title, 200))
        if article is not None:
            changes["news_article"] = article
    if period and meeting.stats_release_id is None:
        release = _lookup("stats", "Release", year=period[0], month=period[1])
        if release is not None:
            changes["stats_release"] = release
    if changes:
        Meeting.objects.filter(pk=meeting.pk).update(**changes)


def _approve(item, *, at: dt.datetime, board, admin) -> None:
    """A past meeting's record is dated by the meeting: back-dating is for Quản trị, with
    its reason recorded; an upcoming one the board publishes now."""
    if at < timezone.now():
        wf.transition(item=item, action=Action.PUBLISH, user=admin, publish_at=at,
                      comment="Nạp dữ liệu mẫu: ghi theo ngày của cuộc họp.")  # fmt: skip
    else:
        wf.transition(item=item, action=Action.PUBLISH, user=board)


def _meeting(*, users, spec: dict, units, people) -> Meeting | None:
    slug = vn_slugify(spec["title"], 200)
    existing = Meeting.objects.filter(slug=slug).first()
    if existing is not None:
        _link(existing, spec.get("news"), spec.get("stats"))
        return None
    author, board = users[Role.EDITOR], users[Role.BOARD]
    meeting = Meeting(
        title=spec["title"],
        slug=slug,
        kind=spec["kind"],
        start_at=spec["start"],
        end_at=spec["start"] + dt.timedelta(hours=3),
        place=spec.get("place", "Hà Nội"),
        format=spec.get("format", MeetingFormat.IN_PERSON),
        bridge_points=spec.get("bridge_points"),
        chair=people["Nguyễn Mạnh Hùng"],
        agenda="\n".join(spec.get("agenda", [])),
        summary=spec["summary"],
        conclusions="\n".join(spec.get("conclusions", [])),
    )
    wf.save_new(item=meeting, user=author)
    meeting.attendees.set([people[n] for n in spec.get("attendees", [])])
    meeting.attending_units.set([units[n] for n in spec.get("units", [])])
    for d in spec.get("directives", []):
        directive = services.add_directive(
            meeting=meeting,
            text=d["text"],
            giver=people["Nguyễn Mạnh Hùng"],
            lead_unit=units[d["unit"]],
            lead_person=people.get(d.get("person", "")),
            supporting_units=[units[u] for u in d.get("support", [])],
            deadline=d["deadline"],
        )
        for on, text in d.get("progress", []):
            ProgressUpdate.objects.create(directive=directive, on=on, text=text, author=author)
            Directive.objects.filter(pk=directive.pk).update(
                last_progress_at=dt.datetime.combine(on, dt.time(9), tzinfo=VN)
            )
        if d.get("done"):
            on, evidence = d["done"]
            ProgressUpdate.objects.create(directive=directive, on=on, text=evidence, marks_done=True, author=author)
            # Reported by the lead unit and verified by Văn phòng (only verified counts as done).
            Directive.objects.filter(pk=directive.pk).update(
                completed_on=on, reported_done_on=on, completion_evidence=evidence,
                last_progress_at=dt.datetime.combine(on, dt.time(9), tzinfo=VN),
            )  # fmt: skip
    if spec.get("publish", True):
        wf.transition(item=meeting, action=Action.SUBMIT, user=author)
        _approve(meeting, at=spec["start"], board=board, admin=users[Role.ADMIN])
    if spec.get("public"):
        title, text = spec["public"]
        summary = wf.save_new(item=PublicSummary(meeting=meeting, title=title, text=text), user=author)
        wf.transition(item=summary, action=Action.SUBMIT, user=author)
        _approve(summary, at=spec["start"] + dt.timedelta(hours=4), board=board, admin=users[Role.ADMIN])
    _link(meeting, spec.get("news"), spec.get("stats"))
    return meeting


def _specs() -> list[dict]:
    today = timezone.localdate()
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=10)
    return [
        {
            "title": "Hội nghị Giao ban quản lý nhà nước tháng 01/2022",
            "kind": MeetingKind.MONTHLY,
            "start": dt.datetime(2022, 2, 10, 8, 30, tzinfo=VN),
            "format": MeetingFormat.ONLINE,
            "bridge_points": 11,
            "attendees": ["Nguyễn Huy Dũng", "Phạm Đức Long"],
            "units": ["Văn phòng Bộ", "Vụ Tổ chức cán bộ", "Cục Chuyển đổi số quốc gia", "Trung tâm Thông tin"],
            "agenda": [
                "Kết quả công tác quản lý nhà nước tháng 01/2022",
                "Tổng quan số liệu các lĩnh vực của ngành tháng 01/2022",
                "Nhiệm vụ trọng tâm tháng 02/2022",
            ],
            "summary": (
                "Hội nghị tổ chức trực tuyến với 11 điểm cầu và một số thiết bị cá nhân. Sau năm 2021 tổng diễn tập, "
                "năm 2022 được xác định là năm tổng tiến công chuyển đổi số; Bộ phải đi đầu, làm kiểu mẫu về chuyển "
                "đổi số trong nội bộ và đưa toàn bộ công việc lên môi trường số."
            ),
            "conclusions": [
                "Chuyển đổi số là cuộc cách mạng toàn dân, toàn diện: các lĩnh vực của Bộ lấy người dân làm gốc.",
                "Cần bảo vệ đầu tư chuyển đổi số tại các bộ, ngành, địa phương bằng văn bản hướng dẫn, tiêu chí "
                "đánh giá dự án và các tổ hậu kiểm, giám sát.",
                "Các đơn vị lập kế hoạch công tác theo tuần; trưởng đơn vị giao việc bằng văn bản với mốc thời gian.",
            ],
            "directives": [
                {
                    "text": "Chỉ đạo xây dựng Kế hoạch chuyển đổi số của Bộ Thông tin và Truyền thông, trình Bộ trưởng.",
                    "unit": "Cục Chuyển đổi số quốc gia",
                    "person": "Nguyễn Huy Dũng",
                    "support": ["Trung tâm Thông tin", "Văn phòng Bộ"],
                    "deadline": "trong tháng 02/2022",
                    "progress": [(dt.date(2022, 2, 18), "Đã hoàn thành dự thảo kế hoạch, lấy ý kiến các đơn vị.")],
                    "done": (dt.date(2022, 2, 25), "Đã trình Bộ trưởng dự thảo Kế hoạch chuyển đổi số của Bộ."),
                },
                {
                    "text": "Các đơn vị lập kế hoạch công tác theo tuần, thông qua Thứ trưởng phụ trách, trình Bộ "
                    "trưởng ký; Văn phòng Bộ căn cứ kế hoạch để đôn đốc thực hiện.",
                    "unit": "Văn phòng Bộ",
                    "person": "Vũ Thị Hoa",
                    "deadline": "20/02/2022",
                    "done": (dt.date(2022, 2, 23), "Đã tổng hợp kế hoạch công tác tuần của các đơn vị."),
                },
                {
                    "text": "Kiện toàn nhân sự cho công tác Đảng của Bộ và các đơn vị.",
                    "unit": "Vụ Tổ chức cán bộ",
                    "person": "Lê Quang Minh",
                    "deadline": "trong tháng 02/2022",
                    "done": (dt.date(2022, 2, 28), "Đã trình phương án kiện toàn nhân sự công tác Đảng."),
                },
                {
                    "text": "Xây dựng, ban hành văn bản hướng dẫn và tiêu chí đánh giá dự án chuyển đổi số; thành "
                    "lập các Tổ hậu kiểm, giám sát đầu tư chuyển đổi số tại bộ, ngành, địa phương.",
                    "unit": "Cục Chuyển đổi số quốc gia",
                    "person": "Trần Đức Thắng",
                    "support": ["Vụ Kế hoạch - Tài chính"],
                    "deadline": "trong tháng 03/2022",
                    "progress": [(dt.date(2022, 3, 20), "Đang hoàn thiện dự thảo tiêu chí đánh giá.")],
                },
                {
                    "text": "Mỗi lĩnh vực quản lý nhà nước của Bộ xây dựng cẩm nang phổ biến tri thức cho người dân, "
                    "dễ hiểu, dễ làm, dễ thực thi.",
                    "unit": "Trung tâm Thông tin",
                    "person": "Đỗ Công Anh",
                    "deadline": "trong tháng 06/2022",
                },
            ],
            "public": (
                "Bộ TT&TT giao ban quản lý nhà nước tháng 01/2022",
                "Sáng 10/02/2022, Bộ trưởng Nguyễn Mạnh Hùng chủ trì Hội nghị giao ban quản lý nhà nước tháng "
                "01/2022, tổ chức trực tuyến với 11 điểm cầu.\nNăm 2022 được xác định là năm tổng tiến công chuyển "
                "đổi số; Bộ TT&TT đi đầu chuyển đổi số trong nội bộ.",
            ),
            "news": "Bộ Thông tin và Truyền thông tổ chức Hội nghị Giao ban quản lý nhà nước tháng 1/2022",
            "stats": (2022, 1),
        },
        {
            "title": "Hội nghị Giao ban quản lý nhà nước quý III/2022",
            "kind": MeetingKind.QUARTERLY,
            "start": dt.datetime(2022, 9, 12, 8, 30, tzinfo=VN),
            "attendees": ["Nguyễn Huy Dũng", "Phạm Đức Long", "Nguyễn Thanh Lâm"],
            "units": ["Văn phòng Bộ", "Cục Chuyển đổi số quốc gia"],
            "agenda": [
                "Công bố quyết định về cán bộ",
                "Giới thiệu ba nền tảng phục vụ quản lý nhà nước",
            ],
            "summary": (
                "Thứ trưởng Nguyễn Huy Dũng giới thiệu ba nền tảng: Trợ lý ảo về TT&TT, Nền tảng quản trị và làm "
                "việc tổng thể, Cổng thông tin về dự án đầu tư ứng dụng CNTT."
            ),
            "conclusions": ["Các nền tảng phải bám sát nhu cầu thực tiễn và thực sự mang lại hiệu quả."],
            "directives": [
                {
                    "text": "Hoàn thiện ba nền tảng phục vụ quản lý nhà nước để triển khai rộng tại các bộ, ngành, "
                    "địa phương.",
                    "unit": "Cục Chuyển đổi số quốc gia",
                    "person": "Trần Đức Thắng",
                    "deadline": "trong tháng 12/2022",
                    "done": (dt.date(2023, 1, 16), "Đã đưa ba nền tảng vào vận hành chính thức."),
                },
            ],
            "public": (
                "Bộ TT&TT giao ban quản lý nhà nước quý III/2022",
                "Ngày 12/9/2022, Bộ trưởng Nguyễn Mạnh Hùng chủ trì Hội nghị giao ban quý III/2022; "
                "Hội nghị nghe giới thiệu ba nền tảng phục vụ công tác quản lý nhà nước.",
            ),
            "news": "Bộ TT&TT tổ chức Hội nghị Giao ban quản lý nhà nước quý III/2022",
        },
        {
            "title": "Bộ trưởng làm việc với Trung tâm Thông tin",
            "kind": MeetingKind.WORKING,
            "start": dt.datetime(2023, 2, 1, 9, 0, tzinfo=VN),
            "attendees": ["Phạm Đức Long", "Nguyễn Huy Dũng", "Đỗ Công Anh"],
            "units": ["Trung tâm Thông tin", "Vụ Tổ chức cán bộ"],
            "summary": (
                "Trung tâm Thông tin có chức năng tương đương hai cục chuyên môn: chuyển đổi số nội bộ và truyền "
                "thông chính sách của Bộ."
            ),
            "conclusions": ["Cái mới thì người mới tốt hơn, cái cũ thì người cũ tốt hơn."],
            "directives": [
                {
                    "text": "Sửa đổi chức năng, nhiệm vụ của Trung tâm Thông tin và bổ sung cán bộ lãnh đạo Trung tâm.",
                    "unit": "Vụ Tổ chức cán bộ",
                    "person": "Lê Quang Minh",
                    "support": ["Trung tâm Thông tin"],
                    "deadline": "trong tháng 03/2023",
                },
                {
                    "text": "Tổ chức cung cấp thông tin thường xuyên cho báo chí; tổ chức để lãnh đạo Bộ họp báo mỗi "
                    "tháng một lần.",
                    "unit": "Trung tâm Thông tin",
                    "person": "Đỗ Công Anh",
                    "deadline": "28/02/2023",
                    "done": (dt.date(2023, 2, 27), "Đã tổ chức họp báo thường kỳ tháng 02/2023."),
                },
                {
                    "text": "Xây dựng phòng Lab phát triển sản phẩm chuyển đổi số làm mẫu cho bộ, ngành, địa phương.",
                    "unit": "Trung tâm Thông tin",
                    "person": "Đỗ Công Anh",
                    "support": ["Cục Chuyển đổi số quốc gia"],
                    "deadline": (today + dt.timedelta(days=5)).strftime("%d/%m/%Y"),
                    "progress": [(dt.date(2023, 6, 1), "Đã bố trí mặt bằng, đang lắp đặt thiết bị.")],
                },
            ],
        },
        {
            "title": "Hội nghị Giao ban quản lý nhà nước tháng 5/2023",
            "kind": MeetingKind.MONTHLY,
            "start": dt.datetime(2023, 5, 30, 14, 0, tzinfo=VN),
            "format": MeetingFormat.IN_PERSON,
            "attendees": ["Nguyễn Thiện Nghĩa", "Phạm Anh Tuấn"],
            "summary": "Hội nghị trao đổi mở: người đứng đầu các đơn vị nêu việc cốt lõi của đơn vị đến năm 2025.",
            "directives": [
                {
                    "text": "Người đứng đầu các đơn vị xác định những việc cốt lõi của đơn vị, lĩnh vực đến năm 2025; "
                    "Văn phòng Bộ tổng hợp.",
                    "unit": "Văn phòng Bộ",
                    "person": "Vũ Thị Hoa",
                    "deadline": "trong tháng 06/2023",
                },
            ],
            "public": (
                "Bộ TT&TT giao ban quản lý nhà nước tháng 5/2023",
                "Chiều 30/5/2023, Bộ trưởng Nguyễn Mạnh Hùng chủ trì hội nghị giao ban tháng 5/2023 theo hình thức "
                "trao đổi mở về những việc cốt lõi của các đơn vị đến năm 2025.",
            ),
            "news": "Bộ TT&TT giao ban quản lý nhà nước tháng 5/2023",
        },
        {
            "title": f"Hội nghị Giao ban quản lý nhà nước tháng {next_month.month - 1 or 12:02d}/{next_month.year}",
            "kind": MeetingKind.MONTHLY,
            "start": dt.datetime(next_month.year, next_month.month, next_month.day, 8, 30, tzinfo=VN),
            "format": MeetingFormat.HYBRID,
            "bridge_points": 12,
            "summary": "Đánh giá kết quả công tác tháng và triển khai nhiệm vụ tháng tới.",
        },
    ]


def load(*, users, stdout) -> None:
    units = _units()
    people = _people(units, stdout)
    made = 0
    for spec in _specs():
        if _meeting(users=users, spec=spec, units=units, people=people) is not None:
            made += 1
    stdout.write(f"Giao ban: {made} cuộc họp mới, {Directive.objects.count()} nhiệm vụ.")
