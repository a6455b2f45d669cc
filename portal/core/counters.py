"""Visit counting. Pages never write: a small beacon request after the page has loaded
does one atomic upsert, so no count is lost under concurrent visits."""

from __future__ import annotations

import datetime as dt
import random

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Sum
from django.utils import timezone

from .models import OnlineVisitor, VisitDay

_view_counted: dict[type, tuple[str, ...]] = {}


def register_view_counted(model: type, *, fields: tuple[str, ...] = ()) -> None:
    """A model with a ``view_count`` field (and ``EditorialQuerySet.visible_to``) whose
    views the beacon counts; ``fields`` are sent back fresh to the page (the rating
    total, which the whole-page cache would otherwise keep)."""
    _view_counted[model] = tuple(fields)


def view_counted_models() -> list[type]:
    return list(_view_counted)


# A browser counts one visit per VISIT_WINDOW and one view of an item per VIEW_WINDOW,
# decided on the server (the shared cache), whatever cookies the request carries.
VISIT_WINDOW = dt.timedelta(minutes=30)
VIEW_WINDOW = dt.timedelta(minutes=30)


def first_visit_in_window(visitor: str) -> bool:
    """Is this the browser's first beacon in ``VISIT_WINDOW`` (a new visit)?"""
    return cache.add(f"visit-seen:{visitor}", 1, int(VISIT_WINDOW.total_seconds()))


def readable_fields(*, user, item_id: int) -> dict[str, int] | None:
    """The registered fields of item ``item_id`` if ``user`` may see it now."""
    for model, fields in _view_counted.items():
        if fields:
            row = model.objects.visible_to(user).filter(pk=item_id).values(*fields).first()
            if row is not None:
                return row
    return None


def record_view(*, user, visitor: str, item_id: int) -> dict[str, int] | None:
    """Count a view of item ``item_id`` if ``user`` may see it now (a draft, a withdrawn
    or embargoed item, or an internal one for a reader, counts nothing) and this browser
    has not viewed it in ``VIEW_WINDOW``. Returns the item's registered fields, fresh, or
    None if no readable item has that id."""
    for model, fields in _view_counted.items():
        visible = model.objects.visible_to(user).filter(pk=item_id)
        row = visible.values(*fields).first() if fields else ({} if visible.exists() else None)
        if row is None:
            continue
        if cache.add(f"view-seen:{model._meta.label_lower}:{item_id}:{visitor}", 1, int(VIEW_WINDOW.total_seconds())):
            model.objects.filter(pk=item_id).update(view_count=F("view_count") + 1)
        return row
    return None


ONLINE_WINDOW = dt.timedelta(minutes=5)
COUNTS_CACHE_KEY = "visit-counts"


def record_visit(*, visitor: str, new_visit: bool) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    with connection.cursor() as cur:
        if new_visit:
            cur.execute(
                f"INSERT INTO {VisitDay._meta.db_table} (day, count) VALUES (%s, 1) "  # noqa: S608
                "ON CONFLICT (day) DO UPDATE SET count = "
                f"{VisitDay._meta.db_table}.count + 1",
                [today],
            )
        cur.execute(
            f"INSERT INTO {OnlineVisitor._meta.db_table} (visitor, last_seen) VALUES (%s, %s) "  # noqa: S608
            "ON CONFLICT (visitor) DO UPDATE SET last_seen = EXCLUDED.last_seen",
            [visitor[:64], now],
        )
    if random.random() < 0.01:
        OnlineVisitor.objects.filter(last_seen__lt=now - dt.timedelta(days=1)).delete()
    cache.delete(COUNTS_CACHE_KEY)


def visit_counts(*, fresh: bool = False) -> dict[str, int]:
    """Online now, today, this year, total (plus the count carried over from the old
    portal, ``VISIT_COUNT_BASE``)."""
    if not fresh:
        cached = cache.get(COUNTS_CACHE_KEY)
        if cached is not None:
            return cached
    now = timezone.now()
    today = timezone.localdate(now)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT COALESCE(SUM(count) FILTER (WHERE day = %s), 0), "  # noqa: S608
            f"COALESCE(SUM(count) FILTER (WHERE day >= %s), 0), COALESCE(SUM(count), 0), "
            f"(SELECT COUNT(*) FROM {OnlineVisitor._meta.db_table} WHERE last_seen >= %s) "
            f"FROM {VisitDay._meta.db_table}",
            [today, today.replace(month=1, day=1), now - ONLINE_WINDOW],
        )
        day, year, total, online = cur.fetchone()
    counts = {
        "online": int(online),
        "today": int(day),
        "year": int(year),
        "total": int(total) + int(getattr(settings, "VISIT_COUNT_BASE", 0)),
    }
    cache.set(COUNTS_CACHE_KEY, counts, 30)
    return counts


def total_visits() -> int:
    return int(VisitDay.objects.aggregate(n=Sum("count"))["n"] or 0)
