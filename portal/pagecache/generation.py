"""The publication generation: a random token in the shared cache, replaced by ``bump()``.

It is replaced, never incremented, so two servers bumping at once cannot leave it as it
was. Each worker reuses the token it read for ``PAGE_CACHE_GENERATION_TTL`` seconds (in its
local cache), so a hit costs no I/O and a publish elsewhere is seen within that time.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

KEY = "pagecache:generation"
SNAPSHOT_KEY = "pagecache:generation:seen"
TIMEOUT = 30 * 86400  # a lost token only costs one round of rendering


def shared():
    """The cache every worker and server shares (``PAGE_CACHE_ALIAS``, default "default")."""
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def local():
    """This worker's memory (the LocMem alias ``PAGE_CACHE_LOCAL_ALIAS``, "local"), or the
    shared cache when that alias is not configured."""
    alias = getattr(settings, "PAGE_CACHE_LOCAL_ALIAS", "local")
    return caches[alias] if alias in settings.CACHES else shared()


def tracked() -> bool:
    """Whether the generation is kept: only on a cache every worker shares. On a
    per-process cache each worker would keep its own, and miss the others' publishes."""
    return not isinstance(shared(), DummyCache | LocMemCache)


def enabled() -> bool:
    """Whether whole pages are cached (``PAGE_CACHE``, on a shared cache)."""
    return bool(getattr(settings, "PAGE_CACHE", True)) and tracked()


def _remember_locally(token: str) -> None:
    mine = local()
    if mine is not shared():
        mine.set(SNAPSHOT_KEY, token, float(getattr(settings, "PAGE_CACHE_GENERATION_TTL", 0.25)))


def generation() -> str:
    """The current token (as this worker read it at most a moment ago)."""
    mine = local()
    token = mine.get(SNAPSHOT_KEY) if mine is not shared() else None
    if token is None:
        token = shared().get(KEY)
        if token is None:
            token = secrets.token_hex(8)
            if not shared().add(KEY, token, TIMEOUT):  # of two workers starting at once, one wins
                token = shared().get(KEY) or token
        _remember_locally(token)
    return token


def bump(*, reason: str = "") -> str:
    """Make every cached page, fragment and value stale, on every worker and server."""
    token = secrets.token_hex(8)
    try:
        shared().set(KEY, token, TIMEOUT)
        _remember_locally(token)
    except Exception:  # the cache being down must not break a publish
        logger.exception("page cache: could not bump the generation (%s)", reason)
    return token
