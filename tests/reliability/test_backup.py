"""`make backup` and `make restore`: a backup of the demo portal, restored into a fresh
database and an empty media folder, serves the same portal.

The scripts run as an operator runs them (subprocesses, their own databases on the project's
PostgreSQL); ``manage.py site_checksums`` renders every public page in both languages, every
download they link to, every stored file and every row of the portal's models, on each side.
"""

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PGBIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]


def _server_url(name: str) -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _psql(sql: str) -> str:
    out = subprocess.run(
        [PGBIN / "psql", "-qtA", "-d", _server_url("postgres"), "-c", sql], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def _run(args, env, check=True):
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=check, timeout=600)


@pytest.fixture(scope="module")
def portal_env(tmp_path_factory):
    """Environment for a demo portal in its own database, and the restore target's name."""
    tag = f"{os.getpid()}"
    names = {"src": f"backup_src_{tag}", "dst": f"backup_dst_{tag}"}
    tmp = tmp_path_factory.mktemp("backup")
    for name in names.values():
        _psql(f'DROP DATABASE IF EXISTS "{name}"')
    _psql(f'CREATE DATABASE "{names["src"]}"')
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": _server_url(names["src"]),
        "MEDIA_ROOT": str(tmp / "media-src"),
        "CACHE_DIR": str(tmp / "cache-src"),
        "BACKUP_DIR": str(tmp / "backups"),
        "DEMO_PASSWORD": "demo-backup-test",
        "PYTHON": sys.executable,
    }
    _run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    _run([sys.executable, "manage.py", "createcachetable"], env)
    _run([sys.executable, "manage.py", "load_demo"], env)
    yield env, names, tmp
    for name in names.values():
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _checksums(env) -> list[str]:
    out = _run([sys.executable, "manage.py", "site_checksums"], env).stdout
    return out.splitlines()


def test_a_restored_backup_serves_the_same_pages_downloads_files_and_revisions(portal_env):
    env, names, tmp = portal_env
    before = _checksums(env)

    made = _run(["bash", "scripts/backup.sh"], env)
    archive = Path(made.stdout.strip().split(": ", 1)[1].rsplit(" (", 1)[0])
    assert archive.name.startswith("portal-") and archive.suffix == ".tar"
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["MANIFEST", "db.dump", "media.tar"]

    restored = {
        **env,
        "RESTORE_DATABASE_URL": _server_url(names["dst"]),
        "MEDIA_ROOT": str(tmp / "media-dst"),
        "CACHE_DIR": str(tmp / "cache-dst"),
    }
    done = _run(["bash", "scripts/restore.sh", str(archive)], restored)
    assert "Đã khôi phục" in done.stdout
    after = _checksums({**restored, "DATABASE_URL": restored["RESTORE_DATABASE_URL"]})

    assert after == before
    kinds = [line.split()[1] for line in before]
    assert kinds.count("page") > 100  # every public page in both languages, with the downloads
    assert any(line.endswith((".csv", ".xlsx", ".json", ".ics")) for line in before)
    assert kinds.count("file") > 10  # covers, renditions, attachments
    revisions = next(line for line in before if " rows editorial.Revision " in line)
    assert int(revisions.rsplit(" ", 1)[1]) > 20


def test_restore_never_overwrites_a_database_in_use_nor_accepts_a_damaged_archive(portal_env):
    env, names, tmp = portal_env
    archive = sorted((tmp / "backups").glob("portal-*.tar"))[-1]
    live = {**env, "MEDIA_ROOT": str(tmp / "media-other")}

    refused = _run(["bash", "scripts/restore.sh", str(archive)], live, check=False)
    assert refused.returncode != 0
    assert "đã có dữ liệu" in refused.stderr
    assert not (tmp / "media-other").exists()

    damaged = tmp / "damaged.tar"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "db.dump":
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    fresh = {**env, "RESTORE_DATABASE_URL": _server_url(f"backup_bad_{os.getpid()}"), "MEDIA_ROOT": str(tmp / "m")}
    refused = _run(["bash", "scripts/restore.sh", str(damaged)], fresh, check=False)
    assert refused.returncode != 0
    assert "bị hỏng" in refused.stderr
    assert _psql(f"SELECT count(*) FROM pg_database WHERE datname = 'backup_bad_{os.getpid()}'") == "0"
