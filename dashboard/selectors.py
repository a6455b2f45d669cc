"""The dashboard's figures, read from the audit log (``TransitionLog``) and the directive
records only: nothing is counted twice or kept aside.

* Approval turnaround: each submission is paired with the first publication after it and
  before the next submission (a submission that was returned has none); its time is the
  publication's time minus the submission's. Median and 90th percentile per app and
  month of publication (Vietnam time), by PostgreSQL ``percentile_cont``, one query.
* Return rate: returns ÷ submissions per app and month of the action, one query.
* What waits: every item of a registered workflow model in the pending state, with the
  time of its last submission, oldest first (one query per registered model).
* Directives: the directives in effect given at meetings of the last 12 months, per lead
  unit, by the meetings app's own status rule (``meetings.models.status_q``); the 10
  directives overdue the longest (any meeting date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from meetings.enums import DirectiveStatus
from meetings.models import Directive, Unit, status_q
from portal.editorial import registry
from portal.editorial.enums import Action, State
from portal.editorial.models import TransitionLog

MONTHS = 12


def window_start(now: dt.datetime | None = None) -> dt.datetime:
    """The first instant of the month 11 months before this one (Vietnam time): the
    figures cover this month and the 11 before it."""
    local = timezone.localtime(now or timezone.now())
    year, month = local.year, local.month - (MONTHS - 1)
    while month < 1:
        month += 12
        year -= 1
    return local.replace(year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0)


def app_label_name(label: str) -> str:
    try:
        return str(apps.get_app_config(label).verbose_name)
    except LookupError:
        return label


def month_label(key: str) -> str:
    """ "2026-03" → "03/2026"."""
    year, month = key.split("-")
    return f"{month}/{year}"


def _content_type_ids() -> list[int]:
    return [ContentType.objects.get_for_model(m).pk for m in registry.models()]


def _rows(sql: str, params: dict) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c.name for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _tables() -> dict:
    return {"log": TransitionLog._meta.db_table, "ct": ContentType._meta.db_table}


# -- 1. approval turnaround ----------------------------------------------------------------

TURNAROUND_SQL = """
WITH published_items AS (
    SELECT DISTINCT content_type_id, object_id FROM {log}
    WHERE action = %(publish)s AND at >= %(since)s AND content_type_id = ANY(%(cts)s)
), events AS (
    SELECT l.content_type_id, l.object_id, l.action, l.at,
           count(*) FILTER (WHERE l.action = %(submit)s) OVER (
               PARTITION BY l.content_type_id, l.object_id ORDER BY l.at, l.id
           ) AS submission
    FROM {log} l
    JOIN published_items p ON p.content_type_id = l.content_type_id AND p.object_id = l.object_id
    WHERE l.action IN (%(submit)s, %(publish)s)
), pairs AS (
    SELECT content_type_id,
           min(at) FILTER (WHERE action = %(submit)s) AS submitted,
           min(at) FILTER (WHERE action = %(publish)s) AS published
    FROM events WHERE submission > 0
    GROUP BY content_type_id, object_id, submission
)
SELECT ct.app_label,
       to_char(p.published AT TIME ZONE %(tz)s, 'YYYY-MM') AS month,
       count(*) AS items,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.published - p.submitted)) AS median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM p.published - p.submitted)) AS p90
FROM pairs p JOIN {ct} ct ON ct.id = p.content_type_id
WHERE p.published >= %(since)s
GROUP BY ct.app_label, month
ORDER BY ct.app_label, month
"""


@dataclass
class Turnaround:
    app: str
    app_name: str
    month: str  # "2026-03"
    items: int
    median_hours: float
    p90_hours: float

    @property
    def month_label(self) -> str:
        return month_label(self.month)


def turnaround(now: dt.datetime | None = None) -> list[Turnaround]:
    """Median and 90th percentile of submit → publish, in hours, per app and month."""
    params = {
        "since": window_start(now),
        "tz": timezone.get_current_timezone_name(),
        "cts": _content_type_ids(),
        "submit": Action.SUBMIT.value,
        "publish": Action.PUBLISH.value,
    }
    return [
        Turnaround(
            app=r["app_label"],
            app_name=app_label_name(r["app_label"]),
            month=r["month"],
            items=r["items"],
            median_hours=r["median"] / 3600,
            p90_hours=r["p90"] / 3600,
        )
        for r in _rows(TURNAROUND_SQL.format(**_tables()), params)
    ]


# -- 3. return rate ------------------------------------------------------------------------

RETURNS_SQL = """
SELECT ct.app_label,
       to_char(l.at AT TIME ZONE %(tz)s, 'YYYY-MM') AS month,
       count(*) FILTER (WHERE l.action = %(submit)s) AS submits,
       count(*) FILTER (WHERE l.action = %(return)s) AS returns
