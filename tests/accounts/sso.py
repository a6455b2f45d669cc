"""The loopback identity provider and a live portal that trusts it (single sign-on tests,
here and in tests/e2e). The provider is a real OpenID Connect server (django-oauth-toolkit,
``tests/accounts/oidc_provider``) in a second process with its own SQLite database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.ports import free_port

SSO_PASSWORD = "mat-khau-sso"  # noqa: S105 (the test provider's users)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """The identity provider, running; yields its base URL and the portal port it expects."""
    folder = tmp_path_factory.mktemp("idp")
    (folder / "users.txt").write_text(
        "nguyenvana\tmat-khau-sso\tVăn An\tNguyễn\tboard\n"
        "tranthib\tmat-khau-sso\tThị Bình\tTrần\treporter\teditor\n"
        "khach\tmat-khau-sso\tKhách\tLê\tguest\n",
        encoding="utf-8",
    )
    port, portal_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "tests.accounts.oidc_provider.start", str(folder), str(port),
         f"http://127.0.0.1:{portal_port}/admin/sso/callback/"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(f"{base}/o/.well-known/openid-configuration", timeout=2).status_code == 200:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the identity provider did not start:\n" + process.stdout.read().decode())
        time.sleep(0.3)
    yield {"base": base, "portal_port": portal_port}
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def portal_with_sso(provider, settings):
    """A live portal on the port the provider knows, with single sign-on switched on."""
    from pytest_django.live_server_helper import LiveServer

    base = provider["base"]
    settings.OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "portal.accounts.oidc.OIDCBackend"]
    settings.OIDC_RP_CLIENT_ID = "portal"
    settings.OIDC_RP_CLIENT_SECRET = "portal-secret"  # noqa: S105
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/o/.well-known/jwks.json"
    server = LiveServer(f"127.0.0.1:{provider['portal_port']}")
    yield server.url
    server.stop()
