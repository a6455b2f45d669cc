"""Faults, under a bounded load on loopback (figures in docs/reliability.md).

One stack for the module, as production runs it: a PostgreSQL of the test's own (so it can be
stopped without touching the test database), gunicorn with 2 sync workers and production
settings (DEBUG off), the file page cache. A reporter writes articles through the admin, the
way a browser does (CSRF token, form post); readers load the home page and searches.

(a) PostgreSQL stopped for 3 seconds and started again: every answer is a page (200, 302 or a
    Vietnamese 503), never a 500 or a refused connection; the same gunicorn recovers by itself;
    every write that was answered "saved" (302) is in the database.
(b) A gunicorn worker killed (SIGKILL) again and again in the middle of saves: every answered
    save is there, and no article lacks the revision and log rows a save writes.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
PGBIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
AS_PG = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class Stack:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.pg_data = tmp / "pgdata"
        self.pg_port = free_port()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DEBUG": "0",
            "SECRET_KEY": "fault-tests-" + "k" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_COOKIES": "0",
            "SERVE_MEDIA": "1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/portal",
            "MEDIA_ROOT": str(tmp / "media"),
            "CACHE_DIR": str(tmp / "cache"),
            "GUNICORN_WORKERS": "2",
            "GUNICORN_TIMEOUT": "20",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
        self.gunicorn = None
        self.servers: list[subprocess.Popen] = []
        self.redis = None

    # -- PostgreSQL -------------------------------------------------------------------
    def pg(self, *args):
        subprocess.run([*AS_PG, PGBIN / "pg_ctl", "-D", self.pg_data, *args], check=True, capture_output=True)

    def pg_start(self):
        self.pg(
            "-l", self.tmp / "pg.log", "-o", f"-h 127.0.0.1 -p {self.pg_port} -k {self.tmp} -c fsync=off", "-w", "start"
        )

    def pg_stop(self):
        self.pg("-m", "fast", "-w", "stop")

    def setup_db(self):
        self.pg_data.mkdir()
        if AS_PG:
            subprocess.run(["chown", "-R", "postgres", self.tmp], check=True)
        subprocess.run(
            [*AS_PG, PGBIN / "initdb", "-D", self.pg_data, "-A", "trust", "-U", "postgres", "-E", "UTF8"],
            check=True,
            capture_output=True,
        )
        self.pg_start()
        base = f"postgres://postgres@127.0.0.1:{self.pg_port}"
        subprocess.run([PGBIN / "psql", "-q", "-d", f"{base}/postgres", "-c", "CREATE DATABASE portal"], check=True)
        subprocess.run(
            [PGBIN / "psql", "-q", "-d", f"{base}/portal", "-c", "CREATE EXTENSION unaccent; CREATE EXTENSION pg_trgm"],
            check=True,
        )
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("createcachetable")

    def manage(self, *args, stdin=None, env_extra=None) -> str:
        out = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env_extra or {})},
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 0, out.stderr[-3000:]
        return out.stdout

    def sql(self, query: str) -> str:
        out = subprocess.run(
            [PGBIN / "psql", "-qtA", "-d", self.env["DATABASE_URL"], "-c", query],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()

    # -- gunicorn ---------------------------------------------------------------------
    def serve(self, port=None, **extra) -> subprocess.Popen:
        port = port or self.port
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env={**self.env, **extra},
            stdout=subprocess.DEVNULL,
            stderr=open(self.tmp / f"gunicorn-{port}.log", "wb"),  # noqa: SIM115
        )
        self.servers.append(proc)
        if port == self.port:
            self.gunicorn = proc
        for _ in range(300):
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    return proc
            except requests.ConnectionError:
                time.sleep(0.1)
        raise AssertionError((self.tmp / f"gunicorn-{port}.log").read_text()[-3000:])

    def workers(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.gunicorn.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def stop(self):
        for proc in [*self.servers, *([self.redis] if self.redis else [])]:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGCONT)
                proc.terminate()
                proc.wait(timeout=30)
        try:
            self.pg_stop()
        except subprocess.CalledProcessError:
            pass


SETUP = """
import json
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, BACKEND_SESSION_KEY
from portal.editorial.enums import Role
from tests.factories import CategoryFactory, make_user
user = make_user(Role.REPORTER, username="phongvien_su_co", first_name="Thùy", last_name="Nguyễn Minh")
make_user(Role.BOARD, username="banbientap_su_co", first_name="Hà", last_name="Lê Thị Thu")
category = CategoryFactory(name="Chuyển đổi số", slug="chuyen-doi-so")
s = SessionStore()
s[SESSION_KEY] = str(user.pk)
s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
s[HASH_SESSION_KEY] = user.get_session_auth_hash()
s.create()
print(json.dumps({"session": s.session_key, "category": category.pk}))
"""


@pytest.fixture(scope="module")
def stack():
    # Not under pytest's own temporary folder: PostgreSQL runs as the postgres user, who
    # must be able to reach its data folder.
    st = Stack(Path(tempfile.mkdtemp(prefix="portal-faults-")))
    try:
        st.setup_db()
        st.reporter = json.loads(st.manage("shell", stdin=SETUP).strip().splitlines()[-1])
        st.serve()
        yield st
    finally:
        st.stop()
        shutil.rmtree(st.tmp, ignore_errors=True)


class Load:
    """Readers and one or more writers against the stack, until stopped; every answer kept."""

    def __init__(self, stack: Stack, writers: int = 1):
        self.stack = stack
        self.answers: list[tuple[float, str, object]] = []  # (time, kind, status or error)
        self.saved: list[str] = []  # titles answered 302
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.reader, daemon=True)]
        self.threads += [threading.Thread(target=self.writer, args=(n,), daemon=True) for n in range(writers)]
        self.lock = threading.Lock()

    def note(self, kind, status):
        with self.lock:
            self.answers.append((time.monotonic(), kind, status))

    def reader(self):
        n = 0
        while not self.stopping.is_set():
            n += 1
            path = "/" if n % 2 else f"/tim-kiem/?q=chuyen+doi+so+{n}"
            try:
                r = requests.get(self.stack.url + path, timeout=10)
                self.note("read", r.status_code)
                if r.status_code == 503:
                    self.last_503 = r.text
            except requests.RequestException as exc:
                self.note("read", type(exc).__name__)
            time.sleep(0.02)

    def writer(self, k: int):
        session = requests.Session()
        session.cookies.set("sessionid", self.stack.reporter["session"], domain="127.0.0.1")
        n = 0
        while not self.stopping.is_set():
            n += 1
            title = f"Tin thử nghiệm sự cố {k}-{n}"
            try:
                form = session.get(self.stack.url + "/admin/news/article/add/", timeout=10)
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
                if form.status_code != 200 or not token:
                    self.note("write", form.status_code)
                    time.sleep(0.1)
                    continue
                r = session.post(
                    self.stack.url + "/admin/news/article/add/",
                    data={
                        "csrfmiddlewaretoken": token.group(1),
                        "title": title,
                        "slug": f"tin-thu-nghiem-su-co-{k}-{n}",
                        "lead": "Bài viết dùng để thử khả năng chịu lỗi của cổng thông tin.",
                        "body": "<p>Nội dung bài viết thử nghiệm khả năng chịu lỗi.</p>",
                        "category": str(self.stack.reporter["category"]),
                        "language": "vi",
                        "edit_version": "",
                        "_save": "Lưu",
                    },
                    headers={"Referer": self.stack.url + "/admin/news/article/add/"},
                    allow_redirects=False,
                    timeout=20,
                )
                self.note("write", r.status_code)
                if r.status_code == 302:
                    with self.lock:
                        self.saved.append(title)
            except requests.RequestException as exc:
                self.note("write", type(exc).__name__)

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=30)


PUBLISH = """
from django.contrib.auth.models import User
from portal.editorial import services as wf
from portal.editorial.enums import Action
from tests import factories
reporter = User.objects.get(username="phongvien_su_co")
board = User.objects.get(username="banbientap_su_co")
from news.models import Category
item = factories.article(
    author=reporter, title={title!r}, slug={slug!r}, category=Category.objects.get(slug="chuyen-doi-so")
)
wf.transition(item=item, action=Action.SUBMIT, user=reporter)
wf.transition(item=item, action=Action.PUBLISH, user=board)
"""


def _titles(stack) -> set[str]:
    return set(stack.sql("SELECT title FROM news_article").splitlines())


def _orphans(stack) -> str:
    """Articles missing a row that every save writes in the same transaction: the revision
    and the admin's history entry."""
    return stack.sql(
        """
        SELECT a.title FROM news_article a
        JOIN django_content_type ct ON ct.app_label = 'news' AND ct.model = 'article'
        WHERE NOT EXISTS (SELECT 1 FROM editorial_revision r WHERE r.content_type_id = ct.id AND r.object_id = a.id)
           OR NOT EXISTS (
               SELECT 1 FROM django_admin_log l WHERE l.content_type_id = ct.id AND l.object_id = a.id::text
           )
        """
    )


