"""The default shared cache of one machine, and each worker's own memory."""

import random

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache


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
