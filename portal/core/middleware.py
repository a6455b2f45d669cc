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
import os
import re
import threading
from collections import OrderedDict

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CsrfViewMiddleware
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from . import cache as page_cache

logger = logging.getLogger(__name__)

CACHEABLE_STATUS = {200, 301, 404}
DEFAULT_EXCLUDE = ("/admin/", "/dem-truy-cap/", "/healthz", "/i18n/", "/static/", "/media/")
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
_TOKEN_RE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
# Headers rebuilt on each hit rather than stored.
_SKIP_HEADERS = {"content-length", "set-cookie", "x-page-cache"}


# os.urandom mapped onto Django's CSRF alphabet (62 characters; 8 of them slightly more
# likely: about 5.95 bits per character, 190 bits per secret). Django's get_random_string
# draws each character separately and costs more than the rest of a cache hit.
_ALPHABET_TABLE = bytes.maketrans(bytes(range(256)), (CSRF_ALLOWED_CHARS * 5)[:256].encode())
_INDEX = {c: i for i, c in enumerate(CSRF_ALLOWED_CHARS)}


def _random_string(length: int) -> str:
    return os.urandom(length).translate(_ALPHABET_TABLE).decode()


def _mask(secret: str) -> str:
    """A masked CSRF token for ``secret`` (Django's format: mask + cipher)."""
    mask = _random_string(CSRF_SECRET_LENGTH)
    chars = CSRF_ALLOWED_CHARS
    index = _INDEX
    return mask + "".join(chars[(index[x] + index[y]) % 62] for x, y in zip(secret, mask, strict=True))


