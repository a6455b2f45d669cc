"""One small function per question the workflow asks about a user and an item."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from .enums import Action, Role, State
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


def is_author(user: AbstractBaseUser, item: EditorialModel) -> bool:
    """Did this user write the item (create it, or submit its current version), or write
    the change to a live item that now waits for approval?"""
    if user.pk is None:
        return False
    if user.pk in {item.created_by_id, item.submitted_by_id}:
        return True
    return bool(item.pk and item.has_unpublished_changes and change_author_id(item) == user.pk)


def change_author_id(item: EditorialModel) -> int | None:
    """Who saved the change to a live item that waits for approval."""
    from django.contrib.contenttypes.models import ContentType

    from .enums import RevisionKind
    from .models import Revision

    return (
        Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk, kind=RevisionKind.SAVE
        )
        .order_by("-number")
        .values_list("created_by_id", flat=True)
        .first()
    )


def may_create(user: AbstractBaseUser) -> bool:
    """May the user create new items? Every workflow role may."""
    return bool(user_roles(user))


def may_view_in_admin(user: AbstractBaseUser) -> bool:
    return bool(user_roles(user)) and user.is_staff


def may_edit(user: AbstractBaseUser, item: EditorialModel) -> bool:
    """May the user change the item's content?

    Reporters edit their own drafts and returned items; editors any version not yet
    published; the board and administrators anything (a change to a live item waits for
    the board's approval before readers see it).
    """
    roles = user_roles(user)
    if Role.ADMIN in roles or Role.BOARD in roles:
        return True
    if Role.EDITOR in roles:
        return item.state in {State.DRAFT, State.PENDING, State.RETURNED}
    if Role.REPORTER in roles:
        return item.state in {State.DRAFT, State.RETURNED} and item.created_by_id == user.pk
    return False


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
            _("Bạn không thể tự duyệt bài do chính mình viết hoặc gửi duyệt; cần một thành viên Ban Biên tập khác.")
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
