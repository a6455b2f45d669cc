import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Test users are made by the hundred: a fast hasher keeps the suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _commit_callbacks(run_on_commit):
    """Signals sent after commit (notifications, search index, slug redirects) run here."""


@pytest.fixture(params=["local cache", "shared cache, page cache off"])
def reader_cache(request, settings, tmp_path):
    """Runs a test twice: with the test suite's process-local cache (nothing is kept
    between requests), and as production runs with the page cache off: the shared file
    cache, where the categories, a category's newest articles, tags and list counts are
    kept under the publication generation (``portal.core.cache.remember``). What readers
    see must be the same in both."""
    if request.param != "local cache":
        settings.CACHES = {"default": {"BACKEND": "portal.core.cache.FileCache", "LOCATION": str(tmp_path / "cache")}}
        settings.PAGE_CACHE = False
        from django.core.cache import cache

        cache.clear()
    return request.param
