"""Whole-page cache of anonymous GET responses (see ``portal.core.cache``).

Placed right after WhiteNoise in ``MIDDLEWARE``: a hit is answered before sessions,
locale, authentication and the URL resolver run.

A request may be answered from the cache only if it is a GET or HEAD from a browser
without a session cookie (so it cannot be signed in) and without pending messages, for a
path outside ``PAGE_CACHE_EXCLUDE`` (the admin, the beacon, the health check…).
A response is stored only if it answers such a GET with status 200, 301 or 404, sets no
cookie, and is not ``private``/``no-store``/``no-cache`` (a page made for staff, an
internal item or a preview always says ``private, no-store``, and is never made for a
request without a session anyway).

The one cookie tolerated is the CSRF cookie of a page with a form (the rating form): the
per-visitor tokens are replaced by a placeholder before storing, and every hit gets fresh
tokens (and its own CSRF cookie) from Django's CSRF middleware, so no two visitors share a
CSRF secret.

The key holds the publication generation, the scheme, the host, the language and the full
path with its query string. Each entry keeps its own absolute expiry (at most
``PAGE_CACHE_TIMEOUT`` seconds, never past the next scheduled publish or expiry). The
response says ``X-Page-Cache: hit`` or ``miss``.
"""

from __future__ import annotations

import hashlib
import logging
import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CsrfViewMiddleware, get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path

from . import cache as page_cache

logger = logging.getLogger(__name__)

CACHEABLE_STATUS = {200, 301, 404}
DEFAULT_EXCLUDE = ("/admin/", "/dem-truy-cap/", "/healthz", "/i18n/", "/static/", "/media/")
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
_TOKEN_RE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
# Headers rebuilt on each hit rather than stored.
_SKIP_HEADERS = {"content-length", "set-cookie", "x-page-cache"}


def _unmask(token: str) -> str:
    """The CSRF secret inside a masked token (Django's masking, public algorithm)."""
    mask, cipher = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    chars = CSRF_ALLOWED_CHARS
    return "".join(chars[chars.index(x) - chars.index(y)] for x, y in zip(cipher, mask, strict=True))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    # -- the request side --------------------------------------------------------------
    def _eligible(self, request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies:
            return False
        for name in getattr(settings, "PAGE_CACHE_BYPASS_COOKIES", ("messages",)):
            if cookies.get(name):
                return False
        path = request.path_info
        excluded = getattr(settings, "PAGE_CACHE_EXCLUDE", DEFAULT_EXCLUDE)
        return not any(path.startswith(prefix) for prefix in excluded)

    def _key(self, request, token: str) -> str | None:
        try:
            host = request.get_host()
        except Exception:  # DisallowedHost: let Django answer it, uncached
            return None
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        raw = "\n".join((request.scheme, host, language, request.get_full_path())).encode()
        digest = hashlib.blake2b(raw, digest_size=20).hexdigest()
        return page_cache.PAGE_KEY.format(generation=token, digest=digest)

    def __call__(self, request):
        if not self._eligible(request) or not page_cache.enabled():
            return self.get_response(request)
        backend = page_cache.cache_backend()
        try:
            token = page_cache.generation()
            key = self._key(request, token)
            entry = backend.get(key) if key else None
        except Exception:  # a cache outage degrades to rendering, never to an error
            return self.get_response(request)
        now = timezone.now()
        if entry is not None and entry["expires"] > now:
            return self._from_entry(request, entry)
        response = self.get_response(request)
        if key is not None and request.method == "GET" and self._storable(request, response):
            try:
                self._store(request, response, backend, key, token, now)
            except Exception:
                logger.exception("page cache: could not store %s", request.path)
        if not response.has_header("X-Page-Cache"):
            response["X-Page-Cache"] = "miss"
        return response

    # -- storing -------------------------------------------------------------------------
    def _storable(self, request, response) -> bool:
        if response.status_code not in CACHEABLE_STATUS or response.streaming:
            return False
        if getattr(request, "_page_cache_skip", False):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(d in cache_control for d in _UNCACHEABLE_DIRECTIVES):
            return False
        # Only the CSRF cookie may be set; it is replaced per visitor on every hit.
        return all(name == settings.CSRF_COOKIE_NAME for name in response.cookies)

    def _store(self, request, response, backend, key, token, now) -> None:
        body = response.content
        has_csrf = False
        secret = request.META.get("CSRF_COOKIE")
        if secret:

            def replace(match):
                nonlocal has_csrf
                if _unmask(match.group(0).decode()) == secret:
                    has_csrf = True
                    return CSRF_PLACEHOLDER
                return match.group(0)

            body = _TOKEN_RE.sub(replace, body)
            if secret.encode() in body:  # the raw secret in a page: never share it
                return
        expires = page_cache.page_expiry(token, now)
        timeout = int((expires - now).total_seconds())
        if timeout < 1:
            return
        headers = [(k, v) for k, v in response.items() if k.lower() not in _SKIP_HEADERS]
        etag = None
        if not has_csrf and not response.has_header("ETag"):
            etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
            headers.append(("ETag", etag))
        entry = {
            "status": response.status_code,
            "headers": headers,
            "body": body,
            "csrf": has_csrf,
            "expires": expires,
            "etag": etag or response.get("ETag"),
        }
        backend.set(key, entry, timeout)

    # -- answering from the cache ------------------------------------------------------
    def _from_entry(self, request, entry) -> HttpResponse:
        etag = entry.get("etag")
        if etag and not entry["csrf"] and etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            response["X-Page-Cache"] = "hit"
            return response
        body = entry["body"]
        if entry["csrf"]:
            self.csrf.process_request(request)
            parts = body.split(CSRF_PLACEHOLDER)
            body = parts[0] + b"".join(get_token(request).encode() + part for part in parts[1:])
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(body))
        response["X-Page-Cache"] = "hit"
        if entry["csrf"]:
            self.csrf.process_response(request, response)
            patch_vary_headers(response, ("Cookie",))
        return response
