"""Values and page parts kept under the generation, in this worker's local cache."""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable
from typing import TypeVar

from django.utils import timezone

from . import schedule
from .generation import generation, local, tracked

logger = logging.getLogger(__name__)
T = TypeVar("T")


def remember(key: str, compute: Callable[[], T]) -> T:
    """``compute()``, reused until anything readers see changes (a bump, the next
    scheduled change, ``PAGE_CACHE_TIMEOUT``). ``key`` names everything else the value
    depends on (language, whether the reader sees internal items…). Without a shared
    cache ``compute()`` runs every time."""
    if not tracked():
        return compute()
    try:
        token = generation()
        full_key = f"pagecache:kept:{token}:{key}"
        entry = local().get(full_key)
    except Exception:  # a cache outage degrades to computing, never to an error
        logger.exception("page cache: could not read %s", key)
        return compute()
    now = timezone.now()
    if entry is not None and entry[0] > now:
        return entry[1]
    value = compute()
    try:
        until = schedule.expiry(token, now)
        # The entry holds its own expiry (checked above): the backend's may round up.
        local().set(full_key, (until, value), max(1, math.ceil((until - now).total_seconds())))
    except Exception:
        logger.exception("page cache: could not keep %s", key)
    return value


def shared_by_staff(view):
    """Marks a view whose page is the same for every signed-in member of staff: the page
    cache keeps it for them as it does for anonymous readers (under the generation, its
    own key). Never for a view that shows anything personal."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.shared_by_staff = True
        return response

    return wrapped
