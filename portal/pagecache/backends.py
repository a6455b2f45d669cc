"""The default shared cache of one machine."""

import random

from django.core.cache.backends.filebased import FileBasedCache


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
