"""Authenticators for the demo accounts (``manage.py load_demo``), so that a newcomer and
automated checks can sign in as the roles that must use two-factor sign-in."""

from __future__ import annotations

import os
from collections.abc import Iterable

from django_otp.plugins.otp_totp.models import TOTPDevice

from . import policy

DEMO_DEVICE_NAME = "Ứng dụng xác thực (DEMO_TOTP_SECRET)"


def give_authenticators(users: Iterable, *, secret: str) -> list:
    """Give each user whose role requires it a confirmed TOTP authenticator with the base32
    ``secret`` (the same for all: add it once to an authenticator app). Idempotent; the
    key is replaced when the secret changes. Returns the users that got one."""
    key = policy.totp_key_from_base32(secret)
    given = []
    for user in users:
        if not policy.requires_second_factor(user):
            continue
        TOTPDevice.objects.filter(user=user).exclude(name=DEMO_DEVICE_NAME).delete()
        TOTPDevice.objects.update_or_create(
            user=user, name=DEMO_DEVICE_NAME, defaults={"key": key, "confirmed": True, "last_t": -1}
        )
        given.append(user)
    return given


def load(*, users: dict, stdout) -> None:
    """``manage.py load_demo``'s hook: the authenticators, when ``DEMO_TOTP_SECRET`` is set."""
    secret = os.environ.get("DEMO_TOTP_SECRET", "").strip()
    if not secret:
        return
    given = give_authenticators(users.values(), secret=secret)
    names = ", ".join(u.username for u in given)
    stdout.write(f"Xác thực hai bước: {names} đăng nhập bằng mã TOTP từ DEMO_TOTP_SECRET.")
