"""Writes of the workflow: saving items, keeping revisions, making transitions (one at a
time, or replayed in bulk for scale data: ``replay``, ``write_history``).

Keyword-only functions; views and the admin stay thin and call these.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.text import person_name

from . import permissions, registry
from .enums import Action, ChangeKind, RevisionKind, State
from .models import ChangeLog, EditorialModel, PreviewLog, Revision, TransitionLog
from .signals import approved, transitioned
from .workflow import TRANSITIONS

# -- revisions ------------------------------------------------------------------------


def _field_value(field: models.Field, value: Any) -> Any:
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or ""
    return value


# A publish time this far before the moment of approval is back-dating.
BACKDATE_TOLERANCE = timedelta(minutes=5)


def serialize(
    *, item: EditorialModel, m2m: dict[str, list[int]] | None = None, parts: dict[str, Any] | None = None
) -> dict:
    """The content of an item as JSON-able data (many-to-many as lists of ids; each
    registered part, such as a meeting's directives, from ``parts`` or else its rows)."""
    data: dict[str, Any] = {}
    for part in registry.parts_of(type(item)):
        if parts is not None and part.key in parts:
            data[part.key] = parts[part.key]
        elif item.pk:
            data[part.key] = part.dump(item)
    for field in item.revision_fields():
        if field.many_to_many:
            if m2m is not None and field.name in m2m:
                data[field.name] = sorted(int(v) for v in m2m[field.name])
            elif item.pk:
                data[field.name] = sorted(getattr(item, field.name).values_list("pk", flat=True))
            else:
                data[field.name] = []
        else:
            data[field.attname] = _field_value(field, getattr(item, field.attname))
    return data


def apply_parts(*, item: EditorialModel, data: dict) -> None:
    """Make the rows of each registered part match the revision data."""
    for part in registry.parts_of(type(item)):
        if part.key in data:
            part.load(item, data[part.key])


def restore(*, item: EditorialModel, data: dict) -> dict[str, list[int]]:
    """Copy revision data onto ``item`` in memory; return its many-to-many ids."""
    m2m: dict[str, list[int]] = {}
    for field in item.revision_fields():
        if field.many_to_many:
            if field.name in data:
                m2m[field.name] = list(data[field.name])
            continue
        if field.attname not in data:
            continue
        value = data[field.attname]
        if value is not None and not isinstance(field, (models.ForeignKey, models.FileField)):
            value = field.to_python(value)
        setattr(item, field.attname, value)
    return m2m


def revisions_of(item: EditorialModel) -> models.QuerySet[Revision]:
    ct = ContentType.objects.get_for_model(type(item))
    return Revision.objects.filter(content_type=ct, object_id=item.pk)


def history_of(item: EditorialModel) -> models.QuerySet[TransitionLog]:
    ct = ContentType.objects.get_for_model(type(item))
    return TransitionLog.objects.filter(content_type=ct, object_id=item.pk).select_related("user")


def latest_draft_revision(item: EditorialModel) -> Revision | None:
    return revisions_of(item).filter(kind=RevisionKind.SAVE).order_by("-number").first()


def pending_revision(item: EditorialModel) -> Revision | None:
    """The change to a live item that waits for approval: the newest revision saved after
    the last published one (none when every save since was approved)."""
    revisions = revisions_of(item)
    last_published = revisions.filter(kind=RevisionKind.PUBLISHED).aggregate(n=Max("number"))["n"] or 0
    return revisions.filter(kind=RevisionKind.SAVE, number__gt=last_published).order_by("-number").first()


def record_revision(
    *,
    item: EditorialModel,
    user,
    kind: RevisionKind = RevisionKind.SAVE,
    data: dict | None = None,
) -> Revision:
    ct = ContentType.objects.get_for_model(type(item))
    with transaction.atomic():
        last = (
            Revision.objects.select_for_update()
            .filter(content_type=ct, object_id=item.pk)
            .aggregate(n=Max("number"))["n"]
        )
        revision = _revision_row(item=item, user=user, kind=kind, number=(last or 0) + 1, data=data)
        revision.save(force_insert=True)
        return revision


def _revision_row(
    *, item: EditorialModel, user, kind: RevisionKind, number: int, data: dict | None = None, at=None
) -> Revision:
    """The revision ``record_revision`` keeps (and ``replay`` builds), unsaved: the item's
    content as ``serialize`` gives it unless ``data`` is given, in the item's state."""
    revision = Revision(
        content_type=ContentType.objects.get_for_model(type(item)),
        object_id=item.pk,
        number=number,
        kind=kind,
        state=item.state,
        data=data if data is not None else serialize(item=item),
        created_by=user if getattr(user, "pk", None) else None,
    )
    if at is not None:
        revision.created_at = at
    return revision


def holder_of(item: EditorialModel) -> str | None:
    """Who has the item now, as editors read it: the author while it is a draft or
    returned, the board while it waits (its assignee when it has one); nobody once it is
    published or withdrawn."""
    current = current_assignment(item) if item.pk else None
    last_move = history_of(item).order_by("-at", "-id").values_list("at", flat=True).first() if current else None
    # An assignment holds until the item next moves (a return gives it back to its author).
    assignee = current.assignee if current and (last_move is None or current.at >= last_move) else None
    if item.state in (State.DRAFT, State.RETURNED):
        return person_name(assignee or item.created_by)
    if item.state == State.PENDING:
        return person_name(assignee) if assignee else _("Ban Biên tập")
    return None


# -- saving -----------------------------------------------------------------------------


class EditConflict(ValidationError):
    pass


def check_version(*, item: EditorialModel, expected_version: int | None, user, data: dict) -> None:
    """Refuse a save made from an out-of-date form. Locks the row until the transaction
    ends so two saves cannot both pass; the refused text is kept as a revision."""
    if not item.pk or expected_version is None:
        return
    current = type(item).objects.select_for_update().filter(pk=item.pk).first()
    if current is None or current.version == expected_version:
        return
    kept = record_revision(item=current, user=user, kind=RevisionKind.CONFLICT, data=data)
    # The later change was either a save (``updated_by``) or a transition (its log row).
    last_log = history_of(current).order_by("-at", "-id").first()
    if last_log is not None and last_log.at >= current.updated_at:
        actor, at = last_log.user, last_log.at
        what = _("chuyển sang “%(state)s”") % {"state": State(last_log.to_state).label}
    else:
        actor, at, what = current.updated_by, current.updated_at, _("sửa")
    who = person_name(actor) if actor else "?"
    raise EditConflict(
        _(
            "Mục này vừa được %(who)s %(what)s lúc %(at)s, sau khi bạn mở trang. Bản của bạn "
            "KHÔNG ghi đè lên bản đó, nhưng không bị mất: nó được giữ lại thành phiên bản "
            "số %(number)s. Hãy tải lại trang, so sánh hai phiên bản và sửa tiếp."
        )
        % {
            "who": who,
            "what": what,
            "at": timezone.localtime(at).strftime("%H:%M:%S %d/%m/%Y"),
            "number": kept.number,
        }
    )


def _mark_new(item: EditorialModel, *, user) -> None:
    """The workflow fields of a new item (``save_new``, ``replay``)."""
    item.created_by = user
    item.updated_by = user
    item.state = State.DRAFT


def _mark_saved(item: EditorialModel, *, version: int, user) -> None:
    """The workflow fields of an item not yet live after a save of version ``version``."""
    item.version = version + 1
    item.updated_by = user


def save_new(*, item: EditorialModel, user) -> EditorialModel:
    _mark_new(item, user=user)
    item.save()
    return item


def save_existing(*, item: EditorialModel, user) -> bool:
    """Save an edited item. Returns True when the item is live and the change was kept
    as a revision awaiting approval instead (readers keep seeing the approved version)."""
    if not permissions.may_edit(user, item):
        raise permissions.TransitionNotAllowed(_("Bạn không được sửa mục này."))
    model = type(item)
    stored = model.objects.select_for_update().get(pk=item.pk)
    if stored.live:
        from_state = stored.state
        to_state = State.DRAFT if stored.state == State.PUBLISHED else stored.state
        model.objects.filter(pk=item.pk).update(
            has_unpublished_changes=True,
            state=to_state,
            version=F("version") + 1,
            updated_by=user,
            updated_at=timezone.now(),
        )
        if from_state != to_state:
            _log(item=stored, action=Action.EDIT_LIVE, from_state=from_state, to_state=to_state, user=user)
        return True
    _mark_saved(item, version=stored.version, user=user)
    item.live = stored.live
    item.state = stored.state
    item.save()
    return False


def record_deferred_change(
    *, item: EditorialModel, user, m2m: dict[str, list[int]], parts: dict[str, Any] | None = None
) -> Revision:
    """Keep a change to a live item as a revision awaiting approval. ``parts`` holds the
    changed parts (a part not given is kept as the last pending change had it, else as
    its rows are)."""
    stored = type(item).objects.get(pk=item.pk)
    pending = pending_revision(stored)
    kept = {p.key: pending.data[p.key] for p in registry.parts_of(type(item)) if pending and p.key in pending.data}
    data = serialize(item=item, m2m=m2m, parts={**kept, **(parts or {})})
    item.state = stored.state
    return record_revision(item=item, user=user, data=data)


def restore_revision(*, item: EditorialModel, number: int, user, expected_version: int | None) -> Revision:
    """Make revision ``number`` the item's content again, as a new revision: history is
    never rewritten. The same checks as a save (``may_edit``, the version the page
    showed); on a live item the restored content waits for approval like any change."""
    with transaction.atomic():
        locked = type(item).objects.select_for_update().get(pk=item.pk)
        if not permissions.may_edit(user, locked):
            raise permissions.TransitionNotAllowed(_("Bạn không được sửa mục này."))
        if expected_version is None or int(expected_version) != locked.version:
            current = latest_revision_number(locked)
            raise StaleVersion(
                _(
                    "Mục này đã thay đổi sau khi bạn mở trang, nên phiên bản cũ KHÔNG được khôi phục. "
                    "Hãy xem phiên bản hiện tại rồi thao tác lại."
                ),
                current=current,
            )
        source = revisions_of(locked).get(number=number)
        data = dict(source.data)
        if locked.live:
            save_existing(item=locked, user=user)
            locked.refresh_from_db()
            return record_revision(item=locked, user=user, data=data)
        m2m = restore(item=locked, data=data)
        save_existing(item=locked, user=user)
        for name, ids in m2m.items():
            getattr(locked, name).set(ids)
        apply_parts(item=locked, data=data)
        revision = record_revision(item=locked, user=user)
    for f in type(item)._meta.concrete_fields:
        setattr(item, f.attname, getattr(locked, f.attname))
    return revision


def working_copy(item: EditorialModel) -> tuple[EditorialModel, dict[str, list[int]] | None]:
    """The item as its editors see it: with its unapproved change applied in memory (the
    pending parts in ``item._working_parts``)."""
    item._working_parts = None
    if not item.has_unpublished_changes:
        return item, None
    revision = pending_revision(item)
    if revision is None:
        return item, None
    m2m = restore(item=item, data=revision.data)
    item._working_parts = {p.key: revision.data[p.key] for p in registry.parts_of(type(item)) if p.key in revision.data}
    return item, m2m


def working_parts(item: EditorialModel) -> dict[str, Any]:
    """Each part as editors see it: the pending change's, else the rows'."""
    pending = getattr(item, "_working_parts", None)
    if pending is None and item.has_unpublished_changes:
        revision = pending_revision(item)
        pending = revision.data if revision is not None else None
    return {
        p.key: (pending[p.key] if pending and p.key in pending else p.dump(item)) for p in registry.parts_of(type(item))
    }


# -- transitions --------------------------------------------------------------------


def _log(*, item, action, from_state, to_state, user, comment="", publish_at=None) -> TransitionLog:
    log = _log_row(
        item=item,
        action=action,
        from_state=from_state,
        to_state=to_state,
        user=user,
        comment=comment,
        publish_at=publish_at,
    )
    log.save(force_insert=True)
    return log


def _log_row(*, item, action, from_state, to_state, user, comment="", publish_at=None, at=None) -> TransitionLog:
    """An audit row, unsaved (``at`` defaults to now)."""
    log = TransitionLog(
        content_type=ContentType.objects.get_for_model(type(item)),
        object_id=item.pk,
        action=action,
        from_state=from_state,
        to_state=to_state,
        user=user,
        comment=comment,
        publish_at=publish_at,
    )
    if at is not None:
        log.at = at
    return log


def _transition_log_row(*, item, action: Action, from_state, user, comment: str, at=None) -> TransitionLog:
    """The audit row of ``action`` just applied to ``item`` (``transition``, ``replay``):
    the publish time is recorded when the item was approved."""
    target = TRANSITIONS[action].target
    publish_at = item.publish_at if target == State.PUBLISHED else None
    return _log_row(
        item=item, action=action, from_state=from_state, to_state=target, user=user, comment=comment,
        publish_at=publish_at, at=at,
    )  # fmt: skip


def _approves(action: Action) -> bool:
    """Does ``action`` approve the item's content (and so keep a ``published`` revision)?"""
    return TRANSITIONS[action].target == State.PUBLISHED


def _advance(item: EditorialModel, *, action: Action, user, now: datetime, publish_at: datetime | None) -> State:
    """What ``action`` does to ``item``'s workflow fields at ``now`` (``transition``,
    ``replay``): its state, version, submitter, live flag and publish times; an approval,
    withdrawal or reopening applies the pending change of a live item. Returns the state
    it left. Checks nothing (the callers do)."""
    from_state = item.state
    if action == Action.SUBMIT:
        item.submitted_by = user
    elif action in (Action.PUBLISH, Action.FORCE_PUBLISH):
        _apply_pending_change(item)
        if not item.live:
            # A chosen time, else the planned one, else now; a planned time that
            # has already passed means "now". A change to a live item applies at once.
            planned = item.publish_at if item.publish_at and item.publish_at > now else None
            item.publish_at = publish_at or planned or now
        item.live = True
        item.first_published_at = item.first_published_at or item.publish_at
    elif action == Action.WITHDRAW:
        item.live = False
        _apply_pending_change(item)
    elif action == Action.REOPEN:
        _apply_pending_change(item)
    item.state = TRANSITIONS[action].target
    item.version += 1
    return from_state


def _apply_pending_change(item: EditorialModel) -> None:
    if not item.has_unpublished_changes:
        return
    revision = pending_revision(item)
    if revision is not None:
        published_at = item.publish_at
        m2m = restore(item=item, data=revision.data)
        if item.live and item.publish_at is None:
            item.publish_at = published_at  # a blank publish time keeps a live item's own
        item.save()
        for name, ids in m2m.items():
            getattr(item, name).set(ids)
        apply_parts(item=item, data=revision.data)
    item.has_unpublished_changes = False


class StaleVersion(permissions.TransitionNotAllowed):
    """The item changed after the page the action came from was shown (or the action did
    not say which version it was shown): nothing was done. ``shown`` and ``current`` are
    revision numbers to compare."""

    def __init__(self, message: str, *, shown: int | None = None, current: int | None = None):
        super().__init__(message)
        self.shown = shown
        self.current = current


def latest_revision_number(item: EditorialModel) -> int:
    """The number of the revision holding what editors see now (a text refused by a
    concurrent edit is kept as a revision too, but is nobody's current content)."""
    return revisions_of(item).exclude(kind=RevisionKind.CONFLICT).aggregate(n=Max("number"))["n"] or 0


def content_of_revision(*, item: EditorialModel, number: int | None) -> dict:
    """The content fields of revision ``number`` as ``serialize`` gives them (values
    parsed back from JSON), or of the working copy when there is no such revision."""
    base = type(item).objects.get(pk=item.pk)
    revision = revisions_of(item).filter(number=number).first() if number else None
    if revision is None:
        base, m2m = working_copy(base)
    else:
        m2m = restore(item=base, data=revision.data)
    data = serialize(item=base, m2m=m2m or None)
    part_keys = {p.key for p in registry.parts_of(type(item))}
    return {k: v for k, v in data.items() if k not in part_keys}


def _check_shown_version(*, locked: EditorialModel, expected_version, shown_revision) -> None:
    if expected_version is None:
        raise StaleVersion(
            _(
                "Thao tác không cho biết bạn đang xem phiên bản nào của mục này, nên không được thực hiện. "
                "Hãy mở lại trang của mục, xem nội dung rồi thao tác lại."
            ),
            current=latest_revision_number(locked),
        )
    if int(expected_version) != locked.version:
        current = latest_revision_number(locked)
        raise StaleVersion(
            _(
                "Mục này đã thay đổi sau khi bạn mở trang (bạn xem phiên bản %(shown)s, hiện tại là phiên bản "
                "%(current)s), nên thao tác KHÔNG được thực hiện. Hãy so sánh hai phiên bản, xem nội dung mới "
                "rồi thao tác lại."
            )
            % {"shown": shown_revision or "?", "current": current},
            shown=shown_revision,
            current=current,
        )


def _check_backdating(*, user, before: datetime | None, after: datetime | None, now: datetime, comment: str) -> None:
    """A publish time well before the moment of approval (and before the time readers
    were told) back-dates the item: only Quản trị, with a recorded reason."""
    if after is None:
        return
    floor = min(before, now) if before else now
    if after >= floor - BACKDATE_TOLERANCE:
        return
    if not permissions.may_backdate(user):
        raise permissions.TransitionNotAllowed(
            _(
                "Thời điểm xuất bản %(at)s đã qua: chỉ Quản trị được lùi ngày xuất bản, và phải ghi lý do. "
                "Hãy để trống thời điểm xuất bản (xuất bản ngay) hoặc chọn một thời điểm sắp tới."
            )
            % {"at": timezone.localtime(after).strftime("%d/%m/%Y %H:%M")}
        )
    if not comment:
        raise ValidationError(_("Lùi ngày xuất bản cần ghi lý do vào ô ghi chú."))


def transition(
    *,
    item: EditorialModel,
    action: Action | str,
    user,
    comment: str = "",
    publish_at: datetime | None = None,
    expected_version: int | None = None,
    shown_revision: int | None = None,
    require_version: bool = False,
) -> TransitionLog:
    """Move ``item`` by ``action``. Raises ``TransitionNotAllowed`` (nothing changed) when
    the transition table refuses it, ``ValidationError`` when a required reason is missing.

    ``expected_version`` is the version the user was shown: when the item changed since,
    ``StaleVersion`` is raised and nothing changes. Requests always pass it
    (``require_version=True`` refuses an action that does not say what it was shown);
    code acting on an item it has just loaded may leave it out."""
    action = Action(action)
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise permissions.TransitionNotAllowed(_("Thao tác không tồn tại."))
    comment = (comment or "").strip()
    model = type(item)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=item.pk)
        permissions.check_transition(user=user, item=locked, action=action)
        if expected_version is not None or require_version:
            _check_shown_version(locked=locked, expected_version=expected_version, shown_revision=shown_revision)
        if rule.requires_comment and not comment:
            raise ValidationError(_("Cần nêu lý do khi “%(action)s”.") % {"action": action.label})
        now = timezone.now()
        published_before = locked.publish_at if locked.live else None
        if publish_at is not None and locked.live and rule.target == State.PUBLISHED and publish_at > now:
            raise ValidationError(
                _(
                    "Mục này đang xuất bản: thay đổi được duyệt sẽ áp dụng ngay, không hẹn giờ được. "
                    "Hãy để trống thời điểm xuất bản."
                )
            )
        from_state = _advance(locked, action=action, user=user, now=now, publish_at=publish_at)
        if action in (Action.PUBLISH, Action.FORCE_PUBLISH):
            _check_backdating(user=user, before=published_before, after=locked.publish_at, now=now, comment=comment)
        locked.save()
        log = _transition_log_row(item=locked, action=action, from_state=from_state, user=user, comment=comment)
        log.save(force_insert=True)
        if _approves(action):
            record_revision(item=locked, user=user, kind=RevisionKind.PUBLISHED)
            approved.send(sender=model, item=locked, user=user)
        transaction.on_commit(lambda: transitioned.send(sender=model, item=locked, log=log, user=user))
    # Keep the caller's object in step with the database.
    for f in model._meta.concrete_fields:
        setattr(item, f.attname, getattr(locked, f.attname))
    return log