FROM {log} l JOIN {ct} ct ON ct.id = l.content_type_id
WHERE l.at >= %(since)s AND l.action IN (%(submit)s, %(return)s) AND l.content_type_id = ANY(%(cts)s)
GROUP BY ct.app_label, month
ORDER BY ct.app_label, month
"""


@dataclass
class ReturnRate:
    app: str
    app_name: str
    month: str
    submits: int
    returns: int

    @property
    def month_label(self) -> str:
        return month_label(self.month)

    @property
    def rate(self) -> float | None:
        """Returns ÷ submissions (None without a submission in the month)."""
        return self.returns / self.submits if self.submits else None


def return_rates(now: dt.datetime | None = None) -> list[ReturnRate]:
    params = {
        "since": window_start(now),
        "tz": timezone.get_current_timezone_name(),
        "cts": _content_type_ids(),
        "submit": Action.SUBMIT.value,
        "return": Action.RETURN.value,
    }
    return [
        ReturnRate(
            app=r["app_label"],
            app_name=app_label_name(r["app_label"]),
            month=r["month"],
            submits=r["submits"],
            returns=r["returns"],
        )
        for r in _rows(RETURNS_SQL.format(**_tables()), params)
    ]


# -- 2. what waits now ---------------------------------------------------------------------


@dataclass
class Waiting:
    item: object
    app: str
    app_name: str
    kind: str
    since: dt.datetime
    submitter: object
    admin_url: str

    def hours(self, now: dt.datetime) -> float:
        return max((now - self.since).total_seconds(), 0) / 3600


def waiting(limit: int = 500) -> list[Waiting]:
    """Items in the pending state of every registered workflow model, with the time of
    their last submission, oldest first (one query per model, ``limit`` per model)."""
    rows: list[Waiting] = []
    for model in registry.models():
        ct = ContentType.objects.get_for_model(model)
        last_submit = (
            TransitionLog.objects.filter(content_type=ct, object_id=OuterRef("pk"), action=Action.SUBMIT)
            .order_by("-at", "-id")
            .values("at")[:1]
        )
        items = (
            model.objects.filter(state=State.PENDING)
            .annotate(submitted_at=Subquery(last_submit))
            .select_related("submitted_by")
            .order_by(F("submitted_at").asc(nulls_first=True), "pk")[:limit]
        )
        opts = model._meta
        try:
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[0])
            has_admin = True
        except NoReverseMatch:
            has_admin = False
        for item in items:
            rows.append(
                Waiting(
                    item=item,
                    app=opts.app_label,
                    app_name=app_label_name(opts.app_label),
                    kind=str(opts.verbose_name).capitalize(),
                    since=item.submitted_at or item.updated_at,
                    submitter=item.submitted_by,
                    admin_url=reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
                    if has_admin
                    else "",
                )
            )
    return sorted(rows, key=lambda r: (r.since, r.app, r.item.pk))


# -- 4. directives -------------------------------------------------------------------------

DIRECTIVE_COLUMNS = ("on_time", "late", "overdue", "open", "ongoing")


def directive_completion(*, unit_ids=None, today: dt.date | None = None, now=None) -> list[dict]:
    """Per lead unit: done on time, done late (verified completions, against the deadline
    in force), overdue, open (not started, in progress, waiting for verification) and
    ongoing — the meetings app's status rule — for the directives in effect given at the
    meetings of the last 12 months. One query."""
    today = today or timezone.localdate()
    qs = Directive.objects.in_effect().filter(meeting__start_at__gte=window_start(now))
    if unit_ids is not None:
        qs = qs.filter(lead_unit_id__in=unit_ids)
    done = status_q(DirectiveStatus.DONE, today)
    open_ = (
        status_q(DirectiveStatus.NOT_STARTED, today)
        | status_q(DirectiveStatus.IN_PROGRESS, today)
        | status_q(DirectiveStatus.REPORTED, today)
    )
    rows = (
        qs.order_by()
        .values("lead_unit_id", "lead_unit__name", "lead_unit__order")
        .annotate(
            total=Count("id"),
            on_time=Count("id", filter=done & (Q(due_on__isnull=True) | Q(completed_on__lte=F("due_on")))),
            late=Count("id", filter=done & Q(completed_on__gt=F("due_on"))),
            overdue=Count("id", filter=status_q(DirectiveStatus.OVERDUE, today)),
            open=Count("id", filter=open_),
            ongoing=Count("id", filter=status_q(DirectiveStatus.ONGOING, today)),
        )
        .order_by("lead_unit__order", "lead_unit__name")
    )
    return list(rows)


def top_overdue(*, unit_ids=None, today: dt.date | None = None, limit: int = 10) -> list[Directive]:
    """The directives in effect overdue the longest (the meetings app's rule), with
    ``days_overdue``; one query."""
    today = today or timezone.localdate()
    qs = Directive.objects.in_effect().with_status(today).with_status_filter(DirectiveStatus.OVERDUE, today)
    if unit_ids is not None:
        qs = qs.filter(lead_unit_id__in=unit_ids)
    rows = list(
        qs.select_related("meeting", "lead_unit", "lead_person")
        .defer("meeting__summary", "meeting__conclusions", "meeting__agenda")
        .order_by("due_on", "meeting__start_at", "number", "id")[:limit]
    )
    for d in rows:
        d.days_overdue = (today - d.due_on).days
    return rows


def unit_names(unit_ids) -> list[str]:
    return list(Unit.objects.filter(pk__in=unit_ids).order_by("order", "name").values_list("name", flat=True))