def _unmask(token: str) -> str:
    """The CSRF secret inside a masked token (Django's masking, public algorithm)."""
    mask, cipher = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    chars = CSRF_ALLOWED_CHARS
    return "".join(chars[chars.index(x) - chars.index(y)] for x, y in zip(cipher, mask, strict=True))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)
        self._conf = None
        self._backend = None
        self._enabled = False
        # Pages this worker served lately, in memory, by their full key (which holds the
        # generation, so an entry is never stale here longer than the generation is).
        self._local: OrderedDict[str, dict] = OrderedDict()
        self._local_bytes = 0
        self._lock = threading.Lock()
        # "/en/" → "en" for every language but the default (i18n_patterns without a prefix
        # for the default language: the path alone decides the language).
        page_cache.move_late_receiver_last()
        self._prefixes = tuple((f"/{code}/", code) for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE)

    def _cache(self):
        conf = settings.CACHES
        if conf is not self._conf:
            self._backend = page_cache.cache_backend()
            self._enabled = page_cache.is_shared_backend(self._backend)
            self._conf = conf
            self._forget_all()
        return self._backend

    # -- the worker's own memory ---------------------------------------------------------
    def _remember(self, key: str, entry: dict) -> None:
        budget = int(getattr(settings, "PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024))
        size = len(entry["body"]) + 1024
        if size > budget // 4:
            return
        with self._lock:
            old = self._local.pop(key, None)
            if old is not None:
                self._local_bytes -= len(old["body"]) + 1024
            self._local[key] = entry
            self._local_bytes += size
            while self._local_bytes > budget and self._local:
                _, dropped = self._local.popitem(last=False)
                self._local_bytes -= len(dropped["body"]) + 1024

    def _recall(self, key: str) -> dict | None:
        with self._lock:
            entry = self._local.get(key)
            if entry is not None:
                self._local.move_to_end(key)
            return entry

    def _forget_all(self) -> None:
        with self._lock:
            self._local.clear()
            self._local_bytes = 0

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

    def _key(self, request, token: str) -> str:
        """From the raw request: an invalid Host never gets an entry (Django answers it 400,
        which is not stored), so the hit path need not validate it again."""
        meta = request.META
        path = meta.get("PATH_INFO", "/")
        language = settings.LANGUAGE_CODE
        for prefix, code in self._prefixes:
            if path.startswith(prefix) or path == prefix[:-1]:
                language = code
                break
        raw = "\n".join(
            (
                request.scheme,
                meta.get("HTTP_HOST") or meta.get("SERVER_NAME", ""),
                language,
                path,
                meta.get("QUERY_STRING", ""),
            )
        ).encode()
        digest = hashlib.blake2b(raw, digest_size=20).hexdigest()
        return page_cache.PAGE_KEY.format(generation=token, digest=digest)

    def __call__(self, request):
        if request.path_info.startswith(settings.MEDIA_URL):
            return self._media(request, self.get_response(request))
        if not settings.PAGE_CACHE or not self._eligible(request):
            return self.get_response(request)
        try:
            backend = self._cache()
            if not self._enabled:
                return self.get_response(request)
            token = page_cache.current_generation(backend)
            key = self._key(request, token)
            entry = self._recall(key)
            if entry is None:
                entry = backend.get(key)
                if entry is not None:
                    self._remember(key, entry)
        except Exception:  # a cache outage degrades to rendering, never to an error
            logger.exception("page cache: read failed")
            return self.get_response(request)
        now = timezone.now()
        if entry is not None and entry["expires"] > now:
            return self._from_entry(request, entry)
        response = self.get_response(request)
        if request.method == "GET" and self._storable(request, response):
            try:
                self._store(request, response, backend, key, token, now)
            except Exception:
                logger.exception("page cache: could not store %s", request.path)
        if not response.has_header("X-Page-Cache"):
            response["X-Page-Cache"] = "miss"
        return response

    # -- uploads served by Django (no nginx in front) ----------------------------------
    def _media(self, request, response):
        """Images and downloads under MEDIA_URL: a validator (ETag from the file's time and
        size; Django's ``serve`` already sends Last-Modified and answers If-Modified-Since)
        and a month of public caching (uploads are never changed in place)."""
        if response.status_code != 200:
            return response
        modified, length = response.get("Last-Modified"), response.get("Content-Length")
        if modified and length and not response.has_header("ETag"):
            etag = 'W/"' + hashlib.blake2b(f"{modified}|{length}".encode(), digest_size=8).hexdigest() + '"'
            if etag in request.headers.get("If-None-Match", ""):
                close = getattr(response, "close", None)
                if close:
                    close()
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = etag
                return not_modified
            response["ETag"] = etag
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = f"public, max-age={int(getattr(settings, 'MEDIA_MAX_AGE', 30 * 86400))}"
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
        if secret and settings.CSRF_USE_SESSIONS:
            return  # the secret lives in the session: such a page is per visitor
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
        self._remember(key, entry)

    # -- answering from the cache ------------------------------------------------------
    def _from_entry(self, request, entry) -> HttpResponse:
        etag = entry.get("etag")
        if etag and not entry["csrf"] and etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            response["X-Page-Cache"] = "hit"
            return response
        body = entry["body"]
        new_secret = None
        if entry["csrf"]:
            secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
            if len(secret) != CSRF_SECRET_LENGTH or not secret.isascii() or not secret.isalnum():
                secret = new_secret = _random_string(CSRF_SECRET_LENGTH)
            parts = body.split(CSRF_PLACEHOLDER)
            body = parts[0] + b"".join(_mask(secret).encode() + part for part in parts[1:])
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(body))
        response["X-Page-Cache"] = "hit"
        if new_secret is not None:
            # As CsrfViewMiddleware would set it, for a visitor who has none yet.
            response.set_cookie(
                settings.CSRF_COOKIE_NAME,
                new_secret,
                max_age=settings.CSRF_COOKIE_AGE,
                domain=settings.CSRF_COOKIE_DOMAIN,
                path=settings.CSRF_COOKIE_PATH,
                secure=settings.CSRF_COOKIE_SECURE,
                httponly=settings.CSRF_COOKIE_HTTPONLY,
                samesite=settings.CSRF_COOKIE_SAMESITE,
            )
            patch_vary_headers(response, ("Cookie",))
        return response
