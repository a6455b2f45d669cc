"""What replaces the generation: everything that can change what readers see."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from portal.editorial.signals import content_changed, transitioned

from .generation import bump, tracked


def _bump(sender, **kwargs):
    if tracked():
        bump(reason=getattr(sender, "__name__", str(sender)))


def connect() -> None:
    """From ``CoreConfig.ready()``: a workflow transition of any model,
    ``content_changed``, the search index, every admin edit (each writes a LogEntry)."""
    from django.contrib.admin.models import LogEntry

    from portal.search.models import SearchDocument

    transitioned.connect(_bump, dispatch_uid="pagecache_transitioned")
    content_changed.connect(_bump, dispatch_uid="pagecache_content_changed")
    for model in (SearchDocument, LogEntry):
        post_save.connect(_bump, sender=model, dispatch_uid=f"pagecache_save_{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"pagecache_delete_{model.__name__}")
    bump_after_other_receivers()


def bump_after_other_receivers() -> None:
    """Bumps again after the other receivers of a transition (slug redirects, names as
    approved…) have written, so that a page rendered in between is never served.
    Reconnecting puts the receiver last: called again by the middleware, once every app
    has connected its own."""
    transitioned.disconnect(dispatch_uid="pagecache_transitioned_last")
    transitioned.connect(_bump, dispatch_uid="pagecache_transitioned_last", weak=False)
