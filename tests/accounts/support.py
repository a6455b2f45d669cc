"""Signing in, for tests.

Most tests are not about signing in: they ``force_login`` a member of the board, an
administrator or the secretariat and go straight to the admin. For them the root conftest
makes ``Client.force_login`` also pass the second factor, as a real sign-in with a code
would (a confirmed TOTP device, its id in the session: the same session key django-otp
sets). The enforcement itself is tested for real in ``tests/accounts`` (``verified=False``
or a real sign-in through the form).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.policy import SECOND_FACTOR_ROLES


def needs_second_factor(user) -> bool:
    """``policy.requires_second_factor`` without caching roles on the test's user object."""
    return user.is_superuser or user.groups.filter(name__in=[r.value for r in SECOND_FACTOR_ROLES]).exists()


def pass_second_factor(client: Client, user) -> TOTPDevice:
    """Mark the client's session as having passed the second factor with the user's
    authenticator (made, confirmed, when the user has none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực (thử nghiệm)", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@contextmanager
def force_login_passes_second_factor():
    original = Client.force_login

    def force_login(self, user, backend=None, *, verified=True):
        original(self, user, backend)
        if verified and needs_second_factor(user):
            pass_second_factor(self, user)

    Client.force_login = force_login
    try:
        yield
    finally:
        Client.force_login = original
