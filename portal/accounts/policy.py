"""The rules of signing in, one small function per question."""

from __future__ import annotations

import base64
import binascii
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device

from portal.editorial.enums import Role
from portal.editorial.permissions import user_roles

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.http import HttpRequest

# The roles whose members must sign in with a second factor (docs/logins.md).
SECOND_FACTOR_ROLES = frozenset({Role.BOARD, Role.ADMIN, Role.SECRETARIAT})

# Session keys of this app.
PENDING_KEY = "accounts_second_factor_pending"  # password given, code still owed
SSO_KEY = "accounts_sso"  # signed in through the identity provider
LOGIN_AT_KEY = "accounts_login_at"  # epoch seconds of the sign-in
SEEN_AT_KEY = "accounts_seen_at"  # epoch seconds of the last request (to the minute)
RECOVERY_CODES_KEY = "accounts_new_recovery_codes"  # shown once after set-up
EXPIRED_KEY = "accounts_session_expired"  # the sign-in page says why
REQUIRED_KEY = "accounts_second_factor_required"  # the role needed it at sign-in


def requires_second_factor(user: AbstractBaseUser) -> bool:
    """Must this user sign in with a second factor (Ban Biên tập, Quản trị, Văn phòng;
    a superuser holds every role)?"""
    return bool(user_roles(user) & SECOND_FACTOR_ROLES)


def requires_second_factor_now(user: AbstractBaseUser) -> bool:
    """The same question asked of the database (nothing cached on ``user``): at sign-in."""
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[r.value for r in SECOND_FACTOR_ROLES]).exists()


def has_second_factor(user: AbstractBaseUser) -> bool:
    """Has the user a confirmed authenticator (TOTP app or recovery codes)?"""
    return user_has_device(user, confirmed=True)


def second_factor_done(request: HttpRequest) -> bool:
    """Has this session passed a second factor (a code, or the identity provider's
    sign-in when ``OIDC_SATISFIES_SECOND_FACTOR`` is on)?"""
    user = request.user
    if getattr(user, "is_verified", None) and user.is_verified():
        return True
    return bool(request.session.get(SSO_KEY)) and settings.OIDC_SATISFIES_SECOND_FACTOR


def second_factor_owed(request: HttpRequest, *, check_roles: bool = True) -> bool:
    """Is this signed-in session still waiting for its second factor? Its role is asked
    again when ``check_roles`` (the admin); elsewhere what it was at sign-in is enough
    (public pages run no query for it)."""
    session = request.session
    if not (session.get(PENDING_KEY) or session.get(REQUIRED_KEY) or check_roles):
        return False
    user = request.user
    if not user.is_authenticated or second_factor_done(request):
        return False
    if session.get(PENDING_KEY) or session.get(REQUIRED_KEY):
        return True
    return requires_second_factor(user)


def end_sessions(user: AbstractBaseUser, *, keep: str | None = None) -> int:
    """End every session of ``user`` recorded at sign-in, except the one named ``keep``."""
    from .models import LoginSession

    engine = import_module(settings.SESSION_ENGINE)
    rows = LoginSession.objects.filter(user=user)
    if keep:
        rows = rows.exclude(session_key=keep)
    keys = list(rows.values_list("session_key", flat=True))
    for key in keys:
        engine.SessionStore(session_key=key).delete()
    rows.delete()
    return len(keys)


def totp_key_from_base32(secret: str) -> str:
    """The hex key django-otp stores for a base32 secret (as authenticator apps show it)."""
    cleaned = secret.strip().replace(" ", "").upper()
    cleaned += "=" * (-len(cleaned) % 8)
    try:
        raw = base64.b32decode(cleaned)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("DEMO_TOTP_SECRET phải là một chuỗi base32 (A–Z, 2–7).") from exc
    if len(raw) < 10:
        raise ValueError("DEMO_TOTP_SECRET quá ngắn: cần ít nhất 16 ký tự base32 (80 bit).")
    return raw.hex()


__all__ = [
    "DEVICE_ID_SESSION_KEY",
    "SECOND_FACTOR_ROLES",
    "end_sessions",
    "has_second_factor",
    "requires_second_factor",
    "second_factor_done",
    "second_factor_owed",
    "totp_key_from_base32",
]
