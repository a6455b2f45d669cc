"""Time: nothing is kept past the next scheduled publish or expiry, nor ``PAGE_CACHE_TIMEOUT``."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection

from portal.editorial import registry

from .generation import TIMEOUT, shared

KEY = "pagecache:next:{generation}"


def next_change(now: dt.datetime) -> dt.datetime | None:
    """The earliest ``publish_at`` or ``expire_at`` after ``now`` of a live item of any
    workflow model (``portal.editorial.registry``), in one query."""
    parts, params = [], []
    for model in registry.models():
        names = {f.name for f in model._meta.concrete_fields}
        table = connection.ops.quote_name(model._meta.db_table)
        for column in ("publish_at", "expire_at"):
            if column in names and "live" in names:
                col = connection.ops.quote_name(column)
                parts.append(f"(SELECT MIN({col}) FROM {table} WHERE live AND {col} > %s)")  # noqa: S608
                params.append(now)
    if not parts:
        return None
    with connection.cursor() as cur:
        cur.execute("SELECT LEAST(" + ", ".join(parts) + ")", params)  # noqa: S608
        return cur.fetchone()[0]


def expiry(token: str, now: dt.datetime) -> dt.datetime:
    """Until when something rendered ``now`` under generation ``token`` may be reused. The
    next change is computed once per generation (kept in the shared cache) and again
    once it has passed."""
    key = KEY.format(generation=token)
    stored = shared().get(key)
    if stored is not None and stored[0] <= now and (stored[1] is None or stored[1] > now):
        upcoming = stored[1]
    else:
        upcoming = next_change(now)
        shared().set(key, (now, upcoming), TIMEOUT)
    longest = now + dt.timedelta(seconds=int(getattr(settings, "PAGE_CACHE_TIMEOUT", 600)))
    return min(longest, upcoming) if upcoming is not None else longest
