"""The default shared cache of one machine, the shared cache of several (Redis), and each
worker's own memory."""

import logging
import random
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)


class FileCache(FileBasedCache):
    """Django's file cache (shared by every worker of one machine, atomic writes) that
    lists its folder to cull old entries on one write in ``CULL_EVERY`` (default 50)
    instead of on every write."""

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._cull_every = max(1, int(params.get("OPTIONS", {}).get("CULL_EVERY", 50)))

    def _cull(self):
        if random.randrange(self._cull_every) == 0:  # noqa: S311
            super()._cull()


class ObjectCache(LocMemCache):
    """This worker's memory (the ``local`` alias): Django's LocMem cache, but keeping the
    objects themselves instead of pickled copies, so a kept value costs no copy on every
    read. What is kept there is read-only by contract (``remember()``, page entries)."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            value = self._cache[key] + delta
            self._cache[key] = value
            self._cache.move_to_end(key, last=False)
        return value


class ResilientRedisCache(RedisCache):
    """Django's Redis cache for several servers (``REDIS_URL``) that keeps the portal up when
    Redis is not: an unreachable Redis answers as an empty cache (reads miss, writes are
    dropped, counters start again), so pages are rendered from the database instead of
    failing. After a failure this worker leaves Redis alone for ``RETRY_AFTER`` seconds (no
    request waits for a dead server twice), then tries again; on the first success it bumps
    the page-cache generation, since a publish made meanwhile could not, and pages kept from
    before the outage must not be served. Short socket timeouts come from ``OPTIONS``
    (settings: ``socket_connect_timeout``, ``socket_timeout``)."""

    RETRY_AFTER = 1.0
    _ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._saw_outage = False

    def _guard(self, name, failed, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return failed()
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except self._ERRORS as exc:
            if not self._saw_outage:
                logger.warning("Redis unreachable (%s): serving without the shared cache", exc)
            self._saw_outage = True
            self._down_until = time.monotonic() + self.RETRY_AFTER
            return failed()
        if self._saw_outage:
            self._saw_outage = False
            logger.warning("Redis reachable again: every page kept before the outage is now stale")
            from .generation import bump  # generation imports this module's aliases

            bump(reason="Redis reachable again")
        return result

    def get(self, key, default=None, version=None):
        return self._guard("get", lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", lambda: False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set", lambda: False, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", lambda: list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", lambda: False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", lambda: False, key, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", lambda: None, keys, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found")

        return self._guard("incr", missing, key, delta, version)

    def clear(self):
        return self._guard("clear", lambda: False)
