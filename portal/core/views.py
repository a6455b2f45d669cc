"""Site-wide pages: home, health check, robots.txt, the visit beacon, error pages."""

import secrets
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from . import counters, limits
from . import home as home_registry
from .models import WebsiteLink
from .storage import out_of_space

VISITOR_COOKIE = "vid"


def home(request):
    context = {
        "sections": home_registry.sections(request),
        "links": list(WebsiteLink.objects.filter(is_active=True)),
        "visit_counts": counters.visit_counts(),
    }
    return render(request, "home.html", context)


@require_GET
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tim-kiem/",
        "Disallow: /en/tim-kiem/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


VISITOR_SALT = "portal.core.visitor"


def visitor_id(request) -> str | None:
    """The browser's visitor id from its signed cookie; None for a new browser, or for a
    cookie the portal did not write (a script inventing one escapes no limit)."""
    return request.get_signed_cookie(VISITOR_COOKIE, default=None, salt=VISITOR_SALT)


@csrf_exempt
@require_POST
@never_cache
@ratelimit(group="core.visit", key="ip", rate=limits.visit_rate, block=False)
@ratelimit(group="core.visit-new", key="ip", rate=limits.new_visitor_rate, block=False)
def visit_beacon(request):
    """Counts a visit (a browser's first beacon in 30 minutes) and, with ``article``, a
    view of that article if the reader may see it (once per browser and 30 minutes);
    answers the current counts and, under ``item``, the article's fresh rating total.
    Past the limits of the reader's address (portal/core/limits.py) it counts nothing."""
    article_id = request.POST.get("article", "")
    item_id = int(article_id) if article_id.isdigit() and len(article_id) < 19 else None
    if request.limited:
        data = dict(counters.visit_counts())
        item = counters.readable_fields(user=request.user, item_id=item_id) if item_id is not None else None
        if item:
            data["item"] = item
        return JsonResponse(data)
    visitor = visitor_id(request) or secrets.token_hex(16)
    new_visit = counters.first_visit_in_window(visitor)
    counters.record_visit(visitor=visitor, new_visit=new_visit)
    data = dict(counters.visit_counts(fresh=True))
    if item_id is not None:
        item = counters.record_view(user=request.user, visitor=visitor, item_id=item_id)
        if item:
            data["item"] = item
    response = JsonResponse(data)
    secure = settings.SESSION_COOKIE_SECURE
    response.set_signed_cookie(
        VISITOR_COOKIE,
        visitor,
        salt=VISITOR_SALT,
        max_age=365 * 86400,
        httponly=True,
        samesite="Lax",
        secure=secure,
    )
    return response


def permission_denied(request, exception=None):
    """A refusal says why, in the reader's language: the reason the workflow gave (the
    exception's message), on an admin page for the admin and a site page elsewhere."""
    from django.utils.translation import gettext as _

    reason = str(exception or "") or _("Bạn không có quyền thực hiện thao tác này hoặc xem trang này.")
    if request.path.startswith("/admin/"):
        from django.contrib import admin

        context = {**admin.site.each_context(request), "title": _("Không được phép"), "reason": reason}
        return render(request, "admin/editorial/refused.html", context, status=403)
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page; 503 while the database cannot be reached (restarting, failing over): the
    page says it is temporary and that a form just sent was not saved (the request's
    transaction never committed); 507 when the media disk is full (portal/core/storage.py). Rendered without context processors, which would need the
    database; the next request reconnects (``CONN_HEALTH_CHECKS``)."""
    if isinstance(sys.exc_info()[1], InterfaceError | OperationalError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "10"
        response["Cache-Control"] = "no-store"
        return response
    if out_of_space(sys.exc_info()[1]):
        return HttpResponse(loader.render_to_string("507.html"), status=507)
    return render(request, "500.html", status=500)