def test_a_database_restart_answers_503_then_recovers_without_losing_a_saved_write(stack):
    master = stack.gunicorn.pid
    with Load(stack) as load:
        time.sleep(2)
        down_at = time.monotonic()
        stack.pg_stop()
        time.sleep(3)
        stack.pg_start()
        up_at = time.monotonic()
        deadline = up_at + 20
        while time.monotonic() < deadline:
            recent = [a for a in load.answers if a[0] > up_at + 1]
            if sum(1 for a in recent if a[1] == "read" and a[2] == 200) >= 5 and any(
                a[1] == "write" and a[2] == 302 for a in recent
            ):
                break
            time.sleep(0.2)

    statuses = {a[2] for a in load.answers}
    assert statuses <= {200, 302, 503}, statuses  # never a 500 nor a refused connection
    during = [a for a in load.answers if down_at + 0.5 < a[0] < up_at]
    assert any(a[2] == 503 for a in during), during
    assert "tạm thời gián đoạn" in load.last_503
    after = [a for a in load.answers if a[0] > up_at + 1]
    assert any(a[1] == "read" and a[2] == 200 for a in after[-5:])
    assert any(a[1] == "write" and a[2] == 302 for a in after)
    assert stack.gunicorn.pid == master and stack.gunicorn.poll() is None  # recovered by itself
    assert set(load.saved) <= _titles(stack)
    assert _orphans(stack) == ""
    stack.figures_restart = {
        "requests": len(load.answers),
        "503": sum(1 for a in load.answers if a[2] == 503),
        "saved": len(load.saved),
        "recovered_after_s": round(min(a[0] for a in load.answers if a[0] > up_at and a[2] == 200) - up_at, 2),
    }
    print("restart:", stack.figures_restart)


