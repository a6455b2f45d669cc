"""The sign-in audit in the admin, for Quản trị: who signed in (and out), every failed
attempt, and the accounts being throttled or locked, with an action to unlock them."""

from __future__ import annotations

from axes.utils import reset
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.editorial.admin import ReadOnlyAdmin
from portal.editorial.enums import Role
from portal.editorial.permissions import user_roles

from .models import LoginAttempt, LoginFailure, LoginRecord


class AdministratorOnly(ReadOnlyAdmin):
    """Readable by Quản trị alone (a superuser holds every role); never edited."""

    def _is_admin(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and Role.ADMIN in user_roles(request.user)

    def has_module_permission(self, request):
        return self._is_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._is_admin(request)


@admin.register(LoginAttempt)
class LoginAttemptAdmin(AdministratorOnly):
    list_display = ("username", "ip_address", "failures_since_start", "attempt_time", "user_agent")
    list_filter = ("attempt_time",)
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"
    ordering = ("-attempt_time",)
    actions = ["unlock"]
    fields = ("username", "ip_address", "user_agent", "failures_since_start", "attempt_time", "path_info")

    def has_delete_permission(self, request, obj=None):
        return self._is_admin(request)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Mở khoá đăng nhập cho các tài khoản đã chọn"))
    def unlock(self, request, queryset):
        usernames = sorted({u for u in queryset.values_list("username", flat=True) if u})
        for username in usernames:
            reset(username=username)
        self.message_user(
            request,
            ngettext("Đã mở khoá %(n)d tài khoản: %(names)s.", "Đã mở khoá %(n)d tài khoản: %(names)s.", len(usernames))
            % {"n": len(usernames), "names": ", ".join(usernames)},
            messages.SUCCESS,
        )


@admin.register(LoginRecord)
class LoginRecordAdmin(AdministratorOnly):
    list_display = ("username", "ip_address", "attempt_time", "logout_time", "user_agent")
    list_filter = ("attempt_time", "logout_time")
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"
    ordering = ("-attempt_time",)
    fields = ("username", "ip_address", "user_agent", "attempt_time", "logout_time", "path_info")


@admin.register(LoginFailure)
class LoginFailureAdmin(AdministratorOnly):
    list_display = ("username", "ip_address", "attempt_time", "locked_out", "user_agent")
    list_filter = ("locked_out", "attempt_time")
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"
    ordering = ("-attempt_time",)
    fields = ("username", "ip_address", "user_agent", "attempt_time", "locked_out", "path_info")
