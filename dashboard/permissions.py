"""Who sees which part of the dashboard (Bảng điều hành)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from portal.editorial.enums import Role
from portal.editorial.permissions import may_see_internal, user_roles


@dataclass(frozen=True)
class Scope:
    """``editorial``: the approval figures (board, administrators). ``directives``: the
    directive figures; ``unit_ids`` None means every unit, else only these (a unit head)."""

    editorial: bool
    directives: bool
    unit_ids: tuple[int, ...] | None = None


def scope_of(user) -> Scope:
    """The parts ``user`` may see; raises ``PermissionDenied`` (a Vietnamese reason) when
    none. The caller sends an anonymous visitor to the sign-in page first."""
    if not may_see_internal(user):
        raise PermissionDenied(_("Bảng điều hành chỉ dành cho cán bộ của Bộ đã đăng nhập."))
    roles = user_roles(user)
    editorial = bool(roles & {Role.BOARD, Role.ADMIN})
    if roles & {Role.BOARD, Role.ADMIN, Role.SECRETARIAT}:
        return Scope(editorial=editorial, directives=True, unit_ids=None)
    from meetings.models import Unit

    headed = tuple(Unit.objects.filter(head__user=user).order_by("order", "name").values_list("id", flat=True))
    if headed:
        return Scope(editorial=False, directives=True, unit_ids=headed)
    raise PermissionDenied(_("Bảng điều hành chỉ dành cho Ban Biên tập, Quản trị, Văn phòng và lãnh đạo các đơn vị."))
