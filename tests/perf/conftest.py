import pytest


@pytest.fixture
def shared_cache(settings, tmp_path, transactional_db, django_db_serialized_rollback):
    """The production set-up: the shared file cache (every worker of a machine) with the
    anonymous page cache on, and real commits (``transactional_db``), so the
    transaction.on_commit callbacks run (the transition signal) even when a test calls the
    workflow's services itself. The migrations' rows are restored before each test, as in
    the other transactional tests (``serialized_rollback``: their flush leaves the tables
    empty for the next one)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.pagecache.backends.FileCache",
            "LOCATION": str(tmp_path / "cache"),
            "KEY_PREFIX": "test",
        },
        # Each worker's own memory, as in production (emptied: it outlives the settings).
        "local": {"BACKEND": "portal.pagecache.backends.ObjectCache", "LOCATION": "pagecache-test"},
    }
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_TIMEOUT = 86400  # only invalidation and the schedule may end a page
    from django.core.cache import cache, caches

    cache.clear()
    caches["local"].clear()
    return cache
