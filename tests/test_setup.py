"""Set-up behaviour a new operator relies on: production settings refuse to start without
secrets, and the demo loader is idempotent and handles passwords as the README says."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


def _boot(**env):
    full = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        cwd=ROOT,
        env={**full, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "env,missing",
    [
        ({"DEBUG": "0", "ALLOWED_HOSTS": "portal.mic.gov.vn"}, "SECRET_KEY"),
        ({"DEBUG": "0", "SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_secrets(env, missing):
    result = _boot(**env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_starts_with_secrets():
    result = _boot(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="portal.mic.gov.vn")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.django_db
def test_demo_loader_is_idempotent_and_uses_demo_password(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "mat-khau-demo-2026")
    call_command("load_demo", stdout=StringIO())
    from news.models import Article

    counts = Article.objects.count()
    assert counts >= 30
    call_command("load_demo", stdout=StringIO())
    assert Article.objects.count() == counts
    for username, group in [
        ("phongvien", "Phóng viên"),
        ("bientap", "Biên tập viên"),
        ("banbientap", "Ban Biên tập"),
        ("quantri", "Quản trị"),
        ("vanphong", "Văn phòng"),
    ]:
        user = User.objects.get(username=username)
        assert user.check_password("mat-khau-demo-2026")
        assert user.groups.filter(name=group).exists()
    states = set(Article.objects.values_list("state", flat=True))
    assert states >= {"draft", "pending", "returned", "published", "withdrawn"}
    assert Article.objects.filter(language="en", live=True).exists()


@pytest.mark.django_db
def test_demo_loader_prints_a_random_password_once(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    out = StringIO()
    call_command("load_demo", stdout=out)
    line = next(x for x in out.getvalue().splitlines() if "Mật khẩu" in x)
    password = line.rsplit(": ", 1)[1].strip()
    assert User.objects.get(username="banbientap").check_password(password)
    again = StringIO()
    call_command("load_demo", stdout=again)
    assert "Mật khẩu" not in again.getvalue()
    assert User.objects.get(username="banbientap").check_password(password)