# -- history in bulk (scale data) ----------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step of an item's history for ``replay``: a save of its content by ``user`` at
    ``at`` (``action`` None; the first step creates the item) or the transition ``action``
    (with the publish time and the reason a user would give)."""

    at: datetime
    user: Any
    action: Action | None = None
    publish_at: datetime | None = None
    comment: str = ""


@dataclass
class History:
    """The audit and revision rows a history leaves, unsaved (``write_history``)."""

    logs: list[TransitionLog] = dataclass_field(default_factory=list)
    revisions: list[Revision] = dataclass_field(default_factory=list)

    def __iadd__(self, other: History) -> History:
        self.logs += other.logs
        self.revisions += other.revisions
        return self


def replay(
    *,
    item: EditorialModel,
    steps: Sequence[Step],
    m2m: dict[str, list[int]] | None = None,
    parts: dict[str, Any] | None = None,
) -> History:
    """Give a new ``item`` (its primary key chosen, its content final, not saved yet) the
    workflow fields it has after ``steps``, and return the audit and revision rows those
    steps leave, for writing many items at once (``bench/``).

    The helpers of ``save_new``, ``save_existing``, ``record_revision`` and ``transition``
    decide states, versions, publish times, audit rows and revision data, so the history
    is the one the workflow writes: each save keeps a ``save`` revision (as the admin
    does), each approval a ``published`` one; revision data is ``serialize(item, m2m,
    parts)`` (registered parts included: pass ``m2m`` and ``parts`` unless the rows are
    already written). Refused (``TransitionNotAllowed``, ``ValidationError``), as by
    ``transition``: an action the transition table does not allow from the item's state,
    a missing reason, an approval by someone who changed the content since the last one,
    back-dating without Quản trị and a reason. Not checked: the other roles. Not
    supported: a change to a live item (it would wait in a revision). No signal is sent:
    the caller writes the item, ``write_history``, and indexes the live items
    (``portal.search.services.index_items``)."""
    history = History()
    authors: set[int] = set()  # who saved a revision since the last approval
    for n, step in enumerate(steps):
        user = step.user
        if step.action is None:
            if n == 0:
                _mark_new(item, user=user)
                item.created_at = step.at
            elif item.live:
                raise ValueError("replay: a change to a live item waits for approval; not supported")
            else:
                _mark_saved(item, version=item.version, user=user)
            item.updated_at = step.at
            data = serialize(item=item, m2m=m2m, parts=parts)
            history.revisions.append(
                _revision_row(
                    item=item, user=user, kind=RevisionKind.SAVE, number=len(history.revisions) + 1, data=data,
                    at=step.at,
                )
            )  # fmt: skip
            authors.add(user.pk)
            continue
        if n == 0:
            raise ValueError("replay: the first step creates the item (a save, action None)")
        action = Action(step.action)
        rule = TRANSITIONS[action]
        if item.state not in rule.sources or (rule.requires_live and not item.live):
            raise permissions.TransitionNotAllowed(f"replay: {action} is not allowed from {item.state}")
        comment = step.comment.strip()
        if rule.requires_comment and not comment:
            raise ValidationError(_("Cần nêu lý do khi “%(action)s”.") % {"action": action.label})
        if rule.never_own_items and user.pk in authors | {item.created_by_id, item.submitted_by_id}:
            raise permissions.TransitionNotAllowed(f"replay: user {user.pk} may not approve their own change")
        published_before = item.publish_at if item.live else None
        from_state = _advance(item, action=action, user=user, now=step.at, publish_at=step.publish_at)
        if action in (Action.PUBLISH, Action.FORCE_PUBLISH):
            _check_backdating(user=user, before=published_before, after=item.publish_at, now=step.at, comment=comment)
        item.updated_at = step.at
        history.logs.append(
            _transition_log_row(item=item, action=action, from_state=from_state, user=user, comment=comment, at=step.at)
        )
        if _approves(action):
            data = serialize(item=item, m2m=m2m, parts=parts)
            history.revisions.append(
                _revision_row(
                    item=item, user=user, kind=RevisionKind.PUBLISHED, number=len(history.revisions) + 1, data=data,
                    at=step.at,
                )
            )  # fmt: skip
            authors.clear()
    return history


def write_history(history: History | Iterable[History], *, batch_size: int = 1000) -> History:
    """Store the rows ``replay`` returned (after their items), in batches."""
    if not isinstance(history, History):
        merged = History()
        for part in history:
            merged += part
        history = merged
    TransitionLog.objects.bulk_create(history.logs, batch_size=batch_size)
    Revision.objects.bulk_create(history.revisions, batch_size=batch_size)
    return history


# -- reference data and access logs ------------------------------------------------------


def log_change(*, obj: models.Model, user, kind: ChangeKind, changes: dict | None = None) -> ChangeLog:
    """Record a change of a reference record (append-only)."""
    return ChangeLog.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        kind=kind,
        changes=changes or {},
        user=user,
    )


def log_preview(*, item: models.Model, user, what: str) -> PreviewLog:
    """Record that ``user`` saw ``item`` before readers could."""
    return PreviewLog.objects.create(
        content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk, what=what[:60], user=user
    )


def previews_of(item: models.Model) -> models.QuerySet[PreviewLog]:
    ct = ContentType.objects.get_for_model(type(item))
    return PreviewLog.objects.filter(content_type=ct, object_id=item.pk).select_related("user")


def changes_of(obj: models.Model) -> models.QuerySet[ChangeLog]:
    ct = ContentType.objects.get_for_model(type(obj))
    return ChangeLog.objects.filter(content_type=ct, object_id=obj.pk).select_related("user")


# -- the desk: assignment and notes ------------------------------------------------------


def current_assignment(item: models.Model):
    from .models import Assignment

    ct = ContentType.objects.get_for_model(type(item))
    return Assignment.objects.filter(content_type=ct, object_id=item.pk).select_related("assignee").first()


def assign(*, item: EditorialModel, assignee, user):
    """ "Giao cho": give the item to ``assignee`` (recorded; the assignee is notified).
    Editors, the board and administrators assign, to anyone with an editorial role."""
    from .models import Assignment
    from .signals import assigned

    if not permissions.may_assign(user):
        raise permissions.TransitionNotAllowed(_("Vai trò của bạn không được giao việc."))
    if not (
        assignee.is_active and assignee.is_staff and permissions.user_roles(assignee) & permissions.EDITORIAL_ROLES
    ):
        raise ValidationError(_("Chỉ giao được cho người có vai trò biên tập."))
    row = Assignment.objects.create(
        content_type=ContentType.objects.get_for_model(type(item)),
        object_id=item.pk,
        assignee=assignee,
        assigned_by=user,
    )
    transaction.on_commit(lambda: assigned.send(sender=type(item), item=item, assignment=row, user=user))
    return row


def add_note(*, item: EditorialModel, user, text: str):
    """A message in the item's notes thread (those involved are notified)."""
    from .models import Note
    from .signals import noted

    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Lời nhắn đang để trống."))
    if not permissions.may_view_content_in_admin(user):
        raise permissions.TransitionNotAllowed(_("Bạn không xem được mục này."))
    note = Note.objects.create(
        content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk, author=user, text=text
    )
    transaction.on_commit(lambda: noted.send(sender=type(item), item=item, note=note, user=user))
    return note


def notes_of(item: models.Model):
    from .models import Note

    ct = ContentType.objects.get_for_model(type(item))
    return Note.objects.filter(content_type=ct, object_id=item.pk).select_related("author")
