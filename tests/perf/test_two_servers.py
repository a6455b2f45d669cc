"""Two app servers (gunicorn, deploy/gunicorn.conf.py) on two loopback ports, sharing the
test PostgreSQL database and one Redis started here, with production settings (DEBUG off):
a publish made elsewhere reaches every worker of both servers, and a session made on one
works on the other. No wall-clock limit is asserted (a 2-core machine under load decides
how long a request takes); the wait is bounded only so that a lost publish fails."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from portal.editorial import services as wf
from portal.editorial.enums import Action
from tests import factories
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "mat-khau-hai-may-chu"


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited ({proc.returncode}) before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture
def cluster(settings, tmp_path):
    # `make test` installs redis-server (Makefile: system-deps); a missing one is a
    # failure, not a skip, so the several-servers promise is always checked.
    assert REDIS is not None, "redis-server is missing: run `make system-deps`"
    redis_port = free_port()
    redis = subprocess.Popen(  # noqa: S603
        [REDIS, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    # This process (the "publisher") shares the servers' cache, exactly as they set it.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": settings.CACHE_KEY_PREFIX,  # the release, as the servers compute it
        }
    }
    settings.PAGE_CACHE = True
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings",  # production's, not the test run's
        # The release this process keys the cache with, even if a file changed since it started.
        "RELEASE_ID": settings.CACHE_KEY_PREFIX.removeprefix("portal-"),
        "DEBUG": "0",
        "SECRET_KEY": "two-servers-test-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",  # plain http on loopback
        "SERVE_MEDIA": "0",
        "GUNICORN_WORKERS": "2",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PYTHONPATH": str(ROOT),
    }
    servers = []
    try:
        for _ in range(2):
            port = free_port()
            proc = subprocess.Popen(  # noqa: S603
                [
                    str(Path(sys.executable).parent / "gunicorn"),
                    "-c",
                    "deploy/gunicorn.conf.py",
                    "--bind",
                    f"127.0.0.1:{port}",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=open(tmp_path / f"gunicorn-{port}.log", "w"),  # noqa: SIM115
            )
            servers.append((f"http://127.0.0.1:{port}", proc))
        for base, proc in servers:
            wait_for(base + "/healthz", proc)
        yield [base for base, _ in servers]
    finally:
        for _, proc in servers:
            stop(proc)
        stop(redis)


def fetch(url: str, opener=None) -> tuple[int, str, dict]:
    opener = opener or urllib.request.build_opener()
    try:
        with opener.open(url, timeout=10) as r:
            return r.status, r.read().decode(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), dict(e.headers)


def seen_within(predicate, seconds: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.05)
    return None


# Long enough that only a publish that never arrives fails; nothing is claimed about speed.
PATIENCE = 60.0


def every_worker_shows(base: str, predicate) -> bool:
    """Eight requests in a row (both workers, several times each) all satisfy ``predicate``."""
    return all(predicate(fetch(base + "/tin-tuc/")[1]) for _ in range(8))


def test_publish_and_withdraw_reach_every_worker_of_both_servers(cluster, reporter, board, board2):
    s1, s2 = cluster
    factories.published_article(author=reporter, approver=board, title="Tin đầu tiên trên hai máy chủ")
    for base in (s1, s2):
        for _ in range(4):  # every worker has cached the list
            status, body, headers = fetch(base + "/tin-tuc/")
            assert status == 200 and "Tin đầu tiên trên hai máy chủ" in body
        assert headers.get("X-Page-Cache") == "hit"

    item = factories.article(author=reporter, title="Tin mới xuất bản lúc này")
    wf.transition(item=item, action=Action.SUBMIT, user=reporter)
    wf.transition(item=item, action=Action.PUBLISH, user=board)
    for base in (s1, s2):
        shown = seen_within(
            lambda b=base: every_worker_shows(b, lambda body: "Tin mới xuất bản lúc này" in body), PATIENCE
        )
        assert shown is not None, f"publish never reached every worker of {base}"

    wf.transition(item=item, action=Action.WITHDRAW, user=board2, comment="Gỡ để kiểm tra")
    for base in (s1, s2):
        gone = seen_within(
            lambda b=base: every_worker_shows(b, lambda body: "Tin mới xuất bản lúc này" not in body), PATIENCE
        )
        assert gone is not None, f"withdrawal never reached every worker of {base}"
        assert fetch(base + item.get_absolute_url())[0] == 404


def test_a_session_made_on_one_server_works_on_the_other(cluster, board):
    s1, s2 = cluster
    hasher = PBKDF2PasswordHasher()  # the servers' default hasher (the tests use a fast one)
    board.password = hasher.encode(PASSWORD, hasher.salt())
    board.save(update_fields=["password"])
    # The board signs in with a second factor (portal/accounts): the code on the same page.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.accounts.conftest import code_for

    device = TOTPDevice.objects.create(user=board, name="Ứng dụng xác thực", confirmed=True)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, body, _ = fetch(s1 + "/admin/login/?next=/admin/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    data = urllib.parse.urlencode(
        {
            "username": board.username,
            "password": PASSWORD,
            "otp_token": code_for(device),
            "csrfmiddlewaretoken": token,
            "next": "/admin/",
        }
    ).encode()
    with opener.open(urllib.request.Request(s1 + "/admin/login/?next=/admin/", data=data), timeout=10) as r:
        assert r.status == 200 and r.url.endswith("/admin/")
    assert any(c.name == "sessionid" for c in jar)

    status, body, headers = fetch(s2 + "/admin/", opener)
    assert status == 200
    assert board.username in body
    # The signed-in reader is never given the anonymous cache (staff have their own).
    fetch(s2 + "/tin-tuc/")
    status, body, headers = fetch(s2 + "/tin-tuc/", opener)
    assert headers.get("X-Page-Cache") != "hit"
