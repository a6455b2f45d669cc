"""One small function per question the workflow asks about a user and an item."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from .enums import EDITORIAL_ROLES, Action, Role, State
from .workflow import TRANSITIONS

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from .models import EditorialModel


class TransitionNotAllowed(Exception):
    """The user may not make this transition; nothing was changed (answered with 403)."""


def user_roles(user: AbstractBaseUser) -> frozenset[Role]:
    """The workflow roles of a user; a superuser holds every role."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(Role)
    cached = getattr(user, "_editorial_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(r for r in Role if r.value in names)
        user._editorial_roles = cached
    return cached


def content_authors(item: EditorialModel) -> set[int]:
    """Everyone who changed the item's content since it was last approved: its creator,
    its submitter, and the author of every revision saved since the last published one."""
    from django.contrib.contenttypes.models import ContentType

    from .enums import RevisionKind
    from .models import Revision

    ids = {item.created_by_id, item.submitted_by_id}
    if item.pk:
        rows = list(
            Revision.objects.filter(content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk)
            .order_by("number")
            .values_list("number", "kind", "created_by_id")
        )
        last_published = max((n for n, kind, _u in rows if kind == RevisionKind.PUBLISHED), default=0)
        ids |= {u for n, kind, u in rows if n > last_published and kind == RevisionKind.SAVE}
    ids.discard(None)
    return ids


def is_author(user: AbstractBaseUser, item: EditorialModel) -> bool:
    """Did this user change the item's content since it was last approved (the second
    pair of eyes: such a user may not approve or publish it)?"""
    if user.pk is None:
        return False
    return user.pk in content_authors(item)


def may_create(user: AbstractBaseUser) -> bool:
    """May the user create new items? Every editorial role may (not Văn phòng)."""
    return bool(user_roles(user) & EDITORIAL_ROLES)


def may_view_in_admin(user: AbstractBaseUser) -> bool:
    """May the user open the admin at all (any role, with staff status)?"""
    return bool(user_roles(user)) and user.is_staff


def may_view_content_in_admin(user: AbstractBaseUser) -> bool:
    """May the user read items in the admin, unpublished ones included (editorial roles)?"""
    return bool(user_roles(user) & EDITORIAL_ROLES) and user.is_staff


def may_manage_people(user: AbstractBaseUser) -> bool:
    """May the user add or change units and people, and link a person to an account?
    Văn phòng and administrators: these records decide who may report on a directive."""
    return user.is_staff and bool(user_roles(user) & {Role.SECRETARIAT, Role.ADMIN})


def may_backdate(user: AbstractBaseUser) -> bool:
    """May the user publish with a publish time in the past (with a recorded reason)?"""
    return Role.ADMIN in user_roles(user)


def may_edit(user: AbstractBaseUser, item: EditorialModel) -> bool:
    """May the user change the item's content?

    Reporters edit their own drafts and returned items; editors any version not yet
    published; the board and administrators anything. Reporters (their own articles) and
    editors may also start a correction of a live item. A change to a live item, by
    anyone, waits for the board's approval before readers see it.
    """
    roles = user_roles(user)
    if Role.ADMIN in roles or Role.BOARD in roles:
        return True
    correction = item.state == State.PUBLISHED and item.live
    if Role.EDITOR in roles:
        return item.state in {State.DRAFT, State.PENDING, State.RETURNED} or correction
    if Role.REPORTER in roles:
        return (item.state in {State.DRAFT, State.RETURNED} or correction) and item.created_by_id == user.pk
    return False


def may_assign(user: AbstractBaseUser) -> bool:
    """May the user give an item to someone ("Giao cho")? Editors, the board, administrators."""
    return user.is_staff and bool(user_roles(user) & {Role.EDITOR, Role.BOARD, Role.ADMIN})


def may_delete(user: AbstractBaseUser, item: EditorialModel | None = None) -> bool:
    """Only administrators delete, and never an item that readers have seen."""
    if Role.ADMIN not in user_roles(user):
        return False
    return item is None or item.first_published_at is None


def check_transition(*, user: AbstractBaseUser, item: EditorialModel, action: Action) -> None:
    """Raise ``TransitionNotAllowed`` with a Vietnamese reason unless the move is allowed."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionNotAllowed(_("Thao tác không tồn tại."))
    roles = user_roles(user)
    acting = roles & transition.roles
    if not acting:
        raise TransitionNotAllowed(
            _("Vai trò của bạn không được phép thực hiện thao tác “%(action)s”.") % {"action": transition.action.label}
        )
    if item.state not in transition.sources:
        raise TransitionNotAllowed(
            _("Không thể “%(action)s” khi mục đang ở trạng thái “%(state)s”.")
            % {"action": transition.action.label, "state": State(item.state).label}
        )
    if transition.requires_live and not item.live:
        raise TransitionNotAllowed(_("Mục này chưa được xuất bản nên không thể gỡ."))
    # A role limited to its own items only counts if the user holds no unlimited role.
    if all(r in transition.own_items_only for r in acting) and item.created_by_id != user.pk:
        raise TransitionNotAllowed(_("Bạn chỉ được thao tác trên bài của chính mình."))
    if all(r in transition.never_own_items for r in acting) and is_author(user, item):
        raise TransitionNotAllowed(
            _(
                "Bạn đã viết, sửa hoặc gửi duyệt nội dung này kể từ lần duyệt trước, nên không thể tự duyệt "
                "hay xuất bản nó; cần một thành viên Ban Biên tập khác xem và duyệt."
            )
        )


def may_transition(*, user: AbstractBaseUser, item: EditorialModel, action: Action) -> bool:
    try:
        check_transition(user=user, item=item, action=action)
    except TransitionNotAllowed:
        return False
    return True


def allowed_actions(*, user: AbstractBaseUser, item: EditorialModel) -> list[Action]:
    return [a for a in TRANSITIONS if may_transition(user=user, item=item, action=a)]


def may_see_internal(user: AbstractBaseUser) -> bool:
    """Internal items need a staff login."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


def is_live_at(item: EditorialModel, at=None) -> bool:
    """The object form of ``EditorialQuerySet.live_at``: approved, publish time reached,
    expiry not reached."""
    from django.utils import timezone

    at = at or timezone.now()
    return bool(
        item.live
        and item.publish_at is not None
        and item.publish_at <= at
        and (item.expire_at is None or item.expire_at > at)
    )


def may_see(user: AbstractBaseUser | None, item: EditorialModel, at=None) -> bool:
    """May this user read this item on the public site now? The one rule, in the object
    form of ``EditorialQuerySet.visible_to`` (pages, downloads, calendars and feeds use
    one or the other; ``user=None`` is an anonymous reader)."""
    if not is_live_at(item, at):
        return False
    return not item.is_internal or (user is not None and may_see_internal(user))


def may_preview(user: AbstractBaseUser, item: EditorialModel) -> bool:
    """May the user see an item before readers do (admin preview, embargoed figures)?
    Editors, the board and administrators; a reporter only what they created."""
    roles = user_roles(user)
    if not user.is_staff:
        return False
    if roles & {Role.EDITOR, Role.BOARD, Role.ADMIN}:
        return True
    return Role.REPORTER in roles and item.created_by_id == user.pk
