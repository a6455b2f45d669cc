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


SETTINGS_ENV = {"SECRET_KEY", "SECRET_KEY_FILE", "ALLOWED_HOSTS", "DEBUG", "SERVE_MEDIA", "SECURE_COOKIES"}


def _boot(code: str = "print('ok')", **env):
    """Start Django with the production settings in a fresh process, with only ``env``
    of the settings' variables (``make`` exports some, the test run sets others)."""
    full = {k: v for k, v in os.environ.items() if k not in SETTINGS_ENV}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
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


def test_secure_by_default():
    """Nothing set: DEBUG is off, so the portal refuses to start without a secret; given
    the secrets, DEBUG, media serving and cookies without Secure stay off."""
    refused = _boot()
    assert refused.returncode != 0 and "SECRET_KEY" in refused.stderr
    code = "from django.conf import settings as s; print(s.DEBUG, s.SERVE_MEDIA, s.SESSION_COOKIE_SECURE)"
    result = _boot(code, SECRET_KEY="x" * 50, ALLOWED_HOSTS="portal.mic.gov.vn")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True"]


def test_secret_key_from_a_file(tmp_path):
    """``make`` generates the key once into a file and names it in SECRET_KEY_FILE."""
    key_file = tmp_path / ".secret_key"
    key_file.write_text("k" * 60 + "\n")
    code = "from django.conf import settings as s; print(s.SECRET_KEY)"
    result = _boot(code, SECRET_KEY_FILE=str(key_file), ALLOWED_HOSTS="127.0.0.1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "k" * 60
    missing = _boot(SECRET_KEY_FILE=str(tmp_path / "none"), ALLOWED_HOSTS="127.0.0.1")
    assert missing.returncode != 0 and "SECRET_KEY_FILE" in missing.stderr


def test_makefile_generates_the_key_once_and_ignores_it_in_git(tmp_path):
    key_file = tmp_path / "key"
    run = [
        "make",
        "--no-print-directory",
        "-C",
        str(ROOT),
        f"SECRET_KEY_FILE={key_file}",
        str(key_file),
    ]
    subprocess.run(run, check=True, capture_output=True, timeout=60)
    first = key_file.read_text()
    assert len(first.strip()) >= 50 and oct(key_file.stat().st_mode)[-3:] == "600"
    subprocess.run(run, check=True, capture_output=True, timeout=60)
    assert key_file.read_text() == first
    assert ".secret_key" in (ROOT / ".gitignore").read_text().split()


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
