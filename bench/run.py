"""Load test: gunicorn (deploy/gunicorn.conf.py) on loopback, wrk against each page.

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/bench .venv/bin/python bench/run.py
    (first: bench/generate.py; options: --duration 8 --connections 32 --no-write;
    --sql-only prints the SQL section alone: no server, no load, BENCHMARKS.md untouched)

Starts the app server twice on free loopback ports, with the page cache on and then off
(``PAGE_CACHE=0``), both with ``DEBUG=0`` and the project's gunicorn config, runs ``wrk``
(Debian's) against every page (``WARM_UP`` seconds first, not counted), prints requests/s, p50 and p99 and each page's ratio to the
static file served by WhiteNoise, and writes BENCHMARKS.md with the date, the machine, the
exact command, the SQL plans (``EXPLAIN ANALYZE``) of the news list page 500 and of the
search, the query count of an article with the cache off, the cache backends compared and
the workers' memory. Each server is stopped by its PID.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:54329/bench"
SEARCH_QUERY = "chu ky so"  # "chữ ký số" typed without diacritics
WARM_UP = 2  # seconds of load before each page's measured run

LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "JSON {\"requests\":%d,\"duration_us\":%d,\"errors\":%d,\"non2xx\":%d,\"p50\":%d,\"p95\":%d,\"p99\":%d}\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sh(cmd: str) -> str:
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10).stdout.strip()  # noqa: S602
    except Exception:
        return ""


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": sh("nproc"),
        "free": sh("free -h"),
        "cpu": cpu,
        "kernel": sh("uname -sr"),
        "loadavg": " ".join(sh("cat /proc/loadavg").split()[:3]),
    }


class Server:
    """gunicorn -c deploy/gunicorn.conf.py on 127.0.0.1:<port>, stopped by its PID."""

    def __init__(self, name: str, env: dict[str, str]):
        self.name = name
        self.port = free_port()
        self.env = env
        self.proc: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(prefix=f"bench-{name}-", suffix=".log", delete=False)  # noqa: SIM115

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        cmd = [str(VENV_BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}"]
        cmd.append("portal.wsgi:application")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn ({self.name}) exited; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:  # noqa: S310
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn ({self.name}) did not answer on {self.base}")

    def worker_rss_mb(self) -> list[float]:
        if self.proc is None:
            return []
        out = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) != self.proc.pid:
                    continue
                for line in (stat.parent / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        out.append(int(line.split()[1]) / 1024)
            except (OSError, IndexError, ValueError):
                continue
        return sorted(out)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.kill(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:  # noqa: S310
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""


def wrk(url: str, *, duration: int, connections: int, threads: int, lua: str, cookie: str = "") -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", lua, url]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout  # noqa: S603
    m = re.search(r"^JSON (.*)$", out, re.M)
    if not m:
        return {"rps": 0.0, "p50": 0, "p95": 0, "p99": 0, "errors": -1, "non2xx": -1}
    data = json.loads(m.group(1))
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["p50"] / 1000,
        "p95": data["p95"] / 1000,
        "p99": data["p99"] / 1000,
        "errors": data["errors"],
        "non2xx": data["non2xx"],
        "requests": data["requests"],
    }


def discover(base: str, index: str, pattern: str) -> str | None:
    status, body = fetch(base + index)
    if status != 200:
        return None
    m = re.search(pattern.encode(), body)
    return m.group(1).decode() if m else None


def memory_run(env: dict, total: int) -> dict:
    """One worker, never recycled (max_requests=0), ``total`` mixed requests over thousands
    of distinct addresses (each list page, articles, categories, searches, the static file):
    the worker's RSS every quarter. The page cache's per-worker memory is bounded
    (the `local` cache alias, PAGE_CACHE_LOCAL_ENTRIES), so the RSS must level off."""
    from concurrent.futures import ThreadPoolExecutor

    server = Server("memory", {**env, "PAGE_CACHE": "1", "GUNICORN_WORKERS": "1", "GUNICORN_MAX_REQUESTS": "0"})
    samples: list[tuple[int, float]] = []
    try:
        server.start()
        articles: list[str] = []
        for page in range(1, 26):
            body = fetch(f"{server.base}/tin-tuc/?trang={page}")[1]
            articles += [m.decode() for m in re.findall(rb'<a href="(/tin-tuc/[a-z0-9-]+-\d+/)"', body)]
        status, home = fetch(server.base + "/")
        static = re.search(rb'href="(/static/css/site[^"]*\.css)"', home).group(1).decode()
        words = ["chu ky so", "vien thong", "an toan thong tin", "buu chinh", "chuyen doi so", "tan so", "bao chi"]
        paths = []
        for i in range(total):
            kind = i % 6
            if kind == 0:
                paths.append(f"/tin-tuc/?trang={(i // 6) % 400 + 1}")
            elif kind == 1:
                paths.append(articles[(i // 6) % len(articles)] if articles else "/")
            elif kind == 2:
                paths.append(f"/tim-kiem/?q={words[i % len(words)].replace(' ', '+')}&trang={(i // 42) % 5 + 1}")
            elif kind == 3:
                paths.append(static)
            elif kind == 4:
                paths.append("/" if i % 12 == 4 else "/en/")
            else:
                paths.append(f"/tin-tuc/tin-hoat-dong/?trang={(i // 6) % 150 + 1}")
        samples.append((0, (server.worker_rss_mb() or [0])[0]))
        quarter = max(1, total // 4)
        with ThreadPoolExecutor(max_workers=4) as pool:
            for start in range(0, total, quarter):
                list(pool.map(lambda p: fetch(server.base + p), paths[start : start + quarter]))
                samples.append((min(start + quarter, total), (server.worker_rss_mb() or [0])[0]))
                print(f"memory: {samples[-1][0]:6d} requests, worker RSS {samples[-1][1]:.0f} MB", flush=True)
    finally:
        server.stop()
    return {"samples": samples, "distinct": len(set(paths)) if samples else 0}


def django_facts(article_path: str) -> dict:
    """In this process, page cache off, as the nocache server runs: the SQL each page
    really runs (captured from a request through the views) and its plan (``EXPLAIN
    ANALYZE`` of exactly that SQL), on the first request after a publish (nothing kept
    under the publication generation: every query a reader may meet) and, for the
    article, once its kept parts are there."""
    os.environ["PAGE_CACHE"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from portal import pagecache

    settings.ALLOWED_HOSTS = ["*"]
    translation.activate("vi")
    facts: dict = {"pages": [], "seq_scans": []}
    client = Client()

    def cold():
        """As right after a publish: a new generation, nothing kept by this process."""
        pagecache.bump(reason="bench")
        caches["local"].clear()

    def capture(path: str) -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(path).status_code
        return status, [q["sql"] for q in ctx.captured_queries]

    def explain(statements: list[str]) -> list[tuple[str, str]]:
        """Each SELECT's plan, in its own transaction after the SET LOCAL statements that
        ran just before it (the search ranking's planner settings)."""
        plans, pending = [], []
        for sql in statements:
            if sql.lstrip().upper().startswith("SET "):
                pending.append(sql)
                continue
            if sql.lstrip().upper().startswith("SELECT"):
                with transaction.atomic(), connection.cursor() as cur:
                    for setting in pending:
                        cur.execute(setting)
                    cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                    plans.append((sql, "\n".join(r[0] for r in cur.fetchall())))
            pending = []
        return plans

    for title, path in (
        ("News list page 500 (rows 9,981–10,000)", "/tin-tuc/?trang=500"),
        (f"Search “{SEARCH_QUERY}” (first page)", "/tim-kiem/?q=" + SEARCH_QUERY.replace(" ", "+")),
    ):
        client.get(path)  # warm PostgreSQL's buffers
        cold()
        status, statements = capture(path)
        plans = explain(statements)
        facts["pages"].append({"title": title, "path": path, "status": status, "sql": statements, "plans": plans})
        for sql, plan in plans:
            for table in sorted(set(re.findall(r"Seq Scan on (\w+)", plan))):
                # A statement with no condition asks for every row: any plan reads them all.
                whole = " WHERE " not in sql.upper()
                facts["seq_scans"].append(
                    f"{title}: {table} ({_rows(table)} rows{', every row asked for: no condition' if whole else ''})"
                )

    client.get(article_path)
    cold()
    facts["article_status"], first = capture(article_path)
    _status, kept = capture(article_path)
    facts["article_queries_first"] = len(first)
    facts["article_queries"] = len(kept)
    facts["article_sql_first"] = [q[:160] for q in first]
    facts["article_sql"] = [q[:160] for q in kept]
    return facts


def _rows(table: str) -> str:
    """The row count of ``table`` as the planner knows it (``pg_class.reltuples``)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE relname = %s", [table])
        row = cur.fetchone()
    return f"{row[0]:,}" if row else "?"


def staff_cookie() -> str:
    """A session of a signed-in member of staff (``bench-staff``, made if missing)."""
    os.environ["PAGE_CACHE"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user, _created = get_user_model().objects.get_or_create(username="bench-staff", defaults={"is_staff": True})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def first_after_publish(paths: dict[str, str], repeat: int = 5) -> list[dict]:
    """The first request for each page after a publish (a new generation, nothing kept),
    through the views in this process, one client: the median and the worst of ``repeat``."""
    import statistics

    from django.core.cache import caches
    from django.test import Client

    from portal import pagecache

    client, out = Client(), []
    for name, path in paths.items():
        try:
            client.get(path)  # PostgreSQL's buffers warm, as on a running server
        except Exception:  # noqa: S110 (reported below, request by request)
            pass
        times = []
        for _ in range(repeat):
            pagecache.bump(reason="bench")
            caches["local"].clear()
            started = time.perf_counter()
            try:
                status = client.get(path).status_code
            except Exception as exc:  # a broken page is reported, not the end of the run
                status = f"error: {type(exc).__name__}"
            times.append((time.perf_counter() - started) * 1000)
        out.append(
            {"name": name, "path": path, "median": statistics.median(times), "max": max(times), "status": status}
        )
    return out


def first_article_path() -> str:
    """The first article of the news list, as a reader finds it (in this process, page
    cache off like ``django_facts``)."""
    os.environ["PAGE_CACHE"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    body = Client().get("/tin-tuc/").content
    return re.search(rb'<a href="(/tin-tuc/[a-z0-9-]+-\d+/)"', body).group(1).decode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=8, help="seconds per page")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="do not write BENCHMARKS.md")
    parser.add_argument(
        "--output",
        default="BENCHMARKS.md",
        help="file to write (another name to copy only some rows into BENCHMARKS.md)",
    )
    parser.add_argument("--skip-backends", action="store_true", help="do not compare cache backends")
    parser.add_argument("--memory-requests", type=int, default=20_000, help="0: no memory run")
    parser.add_argument(
        "--sql-only", action="store_true", help="print the SQL section only (no server, no load, no BENCHMARKS.md)"
    )
    parser.add_argument(
        "--pages",
        default="",
        help="comma-separated words: load-test only the pages whose name holds one (and the static file), "
        "no backends, no memory run; with --output, to copy those rows into BENCHMARKS.md",
    )
    args = parser.parse_args()
    if not args.sql_only and not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    settings_env = [f"{k}={os.environ[k]}" for k in ("SECRET_KEY_FILE", "ALLOWED_HOSTS") if os.environ.get(k)]
    command = " ".join(
        [
            *settings_env,
            "DATABASE_URL=" + os.environ.get("DATABASE_URL", DEFAULT_URL),
            shlex.join([os.path.relpath(sys.executable, ROOT), "bench/run.py", *sys.argv[1:]]),
        ]
    )
    cache_dir = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", DEFAULT_URL)
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_COOKIES": "0",
            "CACHE_DIR": str(cache_dir),
            "LOG_LEVEL": "ERROR",
            "DJANGO_SETTINGS_MODULE": "portal.settings",
        }
    )
    env.pop("REDIS_URL", None)
    os.environ.update({k: v for k, v in env.items() if k != "PAGE_CACHE"})
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    if args.sql_only:
        facts = django_facts(first_article_path())
        print("\n".join(sql_section(facts)))
        shutil.rmtree(cache_dir, ignore_errors=True)
        return 0
    subprocess.run(  # noqa: S603  (the database cache compared below needs its table)
        [sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env={**env, "CACHE_BACKEND": "db"}, check=True
    )

    lua = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
    lua.write(LUA)
    lua.close()

    cached = Server("cache", {**env, "PAGE_CACHE": "1"})
    nocache = Server("nocache", {**env, "PAGE_CACHE": "0"})
    servers = [cached, nocache]
    rows: list[dict] = []
    extra: dict = {"loadavg_before": " ".join(sh("cat /proc/loadavg").split()[:3])}
    try:
        cached.start()
        # Paths found through the site itself, as a reader would.
        status, home = fetch(cached.base + "/")
        static_path = re.search(rb'href="(/static/css/site[^"]*\.css)"', home).group(1).decode()
        article = discover(cached.base, "/tin-tuc/", r'<a href="(/tin-tuc/[a-z0-9-]+-\d+/)"')
        category = discover(cached.base, "/tin-tuc/", r'href="(/tin-tuc/(?:tin-hoat-dong|chuyen-doi-so)/)"')
        pages = [
            ("static file (WhiteNoise)", static_path, cached),
            ("home", "/", cached),
            ("article, cached", article, cached),
            ("article, cache off", article, nocache),
            ("article, signed-in staff", article, cached),
            ("article, signed-in staff, cache off", article, nocache),
            ("news list page 1", "/tin-tuc/", cached),
            ("news list page 500", "/tin-tuc/?trang=500", cached),
            ("news list page 500, cache off", "/tin-tuc/?trang=500", nocache),
            ("category", category, cached),
            ("category, cache off", category, nocache),
            ("search (3 words, no diacritics)", "/tim-kiem/?q=" + SEARCH_QUERY.replace(" ", "+"), cached),
            ("search, cache off", "/tim-kiem/?q=" + SEARCH_QUERY.replace(" ", "+"), nocache),
        ]
        stats_page = discover(cached.base, "/thong-ke/", r'href="(/thong-ke/\d{4}-\d{2}/)"')
        stats_xlsx = stats_page[:-1] + ".xlsx" if stats_page else None
        stats_pdf = stats_page[:-1] + ".pdf" if stats_page else None
        meeting = discover(cached.base, "/giao-ban/", r'href="(/giao-ban/(?!nhiem-vu/|lich)[a-z0-9-]+/)"')
        for name, path in (
            ("statistics index", "/thong-ke/" if fetch(cached.base + "/thong-ke/")[0] == 200 else None),
            ("statistics release", stats_page),
            ("statistics XLSX", stats_xlsx),
            ("statistics PDF", stats_pdf),
            ("meetings index", "/giao-ban/" if fetch(cached.base + "/giao-ban/")[0] == 200 else None),
            ("meeting", meeting),
        ):
            if path:
                pages.append((name, path, cached))
        pages = [p for p in pages if p[1]]
        wanted = [w.strip() for w in args.pages.split(",") if w.strip()]
        if wanted:
            pages = [p for n, p in enumerate(pages) if n == 0 or any(w in p[0] for w in wanted)]
            args.skip_backends, args.memory_requests = True, 0
        cookie = staff_cookie()
        nocache.start()
        for name, path, server in pages:
            # Every worker warm (its first requests load templates, translations and a
            # database connection; with the page cache on, they fill it): a short run first,
            # not counted.
            warm = wrk(server.base + path, duration=WARM_UP, connections=args.connections, threads=args.threads,
                lua=lua.name, cookie=cookie if "signed-in staff" in name else "")  # fmt: skip
            result = wrk(
                server.base + path,
                duration=args.duration,
                connections=args.connections,
                threads=args.threads,
                lua=lua.name,
                cookie=cookie if "signed-in staff" in name else "",
            )
            result.update({"name": name, "path": path, "server": server.name, "warm": warm.get("requests", 0)})
            rows.append(result)
            print(f"{name:36} {result['rps']:9.0f} req/s  p50 {result['p50']:7.2f} ms  p99 {result['p99']:7.2f} ms")
        # One client, the cache off: the latency a reader waits for a page not yet cached.
        one_client = []
        for name, path in (
            ("news list page 500", "/tin-tuc/?trang=500"),
            ("search", "/tim-kiem/?q=" + SEARCH_QUERY.replace(" ", "+")),
            ("article", article),
        ):
            if wanted and not any(w in name for w in wanted):
                continue
            result = wrk(
                nocache.base + path, duration=max(5, args.duration // 2), connections=1, threads=1, lua=lua.name
            )
            result.update({"name": name + " (1 client, cache off)", "path": path})
            one_client.append(result)
            print(f"{result['name']:36} p50 {result['p50']:7.2f} ms  p95 {result['p95']:7.2f} ms")
        extra["one_client"] = one_client
        extra["rss"] = {s.name: s.worker_rss_mb() for s in servers}
        extra["requests"] = {
            s.name: sum(
                r.get("requests", 0) + r.get("warm", 0)
                for r in rows + one_client
                if r.get("server", "nocache") == s.name
            )
            for s in servers
        }
    finally:
        for s in servers:
            s.stop()

    # Cache backends compared on the cached article (same config otherwise).
    backends = []
    if not args.skip_backends and article:
        variants = [("file (default)", {}), ("database", {"CACHE_BACKEND": "db"})]
        redis_bin = shutil.which("redis-server")
        redis_proc = None
        if redis_bin:
            rport = free_port()
            redis_proc = subprocess.Popen(  # noqa: S603
                [redis_bin, "--port", str(rport), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(0.5)
            variants.append(("redis", {"REDIS_URL": f"redis://127.0.0.1:{rport}/0"}))
        try:
            for label, overrides in variants:
                server = Server("backend", {**env, "PAGE_CACHE": "1", **overrides})
                try:
                    server.start()
                    wrk(server.base + article, duration=WARM_UP, connections=args.connections,
                        threads=args.threads, lua=lua.name)  # fmt: skip
                    result = wrk(
                        server.base + article,
                        duration=args.duration,
                        connections=args.connections,
                        threads=args.threads,
                        lua=lua.name,
                    )
                    result["name"] = label
                    backends.append(result)
                    print(f"backend {label:28} {result['rps']:9.0f} req/s  p99 {result['p99']:7.2f} ms")
                finally:
                    server.stop()
        finally:
            if redis_proc is not None:
                os.kill(redis_proc.pid, signal.SIGTERM)
                redis_proc.wait()
    extra["backends"] = backends
    if args.memory_requests:
        extra["memory"] = memory_run(env, args.memory_requests)
    shutil.rmtree(cache_dir, ignore_errors=True)
    os.unlink(lua.name)

    facts = django_facts(article) if article else {}
    if article:
        extra["first"] = first_after_publish({"home": "/", "news list": "/tin-tuc/", "article": article})
    static_rps = rows[0]["rps"] if rows else 0
    for r in rows:
        r["ratio"] = r["rps"] / static_rps if static_rps else 0
    print()
    print(f"{'page':36} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× static':>9}")
    for r in rows:
        print(f"{r['name']:36} {r['rps']:9.0f} {r['p50']:8.2f} {r['p99']:8.2f} {r['ratio']:9.2f}")
    if facts:
        print(
            f"article with the cache off: {facts['article_queries_first']} SQL queries after a publish, "
            f"then {facts['article_queries']}"
        )
        print("sequential scans:", facts.get("seq_scans") or "none")
    print("worker RSS (MB):", extra.get("rss"))
    if not args.no_write:
        write_report(command=command, rows=rows, extra=extra, facts=facts, args=args)
        print(f"wrote {args.output}")
    return 0


def write_report(*, command: str, rows: list[dict], extra: dict, facts: dict, args) -> None:
    m = machine()
    workers = os.environ.get("GUNICORN_WORKERS") or f"default ({min(2 * (os.cpu_count() or 1) + 1, 16)})"
    out = [
        "# Benchmarks",
        "",
        "Written by `bench/run.py` (do not edit by hand; run it again). Data: `bench/generate.py`",
        "(100,000 published Vietnamese articles and their search documents, in the `bench` database).",
        "",
        f"- Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {m['nproc']} cores, {m['cpu']}, {m['kernel']}; load average before the run: "
        f"{extra.get('loadavg_before', '?')}, after: {m['loadavg']} (the machine is shared with other work: "
        "compare ratios within one run rather than absolute numbers across runs)",
        f"- Server: gunicorn with `deploy/gunicorn.conf.py`, workers {workers}, `DEBUG=0`, on 127.0.0.1;"
        f" wrk on the same machine, {args.threads} threads, {args.connections} connections, {args.duration} s per page"
        f" after {WARM_UP} s of the same load that are not counted (every worker has loaded its templates and"
        " opened its database connection; with the page cache on, the page is cached).",
        "- Command:",
        "",
        "```",
        command,
        "```",
        "",
        "```",
        "$ free -h",
        m["free"],
        "```",
        "",
        "## Requests per second",
        "",
        "`cache` is the server with the anonymous page cache (default file cache), `nocache` the same with "
        "`PAGE_CACHE=0`. The ratio is to the static file of the same run.",
        "",
        "| page | path | server | req/s | p50 ms | p99 ms | × static | errors / non-2xx |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r['name']} | `{r['path']}` | {r['server']} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} "
            f"| {r['ratio']:.2f} | {r['errors']} / {r['non2xx']} |"
        )
    out += [
        "",
        "## One client, cache off (what a reader waits for a page not yet cached)",
        "",
        "| page | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|",
    ]
    for r in extra.get("one_client", []):
        out.append(f"| {r['name']} | {r['p50']:.2f} | {r['p95']:.2f} | {r['p99']:.2f} |")
    if extra.get("first"):
        out += [
            "",
            "## The first request after a publish (one client, nothing kept yet)",
            "",
            "Through the views in one process with the page cache off, right after `bump()` (5 times each):",
            "what the first reader of each page waits for, on either server.",
            "",
            "| page | median ms | worst ms | status |",
            "|---|---:|---:|---:|",
            *[f"| {r['name']} | {r['median']:.1f} | {r['max']:.1f} | {r['status']} |" for r in extra["first"]],
        ]
    if extra.get("backends"):
        out += [
            "",
            "## Cache backends (cached article, same server settings)",
            "",
            "| backend | req/s | p50 ms | p99 ms |",
            "|---|---:|---:|---:|",
        ]
        for r in extra["backends"]:
            out.append(f"| {r['name']} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} |")
    out += ["", "## Memory", ""]
    memory = extra.get("memory")
    if memory and memory["samples"]:
        out += [
            f"One worker with `GUNICORN_MAX_REQUESTS=0` (never recycled), page cache on, "
            f"{memory['samples'][-1][0]:,} mixed requests over {memory['distinct']:,} distinct addresses "
            "(list pages, articles, searches, categories, home in both languages, the static file), "
            "4 clients:",
            "",
            "| requests served | worker RSS MB |",
            "|---:|---:|",
            *[f"| {n:,} | {rss:.0f} |" for n, rss in memory["samples"]],
            "",
            "In the load test above, with recycling on:",
            "",
        ]
    for name, rss in (extra.get("rss") or {}).items():
        served = extra.get("requests", {}).get(name, 0)
        out.append(
            f"- `{name}` server, after {served:,} requests: worker RSS "
            + ", ".join(f"{v:.0f} MB" for v in rss)
            + " (gunicorn replaces a worker after 5,000 ± 500 requests: `max_requests`)."
        )
    if facts:
        out += sql_section(facts)
    out += ["", INDEX_NOTE]
    # Sections other people add by hand below the marker are kept as they are.
    target = ROOT / args.output
    kept = target.read_text(encoding="utf-8").partition(KEEP_MARKER)[2] if target.exists() else ""
    out += ["", KEEP_MARKER + kept.rstrip("\n")]
    target.write_text("\n".join(out) + "\n", encoding="utf-8")


def sql_section(facts: dict) -> list[str]:
    out = [
        "",
        "## SQL",
        "",
        "Captured from requests through the views in one process with the page cache off (as the `nocache`",
        "server), on the first request after a publish: nothing is kept under the publication generation yet,",
        "so every query a reader may meet is there. Each plan is `EXPLAIN (ANALYZE, BUFFERS)` of exactly the",
        "SQL that ran.",
        "",
        f"Article page with the cache off: **{facts['article_queries_first']} queries** on the first request",
        f"after a publish, then **{facts['article_queries']}** (status {facts['article_status']}):",
        "",
        "```",
        *facts["article_sql_first"],
        "```",
        "",
        "then:",
        "",
        "```",
        *facts["article_sql"],
        "```",
        "",
        "Sequential scans in the plans below: "
        + (", ".join(facts["seq_scans"]) if facts.get("seq_scans") else "none")
        + ".",
    ]
    for page in facts["pages"]:
        out += [
            "",
            f"### {page['title']}",
            "",
            f"`{page['path']}`: {len(page['sql'])} queries (status {page['status']}).",
            "",
        ]
        for n, (sql, plan) in enumerate(page["plans"], 1):
            out += [f"{n}. `{sql[:200]}{'…' if len(sql) > 200 else ''}`", "", "```", plan, "```", ""]
    return out


KEEP_MARKER = "<!-- Written by bench/run.py above this line; sections below it are kept as they are. -->"

INDEX_NOTE = """## Indexes

`news` migration 0003 adds two partial covering indexes for what anonymous readers see, so
that the list's page N (its ids), its count and a category's never read the table:

```sql
CREATE INDEX article_public_idx ON news_article (language, publish_at DESC, id DESC)
    INCLUDE (expire_at) WHERE live AND NOT is_internal;
CREATE INDEX article_public_cat_idx ON news_article (category_id, language, publish_at DESC, id DESC)
    INCLUDE (expire_at) WHERE live AND NOT is_internal;
```

Index-only scans need the table's visibility map: autovacuum keeps it, `bench/generate.py`
ends with `VACUUM ANALYZE`. The home page's featured article has its own partial index
(`article_featured_idx`, `news` migration 0002). The list's page rows and count are kept
under the publication generation (`news/selectors.article_page`): the next reader of the
same page runs no query.

The search index (`search` migrations 0003–0005) keeps its rows narrow (the body and the
full text vector stored apart, `toast_tuple_target = 256`; the small vectors that rank a
candidate kept in the row, `STORAGE MAIN`) and indexes each document's words with its
half-year (btree_gin):

```sql
CREATE INDEX searchdoc_vector_period_gin ON search_searchdocument USING gin (vector, period);
```

A common word ("chu ky so" matches 28,800 of the 107,000 documents) is looked up in this
half-year only (`period = ANY(...)`: about 600 matches), never listing the older ones; the
newest 200 of them are ranked (title, then keywords, then body; exact diacritics first for
an accented query), and the count says "more than 200". A rare word goes back a few
half-years at a time (`portal/search/services.py`, `WINDOWS`).
"""


if __name__ == "__main__":
    sys.exit(main())