def test_a_worker_killed_in_the_middle_of_saves_leaves_no_half_written_item(stack):
    kills = 0
    with Load(stack, writers=2) as load:
        time.sleep(1)
        for _ in range(8):
            workers = stack.workers()
            if workers:
                os.kill(workers[kills % len(workers)], signal.SIGKILL)
                kills += 1
            time.sleep(0.5)
        time.sleep(2)

    assert kills == 8
    assert load.saved, "no save went through between the kills"
    assert set(load.saved) <= _titles(stack)
    assert _orphans(stack) == ""
    assert stack.gunicorn.poll() is None
    assert requests.get(stack.url + "/healthz", timeout=5).status_code == 200
    print(
        "kills:",
        {"kills": kills, "saved": len(load.saved), "errors": sum(1 for a in load.answers if not isinstance(a[2], int))},
    )


@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is installed by make test (system-deps)")
def test_with_redis_unreachable_two_servers_serve_pages_and_a_publish_reaches_both_once_it_is_back(stack):
    """Redis paused (SIGSTOP: connections hang, keys kept, as in a network cut): both servers
    keep answering pages from the database; an article published meanwhile reaches the home
    page of both servers once Redis answers again, although the publish could not tell Redis."""
    port = free_port()
    stack.redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    redis_url = f"redis://127.0.0.1:{port}/0"
    for _ in range(100):
        if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout.strip() == b"PONG":
            break
        time.sleep(0.05)
    urls = []
    for _ in range(2):
        server_port = free_port()
        stack.serve(port=server_port, REDIS_URL=redis_url)
        urls.append(f"http://127.0.0.1:{server_port}/")
    stack.manage("shell", stdin=PUBLISH.format(title="Tin trước khi Redis gián đoạn", slug="tin-truoc"))
    for url in urls:
        for _ in range(4):  # every worker keeps the home page in Redis
            assert "Tin trước khi Redis gián đoạn" in requests.get(url, timeout=10).text

    os.kill(stack.redis.pid, signal.SIGSTOP)
    try:
        answers = [requests.get(url, timeout=10).status_code for url in urls for _ in range(4)]
        assert answers == [200] * 8
        stack.manage(
            "shell",
            stdin=PUBLISH.format(title="Tin xuất bản khi Redis gián đoạn", slug="tin-trong"),
            env_extra={"REDIS_URL": redis_url},
        )
        during = [requests.get(url, timeout=10) for url in urls]
        assert all(r.status_code == 200 for r in during)
    finally:
        os.kill(stack.redis.pid, signal.SIGCONT)
    back_at = time.monotonic()
    seen = {}
    while len(seen) < len(urls) * 4 and time.monotonic() < back_at + 30:
        for url in urls:
            for n in range(4):
                if (url, n) not in seen and "Tin xuất bản khi Redis gián đoạn" in requests.get(url, timeout=10).text:
                    seen[(url, n)] = round(time.monotonic() - back_at, 2)
        time.sleep(0.1)
    assert len(seen) == len(urls) * 4, seen
    print("redis back, publish seen after (s):", max(seen.values()))


