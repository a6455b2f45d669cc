"""The whole-page cache: pages, fragments and values kept until what readers see changes.

What is cached: whole GET responses for anonymous readers (``PageCacheMiddleware``) and,
for views marked ``@shared_by_staff``, for signed-in staff (``StaffPageCacheMiddleware``);
parts of pages (``{% kept %}``) and values (``remember()``) with the page cache on or off.

The generation: one random token in the shared cache (``generation()``). Everything is
stored under it, so ``bump()`` makes all of it stale at once on every worker and server.

Invalidation (``invalidation.py``): a workflow transition, ``content_changed``, a change of
the search index or any admin edit calls ``bump()``.

Schedules (``schedule.py``): nothing is kept past the next ``publish_at`` or ``expire_at`` of
a live item of any workflow model, nor past ``PAGE_CACHE_TIMEOUT``.

Without a cache shared by every worker (LocMem, Dummy) nothing is kept. See docs/scaling.md.
"""

from .generation import bump, enabled, generation, tracked
from .keep import remember, shared_by_staff

__all__ = ["bump", "enabled", "generation", "remember", "shared_by_staff", "tracked"]
