"""Two middlewares, after Django's ``AuthenticationMiddleware``:

- ``SessionLifetimeMiddleware`` ends a signed-in session after ``SESSION_IDLE_TIMEOUT``
  seconds without a request and ``SESSION_ABSOLUTE_TIMEOUT`` seconds after the sign-in,
  whatever happens in between (the last request is written at most once a minute);
- ``SecondFactorMiddleware`` (after django-otp's ``OTPMiddleware``) keeps a session that
  still owes its second factor out of the admin (sent to the code or to the set-up page)
  and sees it as a reader on the public pages.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse

from . import policy

SEEN_GRANULARITY = 60  # seconds: the last-request time is written at most this often


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            now = time.time()
            login_at = session.get(policy.LOGIN_AT_KEY)
            seen_at = session.get(policy.SEEN_AT_KEY)
            if login_at is None:  # a session from before this rule
                login_at = seen_at = now
                session[policy.LOGIN_AT_KEY] = now
            expired = now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT or (
                seen_at is not None and now - seen_at > settings.SESSION_IDLE_TIMEOUT
            )
            if expired:
                logout(request)
                request.session[policy.EXPIRED_KEY] = True  # said once on the sign-in page
            elif seen_at is None or now - seen_at >= SEEN_GRANULARITY:
                session[policy.SEEN_AT_KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None
        self._open_prefixes = None

    def _prefixes(self):
        if self._open_prefixes is None:
            self._admin_prefix = reverse("admin:index")
            self._open_prefixes = (
                reverse("admin:login"),
                reverse("admin:logout"),
                reverse("accounts:verify"),
                reverse("accounts:setup"),
                reverse("accounts:recovery_codes"),
                settings.STATIC_URL,
                "/i18n/",
                reverse("accounts:oidc_init"),
            )
        return self._admin_prefix, self._open_prefixes

    def __call__(self, request):
        if getattr(request, "session", None) is not None and SESSION_KEY in request.session:
            admin_prefix, open_prefixes = self._prefixes()
            path = request.path_info
            if policy.second_factor_owed(request, check_roles=path.startswith(admin_prefix)):
                if not path.startswith(open_prefixes):
                    if path.startswith(admin_prefix):
                        target = "accounts:verify" if policy.has_second_factor(request.user) else "accounts:setup"
                        from .views import _with_next

                        return redirect(_with_next(reverse(target), request.get_full_path()))
                    request.user = AnonymousUser()
        return self.get_response(request)
