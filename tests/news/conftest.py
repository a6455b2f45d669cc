import pytest


@pytest.fixture(params=["local cache", "shared cache, page cache off"])
def reader_cache(request, settings, tmp_path):
    """Runs a test twice: with the test suite's process-local cache (nothing is kept
    between requests), and as production runs with the page cache off: the shared file
    cache, where the categories, a category's newest articles, tags and list counts are
    kept under the publication generation (``portal.pagecache.remember``). What readers
    see must be the same in both."""
    if request.param != "local cache":
        settings.CACHES = {
            "default": {"BACKEND": "portal.pagecache.backends.FileCache", "LOCATION": str(tmp_path / "cache")}
        }
        settings.PAGE_CACHE = False
        from django.core.cache import cache

        cache.clear()
    return request.param
