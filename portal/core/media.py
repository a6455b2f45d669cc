"""Uploads served by Django when no nginx is in front (``SERVE_MEDIA``)."""

from __future__ import annotations

import hashlib
import os

from django.conf import settings
from django.utils._os import safe_join
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition
from django.views.static import serve as static_serve


def _etag(request, path, document_root=None, **kwargs):
    """From the file's modification time and size (uploads are never changed in place)."""
    try:
        stat = os.stat(safe_join(document_root, path))
    except (OSError, ValueError):
        return None
    return hashlib.blake2b(f"{stat.st_mtime_ns}|{stat.st_size}".encode(), digest_size=8).hexdigest()


# Django's ``serve`` (Last-Modified, If-Modified-Since) with an ETag and a month of public caching.
serve = cache_control(public=True, max_age=getattr(settings, "MEDIA_MAX_AGE", 30 * 86400))(
    condition(etag_func=_etag)(static_serve)
)
