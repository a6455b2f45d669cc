"""Reads of the meetings app, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.editorial.permissions import may_see, may_see_internal

from .enums import DirectiveStatus
from .models import Attachment, Directive, Meeting, Person, PublicSummary, Unit
from .permissions import person_of


def listed_meetings(user, at: dt.datetime | None = None) -> QuerySet[Meeting]:
    """Meetings the user may read in full (the one visibility rule), newest first. A
    meeting the user may not read is never listed, even with a public summary: its
    summary is listed on its own (``listed_summaries``), with nothing of the record."""
    at = at or timezone.now()
    return (
        Meeting.objects.visible_to(user, at)
        .only(
            "id", "title", "slug", "kind", "start_at", "end_at", "place", "format", "bridge_points", "is_internal",
        )
        .order_by("-start_at", "-id")
    )  # fmt: skip


def listed_summaries(user, at: dt.datetime | None = None) -> QuerySet[PublicSummary]:
    """Published public summaries of meetings the user may not read in full, newest first:
    only what the summary says (its title, text, address and publication time)."""
    at = at or timezone.now()
    summaries = PublicSummary.objects.visible_to(user, at)
    return (
        summaries.exclude(meeting__in=Meeting.objects.visible_to(user, at).values("pk"))
        .only("id", "title", "slug", "text", "publish_at", "meeting_id")
        .order_by("-publish_at", "-id")
    )


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


@dataclass
class MeetingPage:
    meeting: Meeting
    summary: PublicSummary | None
    chair: dict | None = None
    directives: list[Directive] = field(default_factory=list)
    attendees: list[dict] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    attachments: list = field(default_factory=list)
    show_directives: bool = False
    news_url: str = ""
    stats_url: str = ""
    stats_label: str = ""


def meeting_page(*, slug: str, user, at: dt.datetime | None = None) -> MeetingPage | None:
    """Everything the meeting page shows, or None when the user may not read the record
    (a reader of its public summary goes to the summary's own address)."""
    at = at or timezone.now()
    meeting = (
        Meeting.objects.filter(slug=slug)
        .select_related("chair", "public_summary", "news_article", "stats_release")
        .first()
    )
    if meeting is None:
        return None
    return build_meeting_page(meeting=meeting, user=user, at=at)


def summary_page(*, slug: str, user, at: dt.datetime | None = None) -> PublicSummary | None:
    """A public summary at its own address, or None when the user may not see it."""
    summary = PublicSummary.objects.filter(slug=slug).select_related("meeting").first()
    if summary is None or not may_see(user, summary, at):
        return None
    return summary


def _person(p: Person | None) -> dict | None:
    return {"name": p.full_name, "title": p.title} if p is not None else None


def _directive_names(d: Directive) -> dict:
    return {
        "giver": d.giver.full_name if d.giver_id else "",
        "lead_unit": d.lead_unit.name,
        "lead_person": d.lead_person.full_name if d.lead_person_id else "",
        "supporting": [u.name for u in d.supporting_units.all()],
    }


def _pending_directives(entries: list[dict]) -> list[Directive]:
    """The directives of a pending change as unsaved rows, for the admin's preview."""
    unit_ids = {e["lead_unit"] for e in entries} | {u for e in entries for u in e.get("supporting_units") or []}
    person_ids = {e.get(k) for e in entries for k in ("giver", "lead_person")} - {None}
    units = Unit.objects.in_bulk(unit_ids)
    people = Person.objects.in_bulk(person_ids)
    rows = Directive.objects.in_bulk([e["id"] for e in entries if e.get("id")])
    out = []
    for e in entries:
        row = rows.get(e.get("id"))
        d = Directive(
            pk=row.pk if row else None,
            number=e["number"],
            text=e["text"],
            giver=people.get(e.get("giver")),
            lead_unit=units.get(e["lead_unit"]),
            lead_person=people.get(e.get("lead_person")),
            deadline=dt.date.fromisoformat(e["deadline"]),
            deadline_kind=e["deadline_kind"],
            completed_on=row.completed_on if row else None,
            last_progress_at=row.last_progress_at if row else None,
        )
        d.status = d.status_on(timezone.localdate())
        d.names = {
            "giver": d.giver.full_name if d.giver else "",
            "lead_unit": d.lead_unit.name if d.lead_unit else "",
            "lead_person": d.lead_person.full_name if d.lead_person else "",
            "supporting": [units[u].name for u in e.get("supporting_units") or [] if u in units],
        }
        out.append(d)
    return sorted(out, key=lambda d: (d.number, d.pk or 0))


def build_meeting_page(*, meeting: Meeting, user, at, preview: bool = False) -> MeetingPage | None:
    """The record as the user may read it, or None. Names of units and people are those
    kept at the record's approval (``shown_names``); a preview shows the pending change."""
    if not (preview or may_see(user, meeting, at)):
        return None
    try:
        summary = meeting.public_summary
    except PublicSummary.DoesNotExist:
        summary = None
    if summary is not None and not may_see(user, summary, at):
        summary = None
    page = MeetingPage(meeting=meeting, summary=summary)
    staff = may_see_internal(user)
    names = {} if preview else (meeting.shown_names or {})
    m2m = (getattr(meeting, "_preview_m2m", None) or {}) if preview else {}
    if "chair" in names:
        page.chair = names["chair"]
    elif meeting.chair_id:
        page.chair = _person(meeting.chair)
    if "attendees" in names:
        page.attendees = names["attendees"]
    else:
        people = Person.objects.filter(pk__in=m2m["attendees"]) if "attendees" in m2m else meeting.attendees.all()
        page.attendees = [_person(p) for p in people]
    if "units" in names:
        page.units = names["units"]
    else:
        units = (
            Unit.objects.filter(pk__in=m2m["attending_units"])
            if "attending_units" in m2m
            else meeting.attending_units.all()
        )
        page.units = [u.name for u in units]
    pending = (getattr(meeting, "_working_parts", None) or {}) if preview else {}
    if "attachments" in pending:
        rows = Attachment.objects.in_bulk([e["id"] for e in pending["attachments"] if e.get("id")])
        page.attachments = [
            rows.get(e.get("id")) or Attachment(title=e["title"], file=e["file"], size=e.get("size") or 0)
            for e in pending["attachments"]
        ]
    else:
        page.attachments = list(meeting.attachments.all())
    page.show_directives = staff or preview
    if page.show_directives:
        if "directives" in pending:
            page.directives = _pending_directives(pending["directives"])
        else:
            page.directives = list(
                meeting.directives.with_status()
                .select_related("lead_unit", "lead_person", "giver")
                .prefetch_related(Prefetch("supporting_units", queryset=Unit.objects.only("id", "name")))
                .order_by("number", "id")
            )
            kept = names.get("directives") or {}
            for d in page.directives:
                d.names = kept.get(str(d.pk)) or _directive_names(d)
    if meeting.news_article_id and may_see(user, meeting.news_article, at):
        page.news_url = meeting.news_article.get_absolute_url()
    if meeting.stats_release_id and may_see(user, meeting.stats_release, at):
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
    qs = Directive.objects.in_effect().with_status(today)
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
    # Only meetings whose directives are in effect (``DirectiveQuerySet.in_effect``).
    meetings = Meeting.objects.filter(followed, live=True).only("id", "title", "start_at").order_by("-start_at")
    return {
        "units": list(Unit.objects.only("id", "name", "parent", "order")),
        "people": list(Person.objects.only("id", "full_name", "title")),
        "meetings": list(meetings),
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
    """Only what the summary says, at its own address (nothing of the internal record)."""
    return {
        "kind": _("Giao ban"),
        "title": summary.title,
        "summary": summary.text[:500],
        "body": summary.text,
        "url": summary.get_absolute_url(),
        "language": "vi",
        "is_internal": summary.is_internal,
    }


@dataclass
class ListEntry:
    """One line of a list that mixes meetings read in full and public summaries: a
    summary's line carries only its own title, address and publication time."""

    title: str
    url: str
    at: dt.datetime
    is_summary: bool = False


def home_section(request):
    now = timezone.now()
    entries = [ListEntry(m.title, m.get_absolute_url(), m.start_at) for m in listed_meetings(request.user, now)[:4]]
    entries += [
        ListEntry(s.title, s.get_absolute_url(), s.publish_at, is_summary=True)
        for s in listed_summaries(request.user, now)[:4]
    ]
    if not entries:
        return None
    entries.sort(key=lambda e: e.at, reverse=True)
    return {"template": "meetings/_home_section.html", "entries": entries[:4]}