def _noisy_jpeg(width=1200, height=800) -> bytes:
    from io import BytesIO

    from PIL import Image

    buf = BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def test_a_full_media_disk_gives_a_clear_page_and_saves_nothing(stack):
    """Media on a small filesystem of its own, nearly full: an article with a cover is
    refused with the 507 page, and neither the article, nor its image row, nor any file of it
    remains; once there is room, the same post is saved."""
    media = stack.tmp / "small-media"
    media.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", media], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.decode().strip()}")
    try:
        filler = media / "filler.bin"
        filler.write_bytes(b"\0" * (8 * 1024 * 1024 - 96 * 1024))
        port = free_port()
        stack.serve(port=port, MEDIA_ROOT=str(media))
        url = f"http://127.0.0.1:{port}/admin/news/article/add/"
        session = requests.Session()
        session.cookies.set("sessionid", stack.reporter["session"], domain="127.0.0.1")
        cover = _noisy_jpeg()
        assert len(cover) > 100 * 1024

        def post(title):
            form = session.get(url, timeout=10)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
            return session.post(
                url,
                data={
                    "csrfmiddlewaretoken": token,
                    "title": title,
                    "lead": "Ảnh đại diện lớn khi ổ đĩa gần đầy.",
                    "body": "<p>Thử lưu khi ổ đĩa lưu tệp đã đầy.</p>",
                    "category": str(stack.reporter["category"]),
                    "language": "vi",
                    "cover_alt": "Ảnh thử nghiệm",
                    "edit_version": "",
                    "_save": "Lưu",
                },
                files={"cover_upload": ("anh-bia.jpg", cover, "image/jpeg")},
                headers={"Referer": url},
                allow_redirects=False,
                timeout=30,
            )

        images_before = stack.sql("SELECT count(*) FROM core_image")
        refused = post("Tin có ảnh khi ổ đĩa đầy")
        assert refused.status_code == 507
        assert "Không có gì được lưu" in refused.text
        assert "Tin có ảnh khi ổ đĩa đầy" not in _titles(stack)
        assert stack.sql("SELECT count(*) FROM core_image") == images_before
        assert sorted(p.name for p in media.rglob("*") if p.is_file()) == ["filler.bin"]

        filler.unlink()
        saved = post("Tin có ảnh sau khi dọn ổ đĩa")
        assert saved.status_code == 302
        assert "Tin có ảnh sau khi dọn ổ đĩa" in _titles(stack)
        assert any(p.suffix == ".jpg" for p in media.rglob("*"))
    finally:
        for proc in stack.servers[1:]:
            if proc.poll() is None and proc is not stack.gunicorn:
                proc.terminate()
                proc.wait(timeout=30)
        subprocess.run(["umount", "-l", media], capture_output=True)
