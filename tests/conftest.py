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
        user.groups.add(Group.objects.get(name=role.value))
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
