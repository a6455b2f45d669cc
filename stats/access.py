"""Who may open a release's figures before readers can.

During a release's embargo (approved, release time still ahead) its figures — the admin
preview, the grid, the import templates, the comparison of its revisions — are open only
to editors, the board, Quản trị and the named pre-release list (``PreReleaseAccess``);
everyone else is refused, and every view is logged (``portal.editorial.services.log_preview``).
Outside an embargo the admin's usual rule applies. What readers see is decided by
``portal.editorial.permissions.may_see`` alone."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.editorial import permissions
from portal.editorial.enums import Role

from .models import PreReleaseAccess, Release

PRIVILEGED = frozenset({Role.EDITOR, Role.BOARD, Role.ADMIN})

# What a logged view showed (``PreviewLog.what``).
PREVIEW = "xem trước"
GRID = "bảng số liệu"
TEMPLATE = "mẫu nhập"
COMPARE = "so sánh phiên bản"


def under_embargo(release: Release, at=None) -> bool:
    """Approved, but its release time has not come: readers see nothing yet."""
    at = at or timezone.now()
    return bool(release.live and release.publish_at and release.publish_at > at)


def is_privileged(user) -> bool:
    """Editors, the board and Quản trị (with staff status)."""
    return bool(user.is_staff and permissions.user_roles(user) & PRIVILEGED)


def on_pre_release_list(user) -> bool:
    return bool(user.is_active and user.is_staff and PreReleaseAccess.objects.filter(user_id=user.pk).exists())


def may_open_figures(user, release: Release) -> bool:
    """May the user open the release's figures in the admin now?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if under_embargo(release):
        return is_privileged(user) or on_pre_release_list(user)
    return permissions.may_view_content_in_admin(user)


def refusal_reason(release: Release) -> str:
    if under_embargo(release):
        return _(
            "Kỳ công bố này đang trong thời gian cấm công bố (đến %(at)s): chỉ Biên tập viên, Ban Biên tập, "
            "Quản trị và những người trong danh sách xem trước số liệu được mở số liệu."
        ) % {"at": timezone.localtime(release.publish_at).strftime("%H:%M %d/%m/%Y")}
    return _("Bạn không được xem số liệu của kỳ công bố này.")
