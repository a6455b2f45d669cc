"""Reads of the editor's desk: the board's queue and "Việc của tôi", across every model
registered with the workflow (news, meetings, statistics releases…). A fixed number of
queries per registered model, whatever the number of items."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions, registry
from .enums import EDITORIAL_ROLES, Action, RevisionKind, Role, State
from .models import Assignment, Note, Revision, TransitionLog


@dataclass
class Row:
    item: object
    kind: str
    category: str
    content_type_id: int
    since: datetime | None = None
    submitter: object = None
    note: str = ""
    flags: list[str] = field(default_factory=list)
    assignee: object = None
    notes: int = 0
    admin_url: str = ""
    preview_url: str = ""
    compare_url: str = ""
    assign_url: str = ""
    reason: str = ""

    @property
    def waiting(self) -> str:
        return waiting_time(self.since, timezone.now()) if self.since else ""


def waiting_time(since: datetime, now: datetime) -> str:
    """How long an item has waited, as Vietnamese say it: "2 ngày 3 giờ", "45 phút"."""
    minutes = max(int((now - since).total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return (_("%(d)s ngày %(h)s giờ") % {"d": days, "h": hours}) if hours else _("%(d)s ngày") % {"d": days}
    if hours:
        return (_("%(h)s giờ %(m)s phút") % {"h": hours, "m": minutes}) if minutes else _("%(h)s giờ") % {"h": hours}
    return _("%(m)s phút") % {"m": minutes}


def _url(opts, name: str, *args) -> str:
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)
    except NoReverseMatch:
        return ""


def related(model) -> list[str]:
    """What a desk row reads through a relation: the people, and a category when the
    model has one."""
    names = ["created_by", "submitted_by"]
    names += [f.name for f in model._meta.fields if f.name == "category" and f.is_relation]
    return names


def rows_for(model, items: list, *, now=None) -> list[Row]:
    """The desk's row of each item of ``model``: waiting time, submitter and note, flags,
    assignee and links (five queries for the lot)."""
    now = now or timezone.now()
    if not items:
        return []
    ct = ContentType.objects.get_for_model(model)
    ids = [i.pk for i in items]
    logs = defaultdict(list)
    for log in (
        TransitionLog.objects.filter(content_type=ct, object_id__in=ids).select_related("user").order_by("at", "id")
    ):
        logs[log.object_id].append(log)
    revs = defaultdict(dict)
    for object_id, kind, number in (
        Revision.objects.filter(content_type=ct, object_id__in=ids)
        .values("object_id", "kind")
        .annotate(n=Max("number"))
        .values_list("object_id", "kind", "n")
    ):
        revs[object_id][kind] = number
    assignments = {}
    for a in (
        Assignment.objects.filter(content_type=ct, object_id__in=ids).select_related("assignee").order_by("at", "id")
    ):
        assignments[a.object_id] = a
    note_counts = defaultdict(int)
    for object_id in Note.objects.filter(content_type=ct, object_id__in=ids).values_list("object_id", flat=True):
        note_counts[object_id] += 1
    opts = model._meta
    embargo = getattr(model, "editorial_embargo", False)
    rows = []
    for item in items:
        history = logs[item.pk]
        last = history[-1] if history else None
        submit = next((h for h in reversed(history) if h.action == Action.SUBMIT), None)
        last_published = next((h for h in reversed(history) if h.to_state == State.PUBLISHED), None)
        flags = []
        if item.publish_at and item.publish_at > now:
            when = timezone.localtime(item.publish_at).strftime("%d/%m/%Y %H:%M")
            if embargo:
                flags.append(_("Cấm công bố trước %(at)s (embargo)") % {"at": when})
            else:
                flags.append(_("Hẹn giờ %(at)s") % {"at": when})
        if item.live and item.has_unpublished_changes:
            flags.append(_("Thay đổi bài đang xuất bản"))
        if any(h.action == Action.RETURN and (last_published is None or h.at > last_published.at) for h in history):
            flags.append(_("Đính chính sau khi bị trả lại"))
        assignment = assignments.get(item.pk)
        if assignment and last and assignment.at < last.at:
            assignment = None  # an assignment holds until the item next moves
        numbers = revs[item.pk]
        current = max((n for k, n in numbers.items() if k != RevisionKind.CONFLICT), default=0)
        base = numbers.get(RevisionKind.PUBLISHED) or (1 if current > 1 else None)
        compare = _url(opts, "compare", item.pk)
        returned = next((h for h in reversed(history) if h.to_state == State.RETURNED), None)
        rows.append(
            Row(
                item=item,
                kind=str(opts.verbose_name).capitalize(),
                category=str(getattr(item, "category", "") or ""),
                content_type_id=ct.pk,
                since=(submit.at if submit and item.state == State.PENDING else (last.at if last else item.created_at)),
                submitter=submit.user if submit else item.created_by,
                note=submit.comment if submit else "",
                flags=flags,
                assignee=assignment.assignee if assignment else None,
                notes=note_counts[item.pk],
                admin_url=_url(opts, "change", item.pk),
                preview_url=_url(opts, "preview", item.pk),
                compare_url=f"{compare}?a={base}&b={current}" if compare and base and base != current else "",
                assign_url=_url(opts, "assign", item.pk),
                reason=returned.comment if returned and item.state == State.RETURNED else "",
            )
        )
    return rows


def queue() -> list[Row]:
    """Every item waiting for review, of every registered model, oldest first."""
    rows = []
    for model in registry.models():
        items = list(model.objects.filter(state=State.PENDING).select_related(*related(model))[:500])
        rows += rows_for(model, items)
    return sorted(rows, key=lambda r: (r.since or timezone.now(), r.item.pk))


def my_work(user) -> list[Row]:
    """ "Việc của tôi": what waits for this user, every role: items given to them; their own
    drafts and returned items; for editors the items waiting for review, for the board and
    administrators those they may approve (not their own)."""
    roles = permissions.user_roles(user)
    rows = []
    for model in registry.models():
        ct = ContentType.objects.get_for_model(model)
        assigned_ids = set()
        latest = (
            Assignment.objects.filter(content_type=ct)
            .values("object_id")
            .annotate(last=Max("at"))
            .values_list("object_id", "last")
        )
        mine_at = dict(
            Assignment.objects.filter(content_type=ct, assignee=user).values("object_id").annotate(last=Max("at"))
            .values_list("object_id", "last")
        )  # fmt: skip
        for object_id, last in latest:
            if mine_at.get(object_id) == last:
                assigned_ids.add(object_id)
        q = Q(pk__in=assigned_ids) & ~Q(state__in=[State.PUBLISHED, State.WITHDRAWN])
        q |= Q(created_by=user, state__in=[State.DRAFT, State.RETURNED])
        if roles & {Role.EDITOR, Role.BOARD, Role.ADMIN}:
            q |= Q(state=State.PENDING)
        items = list(model.objects.filter(q).select_related(*related(model))[:500])
        for row in rows_for(model, items):
            if _mine(user, roles, row):
                rows.append(row)
    return sorted(rows, key=lambda r: (r.since or timezone.now(), r.item.pk))


def _mine(user, roles, row: Row) -> bool:
    item = row.item
    if row.assignee is not None:
        return row.assignee.pk == user.pk or (item.created_by_id == user.pk and item.state != State.PENDING)
    if item.created_by_id == user.pk and item.state in (State.DRAFT, State.RETURNED):
        return True
    if item.state != State.PENDING:
        return False
    if Role.EDITOR in roles:
        return True
    return permissions.may_transition(user=user, item=item, action=Action.PUBLISH)


def assignable_people():
    """Who an item may be given to: active staff with an editorial role, by name."""
    names = [r.value for r in EDITORIAL_ROLES]
    return list(
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name__in=names)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
