"""The two page-cache middlewares.

``PageCacheMiddleware`` goes right after WhiteNoise: it answers anonymous readers (no
session cookie) before sessions, locale and URL resolving run. ``StaffPageCacheMiddleware``
goes right after ``AuthenticationMiddleware``: it answers signed-in staff, for views marked
``@shared_by_staff``.

A request may be answered from the cache if it is a GET or HEAD without pending messages,
outside ``PAGE_CACHE_EXCLUDE``. A response is stored if it answers a GET with status 200,
301 or 404 and sets no cookie (a page with a CSRF token sets one: never stored); for
anonymous readers it must not say ``private``, ``no-store`` or ``no-cache``. The key holds
the generation, the audience, the scheme, the host, the language and the path with its
query string. Responses say ``X-Page-Cache: hit`` or ``miss``; hits carry an ETag.
"""

from __future__ import annotations

import hashlib
import logging
import math

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone

from . import invalidation, schedule
from .generation import enabled, generation, local, shared

logger = logging.getLogger(__name__)

CACHEABLE_STATUS = {200, 301, 404}
DEFAULT_EXCLUDE = ("/admin/", "/dem-truy-cap/", "/healthz", "/i18n/", "/static/", "/media/")
UNCACHEABLE = ("private", "no-store", "no-cache")
NOT_STORED_HEADERS = {"content-length", "set-cookie", "x-page-cache"}
PUBLIC, STAFF = "public", "staff"


def _eligible(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if any(request.COOKIES.get(name) for name in getattr(settings, "PAGE_CACHE_BYPASS_COOKIES", ("messages",))):
        return False
    path = request.path_info
    return not path.startswith(tuple(getattr(settings, "PAGE_CACHE_EXCLUDE", DEFAULT_EXCLUDE)))


def _language(path: str) -> str:
    """The language the path selects (i18n_patterns, no prefix for the default one)."""
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE and (path.startswith(f"/{code}/") or path == f"/{code}"):
            return code
    return settings.LANGUAGE_CODE


def _key(request, token: str, audience: str) -> str:
    """From the raw request: an invalid Host gets a 400, never stored."""
    meta = request.META
    path = meta.get("PATH_INFO", "/")
    host = meta.get("HTTP_HOST") or meta.get("SERVER_NAME", "")
    raw = "\n".join((audience, request.scheme, host, _language(path), path, meta.get("QUERY_STRING", "")))
    return f"pagecache:page:{token}:" + hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()


def _storable(request, response, audience: str) -> bool:
    if request.method != "GET" or response.status_code not in CACHEABLE_STATUS or response.streaming:
        return False
    if response.cookies:
        return False
    if audience == STAFF:
        return getattr(response, "shared_by_staff", False)
    cache_control = response.get("Cache-Control", "").lower()
    return not any(directive in cache_control for directive in UNCACHEABLE)


def serve(request, get_response, audience: str):
    """The cached page for ``request`` (stored by its first reader), or the view's."""
    try:
        token = generation()
        key = _key(request, token, audience)
        entry = local().get(key)
        if entry is None and local() is not shared():
            entry = shared().get(key)
            if entry is not None:
                local().set(key, entry, max(1, math.ceil((entry["expires"] - timezone.now()).total_seconds())))
    except Exception:  # a cache outage degrades to rendering, never to an error
        logger.exception("page cache: read failed")
        return get_response(request)
    now = timezone.now()
    if entry is not None and entry["expires"] > now:
        return _answer(request, entry)
    response = get_response(request)
    if _storable(request, response, audience):
        try:
            _store(response, key, token, now)
        except Exception:
            logger.exception("page cache: could not store %s", request.path)
    if not response.has_header("X-Page-Cache"):
        response["X-Page-Cache"] = "miss"
    return response


def _store(response, key: str, token: str, now) -> None:
    expires = schedule.expiry(token, now)
    timeout = math.ceil((expires - now).total_seconds())
    if timeout < 1:
        return
    body = response.content
    headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED_HEADERS]
    if not response.has_header("ETag"):
        headers.append(("ETag", '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'))
    entry = {"status": response.status_code, "headers": headers, "body": body, "expires": expires}
    shared().set(key, entry, timeout)
    if local() is not shared():
        local().set(key, entry, timeout)


def _answer(request, entry) -> HttpResponse:
    headers = dict(entry["headers"])
    etag = headers.get("ETag")
    if etag and etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        response["ETag"] = etag
    else:
        body = entry["body"]
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(body))
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    """Anonymous readers (no session cookie, so not signed in)."""

    def __init__(self, get_response):
        self.get_response = get_response
        invalidation.bump_after_other_receivers()  # every app has connected its receivers

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES or not _eligible(request) or not enabled():
            return self.get_response(request)
        return serve(request, self.get_response, PUBLIC)


class StaffPageCacheMiddleware:
    """Signed-in staff (``may_see_internal``), for views marked ``@shared_by_staff``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from portal.editorial.permissions import may_see_internal

        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and _eligible(request)
            and enabled()
            and may_see_internal(request.user)
        ):
            return serve(request, self.get_response, STAFF)
        return self.get_response(request)
