"""Fixtures of the scale-data tests (``bench/``); the autouse ones (statistics catalogue,
test settings, language) come from the root ``tests/conftest.py``."""

import pytest


@pytest.fixture
def bench_users(db):
    """The generators' author (Phóng viên) and approver (Ban Biên tập)."""
    from bench import common

    return common.users()
