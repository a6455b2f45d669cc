"""Reads of the meetings app, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.editorial.permissions import may_see, may_see_internal

from .deadlines import ROMAN_OF
from .enums import DirectiveStatus, MeetingKind
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
            deadline=dt.date.fromisoformat(e["deadline"]) if e.get("deadline") else None,
            deadline_kind=e["deadline_kind"],
            no_deadline_reason=e.get("no_deadline_reason") or "",
            extended_deadline=row.extended_deadline if row else None,
            reported_done_on=row.reported_done_on if row else None,
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
        qs = qs.filter(due_on__gte=filters.deadline_from)
    if filters.deadline_to:
        qs = qs.filter(due_on__lte=filters.deadline_to)
    if filters.status in DirectiveStatus.values:
        # Plain conditions on indexed columns, not a filter on the annotated status.
        qs = qs.with_status_filter(filters.status, today)
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
        .order_by(F("due_on").asc(nulls_last=True), "meeting__start_at", "number", "id")
    )


COUNT_COLUMNS = (
    ("assigned", _("Được giao")),
    ("done_on_time", _("Hoàn thành đúng hạn")),
    ("done_late", _("Hoàn thành quá hạn")),
    ("reported", _("Chờ xác nhận")),
    ("overdue", _("Quá hạn chưa xong")),
    ("due_soon", _("Đến hạn trong 7 ngày")),
    ("ongoing", _("Thường xuyên")),
)


def unit_counts(qs: QuerySet[Directive], today: dt.date | None = None) -> list[dict]:
    """Per lead unit: assigned, done on time, done late (verified), waiting for
    verification, overdue, due in the next 7 days, ongoing (the deadline in force)."""
    from .models import status_q

    today = today or timezone.localdate()
    open_ = Q(completed_on__isnull=True, reported_done_on__isnull=True) & ~Q(deadline_kind="ongoing")
    done = Q(completed_on__isnull=False)
    rows = (
        qs.order_by()
        .values("lead_unit_id", "lead_unit__name", "lead_unit__order")
        .annotate(
            assigned=Count("id"),
            done_on_time=Count("id", filter=done & (Q(due_on__isnull=True) | Q(completed_on__lte=F("due_on")))),
            done_late=Count("id", filter=done & Q(completed_on__gt=F("due_on"))),
            reported=Count("id", filter=status_q(DirectiveStatus.REPORTED, today)),
            overdue=Count("id", filter=open_ & Q(due_on__lt=today)),
            due_soon=Count("id", filter=open_ & Q(due_on__gte=today, due_on__lte=today + dt.timedelta(days=7))),
            ongoing=Count("id", filter=status_q(DirectiveStatus.ONGOING, today)),
        )
        .order_by("lead_unit__order", "lead_unit__name")
    )
    return list(rows)


def filter_choices() -> dict:
    """The units and people of the tracker's filters (the meetings: ``meeting_choices``)."""
    return {
        "units": list(Unit.objects.only("id", "name", "parent", "order")),
        "people": list(Person.objects.only("id", "full_name", "title")),
    }


def meeting_choices(*, directives: QuerySet[Directive], selected: int | None = None) -> list[Meeting]:
    """Every meeting that has a directive matching the other filters (``directives``: the
    tracker's list without its meeting filter), newest first; the selected one always."""
    wanted = Q(pk__in=directives.order_by().values("meeting_id"))
    if selected:
        wanted |= Q(pk=selected, live=True)
    return list(Meeting.objects.filter(wanted).only("id", "title", "start_at").order_by("-start_at", "-id"))


# -- reminders -------------------------------------------------------------------------------


@dataclass
class UnitDigest:
    """What a unit's daily digest holds and who receives it."""

    unit: Unit
    days: int
    lead: list[Directive] = field(default_factory=list)
    coordinating: list[Directive] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


def reminder_directives(*, today: dt.date, days: int) -> QuerySet[Directive]:
    """Directives in effect, open (not done, no completion waiting for Văn phòng), overdue
    or due within ``days`` days; ongoing ones not reported this month, in the month's last
    ``days`` days."""
    from .models import status_q

    open_ = status_q(DirectiveStatus.OVERDUE, today) | status_q(DirectiveStatus.IN_PROGRESS, today)
    open_ |= status_q(DirectiveStatus.NOT_STARTED, today)
    window = open_ & Q(due_on__lte=today + dt.timedelta(days=days))
    month_start = dt.datetime.combine(today.replace(day=1), dt.time.min, tzinfo=timezone.get_current_timezone())
    next_month = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if (next_month - today).days <= days:
        window |= status_q(DirectiveStatus.ONGOING, today) & (
            Q(last_progress_at__isnull=True) | Q(last_progress_at__lt=month_start)
        )
    return (
        Directive.objects.in_effect()
        .with_status(today)
        .filter(window)
        .select_related("meeting", "lead_unit")
        .defer("meeting__summary", "meeting__conclusions", "meeting__agenda", "meeting__shown_names")
        .prefetch_related(Prefetch("supporting_units", queryset=Unit.objects.only("id", "name")))
        .order_by(F("due_on").asc(nulls_last=True), "meeting_id", "number")
    )


