import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def shared_cache(settings, tmp_path, run_on_commit):
    """The production set-up: the shared file cache (every worker of a machine) with the
    anonymous page cache on, and transaction.on_commit callbacks run (the transition signal)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.core.cache.FileCache",
            "LOCATION": str(tmp_path / "cache"),
            "KEY_PREFIX": "test",
        }
    }
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_TIMEOUT = 86400  # only invalidation and the schedule may end a page
    from django.core.cache import cache

    cache.clear()
    return cache
