"""Security headers on public pages, cached pages and the admin; the CSP report address;
``check --deploy`` with production settings behind TLS."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_public_page_has_a_strict_policy_and_the_other_headers():
    response = Client().get("/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["report-uri"] == ["/csp-report/"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_a_page_from_the_cache_carries_the_same_headers(shared_cache, reporter, board):
    item = factories.published_article(author=reporter, approver=board)
    first = Client().get(item.get_absolute_url())
    second = Client().get(item.get_absolute_url())
    assert second.get("X-Page-Cache") == "hit"
    for name in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Referrer-Policy"):
        assert second[name] == first[name]


@pytest.mark.django_db
def test_no_template_of_the_public_pages_has_inline_script(reporter, board):
    """What CSP would block is not in the pages at all: no inline <script>, no on…=
    handler, no style= attribute (site-wide furniture, an article, a list, search)."""
    import re

    item = factories.published_article(author=reporter, approver=board)
    for path in ("/", "/en/", item.get_absolute_url(), "/tin-tuc/", "/tim-kiem/?q=chuyen", "/khong-co/"):
        html = Client().get(path).content.decode()
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert all(" src=" in tag or 'type="application/json"' in tag for tag in scripts), (path, scripts)
        assert not re.search(r"\son[a-z]+\s*=", html), path
        assert not re.search(r"<[^>]+\sstyle\s*=", html), path


@pytest.mark.django_db
def test_admin_allows_inline_styles_for_ckeditor_but_never_inline_scripts(admin_client):
    response = admin_client.get(reverse("admin:news_article_add"))
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in csp["style-src"]
    assert "blob:" in csp["img-src"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_csp_report_is_logged(caplog):
    report = {
        "csp-report": {
            "document-uri": "http://127.0.0.1/tin-tuc/",
            "violated-directive": "script-src-elem",
            "blocked-uri": "inline",
            "source-file": "http://127.0.0.1/tin-tuc/",
            "line-number": 12,
        }
    }
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = Client().post(reverse("csp_report"), json.dumps(report), content_type="application/csp-report")
    assert response.status_code == 204
    messages = [r.getMessage() for r in caplog.records if r.name == "portal.csp"]
    assert messages == [
        "CSP violation: script-src-elem blocked inline on http://127.0.0.1/tin-tuc/ (http://127.0.0.1/tin-tuc/:12)"
    ]


@pytest.mark.django_db
def test_csp_reports_are_rate_limited_and_garbage_is_harmless(caplog):
    client = Client(REMOTE_ADDR="203.0.113.50")
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        assert (
            client.post(reverse("csp_report"), b"\xff\xfe not json", content_type="application/csp-report").status_code
            == 204
        )
        for _ in range(40):
            client.post(reverse("csp_report"), json.dumps({"csp-report": {}}), content_type="application/csp-report")
    logged = [r for r in caplog.records if r.name == "portal.csp"]
    assert 1 < len(logged) <= 30
    assert client.get(reverse("csp_report")).status_code == 405


def _deploy_env(**extra) -> dict[str, str]:
    # Not what the browser tests set for themselves (DJANGO_ALLOW_ASYNC_UNSAFE).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "DEBUG", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        SECRET_KEY="k" + "Zq8-x7Lm2vPq9rTt4Wy6Bn3Hc5Jd0Fg1Ks8Ae2Ur7Io4Ep9Ow6" * 2,
        ALLOWED_HOSTS="portal.mic.gov.vn",
    )
    env.update({"SECURE_COOKIES": "1", **extra})
    return env


def test_check_deploy_is_clean_with_production_settings_behind_tls():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_deploy_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_tls_settings_follow_the_environment():
    code = (
        "from django.conf import settings as s;"  # the last line printed
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.X_FRAME_OPTIONS)"
    )
    behind_tls = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=_deploy_env(), capture_output=True, text=True
    )
    assert behind_tls.stdout.splitlines()[-1].split() == ["True", "31536000", "True", "DENY"], behind_tls.stderr
    loopback = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=_deploy_env(SECURE_COOKIES="0"),
        capture_output=True,
        text=True,
    )
    assert loopback.stdout.splitlines()[-1].split() == ["False", "0", "False", "DENY"], loopback.stderr


@pytest.mark.django_db
def test_plain_http_is_redirected_behind_tls_but_the_health_check_is_not(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    response = Client().get("/tin-tuc/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/tin-tuc/"
    assert Client().get("/healthz").status_code == 200
    secure = Client().get("/tin-tuc/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")