def unit_recipients(unit_ids=None) -> dict[int, list[str]]:
    """Per unit (all, or those of ``unit_ids``): the e-mail addresses of its people linked
    to an active account, and of its head."""
    out: dict[int, set[str]] = {}
    people = Person.objects.filter(unit__isnull=False, user__isnull=False, user__is_active=True).select_related("user")
    units = Unit.objects.filter(head__isnull=False)
    if unit_ids is not None:
        people, units = people.filter(unit_id__in=unit_ids), units.filter(pk__in=unit_ids)
    for p in people:
        if p.contact_email:
            out.setdefault(p.unit_id, set()).add(p.contact_email)
    for unit in units.select_related("head__user"):
        if unit.head.contact_email:
            out.setdefault(unit.pk, set()).add(unit.head.contact_email)
    return {k: sorted(v) for k, v in out.items()}


def digest_plans(*, today: dt.date, days: int = 7) -> list[UnitDigest]:
    """One ``UnitDigest`` per unit with something to be reminded of (fixed queries)."""
    plans: dict[int, UnitDigest] = {}

    def plan(unit: Unit) -> UnitDigest:
        if unit.pk not in plans:
            plans[unit.pk] = UnitDigest(unit=unit, days=days)
        return plans[unit.pk]

    for d in reminder_directives(today=today, days=days):
        plan(d.lead_unit).lead.append(d)
        for u in d.supporting_units.all():
            if u.pk != d.lead_unit_id:
                plan(u).coordinating.append(d)
    recipients = unit_recipients()
    for p in plans.values():
        p.recipients = recipients.get(p.unit.pk, [])
    return sorted(plans.values(), key=lambda p: (p.unit.order, p.unit.name))


@dataclass
class UnreachableUnit:
    unit: Unit
    lead: int
    coordinating: int


def reachable_unit_ids() -> set[int]:
    """Units someone receives reminders at: a person linked to an active account with an
    address (their own or the account's), or a head with an address."""
    with_address = (~Q(email="") | ~Q(user__email="")) & Q(user__isnull=False, user__is_active=True)
    linked = set(Person.objects.filter(with_address, unit__isnull=False).values_list("unit_id", flat=True))
    heads = Unit.objects.filter(head__isnull=False).filter(~Q(head__email="") | ~Q(head__user__email=""))
    return linked | set(heads.values_list("pk", flat=True))


def unreachable_units(*, today: dt.date | None = None, days: int = 7) -> list[UnreachableUnit]:
    """Units with directives to be reminded of (as the digest chooses them) and nobody to
    receive the mail, with how many they lead and coordinate (counted in the database)."""
    today = today or timezone.localdate()
    window = reminder_directives(today=today, days=days).order_by()
    lead = dict(window.values("lead_unit_id").annotate(n=Count("id")).values_list("lead_unit_id", "n"))
    through = Directive.supporting_units.through
    coordinating = dict(
        through.objects.filter(directive__in=window.values("pk"))
        .exclude(unit_id=F("directive__lead_unit_id"))
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    missing = (set(lead) | set(coordinating)) - reachable_unit_ids()
    units = Unit.objects.filter(pk__in=missing).order_by("order", "name")
    return [UnreachableUnit(u, lead.get(u.pk, 0), coordinating.get(u.pk, 0)) for u in units]


def long_overdue(*, today: dt.date, after_days: int) -> list[Directive]:
    """Open directives overdue by more than ``after_days`` days (for Văn phòng)."""
    return list(
        Directive.objects.in_effect()
        .with_status(today)
        .filter(status_q_overdue(today), due_on__lt=today - dt.timedelta(days=after_days))
        .select_related("meeting", "lead_unit")
        .defer("meeting__summary", "meeting__conclusions", "meeting__agenda", "meeting__shown_names")
        .order_by("due_on", "id")
    )


def status_q_overdue(today: dt.date) -> Q:
    from .models import status_q

    return status_q(DirectiveStatus.OVERDUE, today)


def secretariat_emails() -> list[str]:
    """Addresses of Văn phòng's active accounts (the escalation mail)."""
    from django.contrib.auth import get_user_model

    from portal.editorial.enums import Role

    users = get_user_model().objects.filter(groups__name=Role.SECRETARIAT, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


# -- search, sitemap, home --------------------------------------------------------------------


def meeting_search_terms(meeting: Meeting) -> str:
    """Words a reader types to find a meeting by its own date and kind: "giao ban tháng 5",
    "giao ban tháng 5/2023", "tháng 05/2023", "quý II/2023", "ngày 30/05/2023" (with and
    without diacritics the search handles itself)."""
    local = timezone.localtime(meeting.start_at)
    quarter = ROMAN_OF[(local.month - 1) // 3 + 1]
    kind = str(MeetingKind(meeting.kind).label).lower() if meeting.kind in MeetingKind.values else ""
    return " ".join([
        kind, f"tháng {local.month}", f"tháng {local.month}/{local.year}", f"tháng {local:%m/%Y}",
        f"quý {quarter}/{local.year}", f"quý {(local.month - 1) // 3 + 1}/{local.year}", f"ngày {local:%d/%m/%Y}",
        f"năm {local.year}",
    ])  # fmt: skip


def meeting_search_date(meeting: Meeting) -> dt.datetime:
    """The date search results show and order a meeting by: when it was held (not when its
    record was published)."""
    return meeting.start_at


def meeting_document(meeting: Meeting) -> dict:
    # Directives are for staff: only an internal meeting's document carries them.
    directives = " ".join(meeting.directives.values_list("text", flat=True)) if meeting.is_internal else ""
    return {
        "kind": _("Giao ban"),
        "title": meeting.title,
        "summary": meeting.summary[:500],
        # The meeting's own date and kind, for search (``portal.search`` reads "date" and
        # "keywords"): "giao ban tháng 5" finds the May meetings, results show the meeting date.
        "date": meeting_search_date(meeting),
        "keywords": meeting_search_terms(meeting),
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
