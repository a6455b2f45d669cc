"""Reads of the meetings app, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import BooleanField as BooleanOutput
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.editorial.permissions import may_see_internal

from .enums import DirectiveStatus
from .models import Directive, Meeting, Person, PublicSummary, Unit
from .permissions import person_of


def _live_q(prefix: str, at: dt.datetime) -> Q:
    return Q(**{f"{prefix}live": True, f"{prefix}publish_at__lte": at}) & (
        Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": at})
    )


def _full_q(user, at) -> Q:
    q = _live_q("", at)
    if not may_see_internal(user):
        q &= Q(is_internal=False)
    return q


def _summary_q(at) -> Q:
    return _live_q("public_summary__", at) & Q(public_summary__is_internal=False)


def listed_meetings(user, at: dt.datetime | None = None) -> QuerySet[Meeting]:
    """Meetings the user may see in full, or whose public summary is published; each
    annotated ``full`` (may the user read the whole record?)."""
    at = at or timezone.now()
    full = _full_q(user, at)
    return (
        Meeting.objects.filter(full | _summary_q(at))
        .annotate(full=Case(When(full, then=Value(True)), default=Value(False), output_field=BooleanOutput()))
        .select_related("public_summary")
        .only(
            "id", "title", "slug", "kind", "start_at", "end_at", "place", "format", "bridge_points",
            "is_internal", "public_summary__id", "public_summary__title", "public_summary__meeting_id",
        )
        .order_by("-start_at", "-id")
    )  # fmt: skip


@dataclass
class MonthGrid:
    year: int
    month: int
    weeks: list[list[dict]]
    prev: str
    next: str

    @property
    def label(self) -> str:
        return f"{self.month:02d}/{self.year}"


def month_grid(*, user, year: int, month: int) -> MonthGrid:
    """The month's meetings on a Monday-first grid (one query)."""
    import calendar

    tz = timezone.get_current_timezone()
    first = dt.date(year, month, 1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    start = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(following, dt.time.min, tzinfo=tz)
    by_day: dict[dt.date, list[Meeting]] = {}
    for m in listed_meetings(user).filter(start_at__gte=start, start_at__lt=end).order_by("start_at", "id"):
        by_day.setdefault(timezone.localtime(m.start_at).date(), []).append(m)
    today = timezone.localdate()
    weeks = [
        [{"day": d, "in_month": d.month == month, "today": d == today, "meetings": by_day.get(d, [])} for d in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    return MonthGrid(year, month, weeks, previous.strftime("%Y-%m"), following.strftime("%Y-%m"))


def shown_title(meeting: Meeting) -> str:
    if getattr(meeting, "full", True):
        return meeting.title
    return meeting.public_summary.title


@dataclass
class MeetingPage:
    meeting: Meeting
    full: bool
    summary: PublicSummary | None
    directives: list[Directive] = field(default_factory=list)
    attendees: list[Person] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    attachments: list = field(default_factory=list)
    show_directives: bool = False
    news_url: str = ""
    stats_url: str = ""
    stats_label: str = ""


def _readable(item, *, staff: bool, at) -> bool:
    if item is None or not item.live or not item.publish_at or item.publish_at > at:
        return False
    if item.expire_at and item.expire_at <= at:
        return False
    return staff or not item.is_internal


def meeting_page(*, slug: str, user, at: dt.datetime | None = None) -> MeetingPage | None:
    """Everything the meeting page shows, or None when the user may not see it."""
    at = at or timezone.now()
    staff = may_see_internal(user)
    meeting = (
        Meeting.objects.filter(slug=slug)
        .select_related("chair__unit", "public_summary", "news_article", "stats_release")
        .first()
    )
    if meeting is None:
        return None
    return build_meeting_page(meeting=meeting, user=user, at=at, staff=staff)


def build_meeting_page(*, meeting: Meeting, user, at, staff: bool, preview: bool = False) -> MeetingPage | None:
    full = preview or _readable(meeting, staff=staff, at=at)
    try:
        summary = meeting.public_summary
    except PublicSummary.DoesNotExist:
        summary = None
    if summary is not None and not _readable(summary, staff=staff, at=at):
        summary = None
    if not full and summary is None:
        return None
    page = MeetingPage(meeting=meeting, full=full, summary=summary)
    if not full:
        return page
    page.attendees = list(meeting.attendees.select_related("unit"))
    page.units = list(meeting.attending_units.all())
    page.attachments = list(meeting.attachments.all())
    page.show_directives = staff
    if staff:
        page.directives = list(
            meeting.directives.with_status()
            .select_related("lead_unit", "lead_person", "giver")
            .prefetch_related(Prefetch("supporting_units", queryset=Unit.objects.only("id", "name")))
            .order_by("number", "id")
        )
    if meeting.news_article_id and _readable(meeting.news_article, staff=staff, at=at):
        page.news_url = meeting.news_article.get_absolute_url()
    if meeting.stats_release_id and _readable(meeting.stats_release, staff=staff, at=at):
        page.stats_url = meeting.stats_release.get_absolute_url()
        page.stats_label = str(meeting.stats_release)
    return page


# -- the directive tracker ------------------------------------------------------------------


@dataclass
class TrackerFilters:
    unit: int | None = None
    person: int | None = None
    status: str = ""
    meeting: int | None = None
    deadline_from: dt.date | None = None
    deadline_to: dt.date | None = None
    mine: bool = False


def unit_with_descendants(unit_id: int) -> list[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent in Unit.objects.values_list("id", "parent_id"):
        children.setdefault(parent, []).append(pk)
    out, todo = [], [unit_id]
    while todo:
        current = todo.pop()
        if current in out:
            continue
        out.append(current)
        todo.extend(children.get(current, []))
    return out


def units_as_tree(units: list[Unit]) -> list[tuple[Unit, int]]:
    """Units in tree order with their depth (for an indented list)."""
    children: dict[int | None, list[Unit]] = {}
    ids = {u.pk for u in units}
    for u in units:
        children.setdefault(u.parent_id if u.parent_id in ids else None, []).append(u)
    out: list[tuple[Unit, int]] = []

    def walk(parent, depth):
        for u in children.get(parent, []):
            out.append((u, depth))
            walk(u.pk, depth + 1)

    walk(None, 0)
    return out


def tracker_directives(*, filters: TrackerFilters, user, today: dt.date | None = None) -> QuerySet[Directive]:
    today = today or timezone.localdate()
    qs = Directive.objects.with_status(today)
    if filters.unit:
        # A unit stands for itself and every unit below it.
        qs = qs.filter(lead_unit_id__in=unit_with_descendants(filters.unit))
    if filters.person:
        qs = qs.filter(lead_person_id=filters.person)
    if filters.meeting:
        qs = qs.filter(meeting_id=filters.meeting)
    if filters.deadline_from:
        qs = qs.filter(deadline__gte=filters.deadline_from)
    if filters.deadline_to:
        qs = qs.filter(deadline__lte=filters.deadline_to)
    if filters.status in DirectiveStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.mine:
        person = person_of(user)
        if person is None:
            return qs.none()
        mine = Q(lead_person=person) | Q(giver=person)
        if person.unit_id:
            mine |= Q(lead_unit_id=person.unit_id)
        qs = qs.filter(mine)
    return qs


def tracker_rows(qs: QuerySet[Directive]) -> QuerySet[Directive]:
    return (
        qs.select_related("meeting", "lead_unit", "lead_person", "giver")
        .prefetch_related(Prefetch("supporting_units", queryset=Unit.objects.only("id", "name")))
        .defer("meeting__summary", "meeting__conclusions", "meeting__agenda")
        .order_by("deadline", "meeting__start_at", "number", "id")
    )


COUNT_COLUMNS = (
    ("assigned", _("Được giao")),
    ("done_on_time", _("Hoàn thành đúng hạn")),
    ("done_late", _("Hoàn thành quá hạn")),
    ("overdue", _("Quá hạn chưa xong")),
    ("due_soon", _("Đến hạn trong 7 ngày")),
)


def unit_counts(qs: QuerySet[Directive], today: dt.date | None = None) -> list[dict]:
    """Per lead unit: assigned, done on time, done late, overdue, due in the next 7 days."""
    today = today or timezone.localdate()
    open_ = Q(completed_on__isnull=True)
    rows = (
        qs.order_by()
        .values("lead_unit_id", "lead_unit__name", "lead_unit__order")
        .annotate(
            assigned=Count("id"),
            done_on_time=Count("id", filter=Q(completed_on__isnull=False, completed_on__lte=F("deadline"))),
            done_late=Count("id", filter=Q(completed_on__isnull=False, completed_on__gt=F("deadline"))),
            overdue=Count("id", filter=open_ & Q(deadline__lt=today)),
            due_soon=Count("id", filter=open_ & Q(deadline__gte=today, deadline__lte=today + dt.timedelta(days=7))),
        )
        .order_by("lead_unit__order", "lead_unit__name")
    )
    return list(rows)


# The tracker's meeting filter lists the meetings whose directives are still followed: any
# with an open directive, and those of the last two years. Twenty years of meetings (5,000)
# made a list nobody could scroll and most of the page's time (bench: 180 of 300 ms).
MEETING_CHOICES_RECENT = dt.timedelta(days=730)


def filter_choices(*, selected_meeting: int | None = None) -> dict:
    directives = Directive.objects.filter(meeting=OuterRef("pk"))
    followed = Exists(directives.filter(completed_on__isnull=True)) | (
        Q(start_at__gte=timezone.now() - MEETING_CHOICES_RECENT) & Exists(directives)
    )
    if selected_meeting:
        followed |= Q(pk=selected_meeting)  # a link from an older meeting's page still filters
    return {
        "units": list(Unit.objects.only("id", "name", "parent", "order")),
        "people": list(Person.objects.only("id", "full_name", "title")),
        "meetings": list(Meeting.objects.filter(followed).only("id", "title", "start_at").order_by("-start_at")),
    }


# -- search, sitemap, home --------------------------------------------------------------------


def meeting_document(meeting: Meeting) -> dict:
    # Directives are for staff: only an internal meeting's document carries them.
    directives = " ".join(meeting.directives.values_list("text", flat=True)) if meeting.is_internal else ""
    return {
        "kind": _("Giao ban"),
        "title": meeting.title,
        "summary": meeting.summary[:500],
        "body": " ".join([meeting.summary, meeting.conclusions, meeting.agenda, directives]),
        "url": meeting.get_absolute_url(),
        "language": "vi",
        "is_internal": meeting.is_internal,
    }


def summary_document(summary: PublicSummary) -> dict:
    return {
        "kind": _("Giao ban"),
        "title": summary.title,
        "summary": summary.text[:500],
        "body": summary.text,
        "url": summary.meeting.get_absolute_url(),
        "language": "vi",
        "is_internal": summary.is_internal,
    }


def home_section(request):
    meetings = list(listed_meetings(request.user)[:4])
    if not meetings:
        return None
    return {"template": "meetings/_home_section.html", "meetings": meetings}
