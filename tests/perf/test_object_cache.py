"""Each worker's own memory keeps the objects themselves (no pickled copy per read), with
LocMem's expiry and culling."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from portal.pagecache.backends import ObjectCache


def test_object_cache_returns_the_kept_object_until_it_expires():
    cache = ObjectCache("object-cache-test", {"OPTIONS": {"MAX_ENTRIES": 10}})
    cache.clear()
    value = {"categories": ["Chuyển đổi số", "Viễn thông"]}
    cache.set("k", value, 60)
    assert cache.get("k") is value
    assert cache.add("k", "khác", 60) is False
    assert cache.add("n", 1, 60) is True
    assert cache.incr("n", 1) == 2 and cache.get("n") == 2
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61), tick=False):
        assert cache.get("k") is None


def test_object_cache_culls_past_its_size():
    cache = ObjectCache("object-cache-cull", {"OPTIONS": {"MAX_ENTRIES": 5, "CULL_FREQUENCY": 2}})
    cache.clear()
    for i in range(20):
        cache.set(f"k{i}", i, 60)
    assert sum(cache.get(f"k{i}") is not None for i in range(20)) <= 5
    assert cache.get("k19") == 19
