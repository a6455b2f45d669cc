"""django-axes, fitted to a ministry where a whole office shares one address.

Failures are counted per account and address together (``AXES_FAILURE_LIMIT``, e.g. 5):
that throttles someone guessing one account from one place without locking colleagues
out. Guessing one account from many addresses is stopped per account
(``LOGIN_ACCOUNT_FAILURE_LIMIT``, higher). Nothing is ever counted per address alone.
"""

from __future__ import annotations

import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.db.models import Sum
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


class PortalAxesHandler(AxesDatabaseHandler):
    """Axes' database handler with a second, per-account threshold."""

    def get_failures(self, request, credentials=None) -> int:
        pair = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if not username:
            return pair
        account = AccessAttempt.objects.filter(username=username).aggregate(n=Sum("failures_since_start"))["n"] or 0
        if account >= settings.LOGIN_ACCOUNT_FAILURE_LIMIT:
            return max(pair, get_failure_limit(request, credentials))
        return pair


def lockout_message(request=None) -> str:
    cool_off = get_cool_off(request) if request is not None else None
    if cool_off:
        minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
        return _(
            "Tài khoản này tạm thời bị khoá đăng nhập vì nhập sai quá nhiều lần. "
            "Hãy thử lại sau %(minutes)d phút, hoặc nhờ Quản trị mở khoá."
        ) % {"minutes": minutes}
    return _("Tài khoản này bị khoá đăng nhập vì nhập sai quá nhiều lần. Hãy nhờ Quản trị mở khoá.")


def lockout_response(request, original_response=None, credentials=None):
    """The admin's sign-in page with the lockout message (status 429), never a bare text."""
    from .forms import PortalAuthenticationForm

    username = get_client_username(request, credentials) or ""
    form = PortalAuthenticationForm(request, initial={"username": username})
    response = TemplateResponse(
        request,
        "accounts/login.html",
        {
            **admin.site.each_context(request),
            "form": form,
            "lockout_message": lockout_message(request),
            "title": _("Đăng nhập"),
            "app_path": request.get_full_path(),
            "next": request.POST.get("next") or request.GET.get("next", ""),
            "sso_enabled": settings.OIDC_ENABLED,
        },
        status=429,
    )
    return response.render()  # made after the view ran (AxesMiddleware): render it here
