"""Shared fixtures: users for each role, factories, a clock. Tests run on the real
PostgreSQL started by the Makefile (DATABASE_URL); pytest-django makes a throwaway
``test_portal`` database in it."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from portal.editorial.enums import Role

_seq = itertools.count(1)


@pytest.fixture(autouse=True, scope="session")
def _flush_past_audit_triggers():
    """The audit tables refuse TRUNCATE (a database trigger), and so would the flush that
    ends a transactional test. The test database's flush alone runs with the triggers
    off (``session_replication_role``, a superuser's setting); the code under test never."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        if not statements:
            return statements
        return ["SET session_replication_role = replica", *statements, "SET session_replication_role = DEFAULT"]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = original


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """A transactional test with ``serialized_rollback`` ends by flushing the database
    without re-running post_migrate, so the next test makes content types with new ids
    while Django's per-process cache still holds the old ones (a foreign-key error on the
    first revision saved). Every test starts from what the database holds."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /en/ leaves English active in the thread: start each test in Vietnamese."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


def make_user(role: Role | None, username: str | None = None, **extra) -> User:
    username = username or f"user{next(_seq)}"
    user = User.objects.create_user(
        username=username,
        password="mat-khau-thu-nghiem",
        email=f"{username}@mic.gov.vn",
        is_staff=True if role else extra.pop("is_staff", False),
        **extra,
    )
    if role is not None:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


@pytest.fixture
def reporter(db):
    return make_user(Role.REPORTER, "phongvien")


@pytest.fixture
def reporter2(db):
    return make_user(Role.REPORTER, "phongvien2")


@pytest.fixture
def editor(db):
    return make_user(Role.EDITOR, "bientap")


@pytest.fixture
def board(db):
    return make_user(Role.BOARD, "banbientap")


@pytest.fixture
def board2(db):
    return make_user(Role.BOARD, "banbientap2")


@pytest.fixture
def administrator(db):
    return make_user(Role.ADMIN, "quantri")


@pytest.fixture
def staff_reader(db):
    return make_user(None, "canbo", is_staff=True)


class Clock:
    """Moves ``timezone.now`` for code that reads it."""

    def __init__(self, monkeypatch):
        self._mp = monkeypatch
        self.now = timezone.now()

    def set(self, when: dt.datetime) -> None:
        self.now = when
        self._mp.setattr(timezone, "now", lambda: self.now)

    def advance(self, **delta) -> None:
        self.set(self.now + dt.timedelta(**delta))


@pytest.fixture
def clock(monkeypatch):
    c = Clock(monkeypatch)
    c.set(c.now)
    return c


@pytest.fixture
def run_on_commit(db, monkeypatch):
    """Run ``transaction.on_commit`` callbacks when the code's own outermost atomic block
    ends, as a real commit would (the test's wrapping transaction never commits)."""
    from django.db import transaction

    base = {}
    original_exit = transaction.Atomic.__exit__

    def exit_and_commit(self, exc_type, exc_value, traceback):
        result = original_exit(self, exc_type, exc_value, traceback)
        conn = transaction.get_connection(self.using)
        depth = base.setdefault(self.using or "default", None)
        if depth is not None and len(conn.atomic_blocks) == depth and conn.run_on_commit and not exc_type:
            callbacks, conn.run_on_commit = conn.run_on_commit, []
            for _sids, func, _robust in callbacks:
                func()
        return result

    from django.db import connections

    for alias in connections:
        base[alias] = len(connections[alias].atomic_blocks) if connections[alias].in_atomic_block else None
    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_and_commit)
    return None
