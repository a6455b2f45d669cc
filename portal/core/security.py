"""Security headers and refusals made before a view runs (docs/security.md).

- ``CSPMiddleware``: django-csp's, with the one widening the admin needs: CKEditor 5 injects
  its own style sheet (``<style>`` elements), so admin pages allow inline *styles* (never
  scripts) and ``blob:`` images (the editor's upload previews). Public pages get the strict
  policy of ``settings.CONTENT_SECURITY_POLICY``.
- ``csp_report``: the address browsers send violations to; each is logged on the
  ``portal.csp`` logger, a few per address and minute (django-ratelimit).
- ``SecurityHeadersMiddleware``: ``Permissions-Policy`` (Django's ``SecurityMiddleware``
  already sends HSTS, ``Referrer-Policy``, ``Cross-Origin-Opener-Policy`` and
  ``X-Content-Type-Options``; ``XFrameOptionsMiddleware`` sends ``X-Frame-Options``).
- ``RequestSizeMiddleware``: a ``Content-Length`` above the limit is answered 413 before one
  byte of the body is read.
- ``UndecodableInputMiddleware``: a NUL byte or bytes that are not UTF-8 in the path, the
  query string or a form field are answered 400, in the reader's language.
"""

from __future__ import annotations

import json
import logging
import re
from urllib.parse import unquote_to_bytes

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

logger = logging.getLogger("portal.csp")

ADMIN_PREFIX = "/admin/"
# What the admin adds to the public policy (CKEditor 5: see the module's docstring).
ADMIN_CSP_UPDATE = {"style-src": ["'unsafe-inline'"], "img-src": ["blob:"]}
# The largest report kept in the log, in bytes (a report is a few hundred).
MAX_REPORT_BYTES = 8 * 1024


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            update = dict(parts.update or {})
            for directive, sources in ADMIN_CSP_UPDATE.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts


@csrf_exempt
@require_POST
@never_cache
@ratelimit(group="core.csp-report", key="ip", rate="30/m", block=False)
def csp_report(request):
    """Log one violation report (``application/csp-report`` or the Reporting API's list)
    on ``portal.csp``; answers 204 whatever it was sent."""
    if request.limited:
        return HttpResponse(status=204)
    raw = request.body[:MAX_REPORT_BYTES]
    try:
        data = json.loads(raw.decode("utf-8", errors="replace"))
    except ValueError:
        data = None
    reports = data if isinstance(data, list) else [data]
    for report in reports:
        body = (report.get("csp-report") or report.get("body")) if isinstance(report, dict) else None
        if not isinstance(body, dict):
            logger.warning("CSP report not understood: %r", raw[:300])
            continue
        logger.warning(
            "CSP violation: %s blocked %s on %s (%s:%s)",
            body.get("violated-directive") or body.get("effectiveDirective") or body.get("effective-directive"),
            body.get("blocked-uri") or body.get("blockedURL"),
            body.get("document-uri") or body.get("documentURL"),
            body.get("source-file") or body.get("sourceFile") or "",
            body.get("line-number") or body.get("lineNumber") or "",
        )
    return HttpResponse(status=204)


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` on every response (``settings.PERMISSIONS_POLICY``)."""

    def __init__(self, get_response):
        self.get_response = get_response
        features = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{name}=({' '.join(allow)})" for name, allow in features.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def _refusal(request, *, status: int, title: str, message: str) -> HttpResponse:
    """A small page in the reader's language (from the path: ``/en/…`` is English), made
    without sessions, the database or the URL resolver."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_to_string(
            "security/refused.html",
            {"status": status, "title": translation.gettext(title), "message": translation.gettext(message)},
        )
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "no-store"
    return response


class RequestSizeMiddleware:
    """Refuse a body larger than the limit from its ``Content-Length``, before reading it.

    ``MAX_REQUEST_BYTES`` for requests that carry a session cookie (staff: images, meeting
    documents, spreadsheets), ``MAX_ANONYMOUS_REQUEST_BYTES`` for the rest (readers post
    only a rating, the visit beacon, a language choice or the sign-in form)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        limit = settings.MAX_REQUEST_BYTES if signed_in else settings.MAX_ANONYMOUS_REQUEST_BYTES
        if length > limit:
            # Gunicorn/nginx close the connection rather than drain what was not read.
            response = _refusal(
                request,
                status=413,
                title=gettext_noop("Dữ liệu gửi lên quá lớn"),
                message=gettext_noop("Yêu cầu vượt quá giới hạn dung lượng cho phép. Hãy gửi tệp nhỏ hơn."),
            )
            response["Connection"] = "close"
            return response
        return self.get_response(request)


_REPERCENTED = re.compile(r"%[0-9A-Fa-f]{2}")


def _undecodable(raw: bytes) -> bool:
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _query_undecodable(query: str) -> bool:
    # WSGI gives the query string as latin-1 text of the raw bytes.
    raw = query.encode("latin-1", errors="replace")
    return any(_undecodable(unquote_to_bytes(part.replace(b"+", b" "))) for part in raw.split(b"&"))


class UndecodableInputMiddleware:
    """400 for a NUL byte or bytes that are not UTF-8 in the path, the query string, an
    urlencoded body, or any form field (names, values, file names)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._bad(request):
            return _refusal(
                request,
                status=400,
                title=gettext_noop("Yêu cầu không hợp lệ"),
                message=gettext_noop(
                    "Địa chỉ hoặc dữ liệu gửi lên có ký tự không hợp lệ. Hãy kiểm tra lại và thử lại."
                ),
            )
        return self.get_response(request)

    @staticmethod
    def _bad(request) -> bool:
        # Django has already decoded the path, writing bytes that are not UTF-8 back as
        # %XX (a "%" the reader meant arrives as %25, so a %XX left here is such a byte).
        path = request.path_info
        if "\x00" in path or _REPERCENTED.search(path):
            return True
        if _query_undecodable(request.META.get("QUERY_STRING", "")):
            return True
        if request.method != "POST":
            return False
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("application/x-www-form-urlencoded"):
            # Bounded by DATA_UPLOAD_MAX_MEMORY_SIZE (and RequestSizeMiddleware before it).
            if _query_undecodable(request.body.decode("latin-1")):
                return True
        elif content_type.startswith("multipart/form-data"):
            fields = [*request.POST.lists(), *((k, [f.name for f in v]) for k, v in request.FILES.lists())]
            for key, values in fields:
                for text in (key, *values):
                    if "\x00" in (text or "") or "\ufffd" in (text or ""):
                        return True
        return False
