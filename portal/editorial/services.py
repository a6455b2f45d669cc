"""Writes of the workflow: saving items, keeping revisions, making transitions.

Keyword-only functions; views and the admin stay thin and call these.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

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
        return Revision.objects.create(
            content_type=ct,
            object_id=item.pk,
            number=(last or 0) + 1,
            kind=kind,
            state=item.state,
            data=data if data is not None else serialize(item=item),
            created_by=user if getattr(user, "pk", None) else None,
        )


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
    who = (actor.get_full_name() or actor.get_username()) if actor else "?"
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


def save_new(*, item: EditorialModel, user) -> EditorialModel:
    item.created_by = user
    item.updated_by = user
    item.state = State.DRAFT
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
    item.version = stored.version + 1
    item.updated_by = user
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
    return TransitionLog.objects.create(
        content_type=ContentType.objects.get_for_model(type(item)),
        object_id=item.pk,
        action=action,
        from_state=from_state,
        to_state=to_state,
        user=user,
        comment=comment,
        publish_at=publish_at,
    )


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
    return {k: v for k, v in data.items() if k not in {p.key for p in registry.parts_of(type(item))}}


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
        from_state = locked.state
        now = timezone.now()
        published_before = locked.publish_at if locked.live else None
        if publish_at is not None and locked.live and rule.target == State.PUBLISHED and publish_at > now:
            raise ValidationError(
                _(
                    "Mục này đang xuất bản: thay đổi được duyệt sẽ áp dụng ngay, không hẹn giờ được. "
                    "Hãy để trống thời điểm xuất bản."
                )
            )
        if action == Action.SUBMIT:
            locked.submitted_by = user
        elif action in (Action.PUBLISH, Action.FORCE_PUBLISH):
            _apply_pending_change(locked)
            if not locked.live:
                # A chosen time, else the planned one, else now; a planned time that
                # has already passed means "now". A change to a live item applies at once.
                planned = locked.publish_at if locked.publish_at and locked.publish_at > now else None
                locked.publish_at = publish_at or planned or now
            _check_backdating(user=user, before=published_before, after=locked.publish_at, now=now, comment=comment)
            locked.live = True
            locked.first_published_at = locked.first_published_at or locked.publish_at
        elif action == Action.WITHDRAW:
            locked.live = False
            _apply_pending_change(locked)
        elif action == Action.REOPEN:
            _apply_pending_change(locked)
        locked.state = rule.target
        locked.version += 1
        locked.save()
        log = _log(
            item=locked,
            action=action,
            from_state=from_state,
            to_state=rule.target,
            user=user,
            comment=comment,
            publish_at=locked.publish_at if rule.target == State.PUBLISHED else None,
        )
        if rule.target == State.PUBLISHED:
            record_revision(item=locked, user=user, kind=RevisionKind.PUBLISHED)
            approved.send(sender=model, item=locked, user=user)
        transaction.on_commit(lambda: transitioned.send(sender=model, item=locked, log=log, user=user))
    # Keep the caller's object in step with the database.
    for f in model._meta.concrete_fields:
        setattr(item, f.attname, getattr(locked, f.attname))
    return log


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
