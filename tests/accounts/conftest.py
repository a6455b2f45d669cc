"""Signing in for real: the form, the codes, the lockout."""

from __future__ import annotations

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

LOGIN = "/admin/login/"


def code_for(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, username: str, password: str = PASSWORD, code: str = "", address: str = "10.0.0.7", **extra):
    return client.post(
        LOGIN, {"username": username, "password": password, "otp_token": code, "next": "/admin/"}, REMOTE_ADDR=address,
        **extra,
    )  # fmt: skip


def authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)


@pytest.fixture
def real_session_limits(settings):
    """The production limits (the test settings push them years away)."""
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    settings.SESSION_ABSOLUTE_TIMEOUT = 8 * 3600
