"""DEMO_TOTP_SECRET: the demo accounts whose role needs two-factor sign-in get an
authenticator with that secret, so a newcomer and automated checks can sign in."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.demo import give_authenticators
from tests.accounts.conftest import sign_in

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"


def code(secret: str) -> str:
    return f"{TOTP(base64.b32decode(secret)).token():06d}"


def test_the_roles_that_need_it_get_the_secret_and_sign_in_with_its_code(client, board, reporter, clock):
    given = give_authenticators([board, reporter], secret=SECRET)
    assert given == [board]
    assert not TOTPDevice.objects.filter(user=reporter).exists()
    response = sign_in(client, "banbientap", code=code(SECRET))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_running_the_loader_again_keeps_one_authenticator_and_follows_a_new_secret(board, clock):
    give_authenticators([board], secret=SECRET)
    give_authenticators([board], secret="KRSXG5CTMVRXEZLUKRSXG5CT")
    device = TOTPDevice.objects.get(user=board)
    assert device.bin_key == base64.b32decode("KRSXG5CTMVRXEZLUKRSXG5CT")


def test_a_secret_that_is_not_base32_is_refused(board):
    with pytest.raises(ValueError, match="base32"):
        give_authenticators([board], secret="not-base-32!")


def test_the_demo_loader_hook_reads_the_environment(board, reporter, monkeypatch):
    import io

    from portal.accounts import demo

    out = io.StringIO()
    demo.load(users={"b": board, "r": reporter}, stdout=out)
    assert not TOTPDevice.objects.exists()
    monkeypatch.setenv("DEMO_TOTP_SECRET", SECRET)
    demo.load(users={"b": board, "r": reporter}, stdout=out)
    assert list(TOTPDevice.objects.values_list("user__username", flat=True)) == ["banbientap"]
    assert "banbientap" in out.getvalue()
