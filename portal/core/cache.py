"""Whole-page cache of anonymous responses: the publication generation and the schedule.

Every cached page is stored under the current *publication generation*, a random token
kept in the shared cache. Anything that can change what readers see replaces the token
(``bump()``): a workflow transition of any model, ``content_changed``, a change of the
search index, an edit made in the admin. Pages stored under an older token are never read
again, so a publish or a withdrawal is visible at once on every worker and every server
that share the cache. The token is replaced, not incremented: two servers bumping at the
same moment can never leave it unchanged.

Time alone also changes what readers see (an item's ``publish_at`` or ``expire_at``
passes). Each page is therefore stored with an absolute expiry no later than the next
scheduled change of any registered model (``next_change()``, computed once per
generation and again when that time has passed), and the clock decides, not a worker.

The generation is kept whether the page cache is on or off (``PAGE_CACHE=0``), on any
cache every worker shares: ``remember(key, compute)`` keeps values derived from what
readers see (the categories, a category's newest articles, a list's count, parts of an
article page through the ``{% kept %}`` template tag) in the worker's memory under the
current generation and until the next scheduled change, so a page rendered without the
page cache still reads only what it must read now (whether the item may be shown).

Other apps join without this module knowing them:

- every model in ``portal.editorial.registry.models()`` is scanned for ``publish_at`` /
  ``expire_at`` of live items;
- ``register_schedule(fn)``: ``fn(now) -> datetime | None``, the next time something
  else becomes visible (an embargo on a statistics value, for example);
- ``bump()`` (or sending ``portal.editorial.signals.content_changed``) after any other
  write that readers see.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from portal.editorial import registry
from portal.editorial.signals import content_changed, transitioned

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
NEXT_CHANGE_KEY = "pagecache:next:{generation}"
PAGE_KEY = "pagecache:page:{generation}:{digest}"
# How long the generation token and the computed schedule are kept (a lost token only
# means one round of re-rendering).
META_TIMEOUT = 30 * 86400

_schedules: list[Callable[[dt.datetime], dt.datetime | None]] = []
T = TypeVar("T")


def register_schedule(fn: Callable[[dt.datetime], dt.datetime | None]) -> None:
    """``fn(now)`` returns the next time (after ``now``) something becomes visible or
    invisible to anonymous readers, or None."""
    if fn not in _schedules:
        _schedules.append(fn)


def cache_backend():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def is_shared_backend(backend=None) -> bool:
    """A process-local cache (LocMem, Dummy) would let each worker keep its own generation:
    a publish seen by one worker would stay invisible on the others. The page cache only
    runs on a cache every worker shares, unless ``PAGE_CACHE_ALLOW_LOCAL`` (one process)."""
    from django.core.cache.backends.dummy import DummyCache
    from django.core.cache.backends.locmem import LocMemCache

    backend = backend or cache_backend()
    if isinstance(backend, DummyCache):
        return False
    if isinstance(backend, LocMemCache):
        return bool(getattr(settings, "PAGE_CACHE_ALLOW_LOCAL", False))
    return True


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE", True)) and is_shared_backend()


def tracked() -> bool:
    """Whether the publication generation is kept (and replaced on every change): on any
    cache every worker shares, with the page cache on or off, because values kept by
    ``remember()`` are keyed by it too."""
    return is_shared_backend()


def page_timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_TIMEOUT", 600))


# -- generation ---------------------------------------------------------------------------


# The generation as last read by this process: (token, monotonic time read, backend).
# Reading it costs a cache round trip on every hit; a process may reuse it for
# PAGE_CACHE_GENERATION_TTL seconds (default 0.25 s), so a publish made elsewhere is seen
# by every worker of every server within that time (issue 5: within 1 second). A bump made
# by this process replaces it at once.
_local: dict = {"token": None, "at": 0.0, "backend": None}


def current_generation(backend) -> str:
    """The generation for serving a page (reused by this process for a moment)."""
    ttl = float(getattr(settings, "PAGE_CACHE_GENERATION_TTL", 0.25))
    now = time.monotonic()
    if _local["backend"] is backend and _local["token"] is not None and now - _local["at"] < ttl:
        return _local["token"]
    token = generation()
    _local.update(token=token, at=now, backend=backend)
    return token


def generation(*, create: bool = True) -> str | None:
    token = cache_backend().get(GENERATION_KEY)
    if token is None and create:
        token = secrets.token_hex(8)
        # add(): of two workers starting at once, one token wins and both use it.
        if not cache_backend().add(GENERATION_KEY, token, META_TIMEOUT):
            token = cache_backend().get(GENERATION_KEY) or token
    return token


def bump(*, reason: str = "") -> str:
    """Make every cached page stale at once (every worker, every server sharing the cache).
    The schedule of the new generation is computed by the first page stored under it."""
    token = secrets.token_hex(8)
    try:
        backend = cache_backend()
        backend.set(GENERATION_KEY, token, META_TIMEOUT)
        _local.update(token=token, at=time.monotonic(), backend=backend)
    except Exception:  # the cache being down must not break a publish
        logger.exception("page cache: could not bump the generation (%s)", reason)
    return token


# -- schedule -----------------------------------------------------------------------------


def compute_next_change(now: dt.datetime) -> dt.datetime | None:
    """The earliest ``publish_at`` or ``expire_at`` after ``now`` of a live item of any
    registered model, or of a registered schedule: one SQL query for all models (each part
    reads one index entry where the model has an index on that column)."""
    parts, params = [], []
    for model in registry.models():
        names = {f.name for f in model._meta.concrete_fields}
        table = connection.ops.quote_name(model._meta.db_table)
        for column in ("publish_at", "expire_at"):
            if column not in names or "live" not in names:
                continue
            col = connection.ops.quote_name(column)
            parts.append(f"(SELECT MIN({col}) FROM {table} WHERE live AND {col} > %s)")  # noqa: S608
            params.append(now)
    candidates: list[dt.datetime] = []
    if parts:
        with connection.cursor() as cur:
            cur.execute("SELECT LEAST(" + ", ".join(parts) + ")", params)  # noqa: S608
            value = cur.fetchone()[0]
        if value is not None:
            candidates.append(value)
    for fn in _schedules:
        value = fn(now)
        if value is not None and value > now:
            candidates.append(value)
    return min(candidates) if candidates else None


def _store_next_change(token: str, now: dt.datetime) -> dt.datetime | None:
    value = compute_next_change(now)
    cache_backend().set(NEXT_CHANGE_KEY.format(generation=token), (now, value), META_TIMEOUT)
    return value


def next_change(token: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """The next scheduled change after ``now``, from the cache when still valid (computed
    for this generation, before ``now``, and not yet passed)."""
    now = now or timezone.now()
    stored = cache_backend().get(NEXT_CHANGE_KEY.format(generation=token))
    if stored is not None:
        computed_at, value = stored
        if computed_at <= now and (value is None or value > now):
            return value
    return _store_next_change(token, now)


def page_expiry(token: str, now: dt.datetime) -> dt.datetime:
    """Absolute time until which a page rendered now under ``token`` may be served."""
    expiry = now + dt.timedelta(seconds=page_timeout())
    upcoming = next_change(token, now)
    if upcoming is not None and upcoming < expiry:
        expiry = upcoming
    return expiry


# -- values kept under the generation -----------------------------------------------------

# key -> (generation, absolute expiry, value), most recently used last. Per process: a
# value costs no I/O to reuse, and it can never outlive the generation it was computed
# under nor the next scheduled change (the same rules as a cached page).
_remembered: OrderedDict[str, tuple[str, dt.datetime, Any]] = OrderedDict()
_remembered_lock = threading.Lock()
REMEMBER_MAX_ENTRIES = 1024


def remember(key: str, compute: Callable[[], T]) -> T:
    """``compute()``, reused by this process until anything readers see changes.

    For values derived from what readers see (a list's count, the newest articles of a
    category, the categories, a part of a page); ``key`` must name everything else the
    value depends on (language, whether the reader sees internal items…). The value is
    kept under the current publication generation (replaced by every publish,
    withdrawal, approved edit, admin edit…) and never past the next scheduled publish or
    expiry, nor ``PAGE_CACHE_TIMEOUT``, with the page cache on or off; a worker sees a
    generation replaced by another within ``PAGE_CACHE_GENERATION_TTL``, as for pages.
    At most ``REMEMBER_MAX_ENTRIES`` values per process (least recently used dropped).
    Without a shared cache (LocMem, Dummy: the generation is not tracked) ``compute()``
    runs every time."""
    if not tracked():
        return compute()
    try:
        backend = cache_backend()
        token = current_generation(backend)
    except Exception:  # a cache outage degrades to computing, never to an error
        logger.exception("page cache: could not read the generation")
        return compute()
    now = timezone.now()
    with _remembered_lock:
        entry = _remembered.get(key)
        if entry is not None and entry[0] == token and now < entry[1]:
            _remembered.move_to_end(key)
            return entry[2]
    value = compute()
    try:
        expires = page_expiry(token, now)
    except Exception:
        logger.exception("page cache: could not compute the schedule")
        return value
    with _remembered_lock:
        _remembered[key] = (token, expires, value)
        _remembered.move_to_end(key)
        while len(_remembered) > REMEMBER_MAX_ENTRIES:
            _remembered.popitem(last=False)
    return value


def forget_remembered() -> None:
    with _remembered_lock:
        _remembered.clear()


# -- what bumps the generation ----------------------------------------------------------


@receiver(transitioned, dispatch_uid="pagecache_transitioned")
def _on_transition(sender, **kwargs):
    if tracked():
        bump(reason=f"transition {sender.__name__}")


def _on_transition_late(sender, **kwargs):
    """Bumps again once the other receivers of the transition (the search index, an app's
    slug redirects…) have written: a page rendered between the first bump and their writes
    is never served."""
    if tracked():
        bump(reason=f"after transition {sender.__name__}")


def move_late_receiver_last() -> None:
    """Called when every app's ``ready()`` has run (the middleware's start): reconnecting
    puts the receiver at the end of the list."""
    transitioned.disconnect(dispatch_uid="pagecache_transitioned_late")
    transitioned.connect(_on_transition_late, dispatch_uid="pagecache_transitioned_late", weak=False)


@receiver(content_changed, dispatch_uid="pagecache_content_changed")
def _on_content_changed(sender, **kwargs):
    if tracked():
        bump(reason=f"content_changed {getattr(sender, '__name__', sender)}")


def connect_signals() -> None:
    """Called from ``CoreConfig.ready()``. The search index (re-indexed after the transition signal) and every admin edit
    (each one writes a LogEntry): categories, website links, anything else in the admin."""
    from django.contrib.admin.models import LogEntry

    from portal.search.models import SearchDocument

    move_late_receiver_last()

    for model in (SearchDocument, LogEntry):
        post_save.connect(_on_model_change, sender=model, dispatch_uid=f"pagecache_save_{model.__name__}")
        post_delete.connect(_on_model_change, sender=model, dispatch_uid=f"pagecache_delete_{model.__name__}")


def _on_model_change(sender, **kwargs):
    if tracked():
        bump(reason=f"{sender.__name__} changed")


# -- the local default backend --------------------------------------------------------

try:
    from django.core.cache.backends.filebased import FileBasedCache as _FileBasedCache
except ImportError:  # pragma: no cover
    _FileBasedCache = object  # type: ignore[misc,assignment]


class FileCache(_FileBasedCache):
    """Django's file cache, shared by every worker of one machine (atomic rename on write),
    except that it counts its files on one write in ``CULL_EVERY`` (default 50) instead of
    on every write: with thousands of cached pages, listing the directory on each write
    (each visit beacon, each miss) would cost more than the page itself."""

    def __init__(self, dir, params):
        super().__init__(dir, params)
        options = params.get("OPTIONS", {})
        self._cull_every = max(1, int(options.get("CULL_EVERY", 50)))

    def _cull(self):
        import random

        if random.randrange(self._cull_every) == 0:
            super()._cull()
