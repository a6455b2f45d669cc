"""Site-wide pages: home, health check, robots.txt, the visit beacon, error pages."""

import secrets

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from . import counters, limits
from . import home as home_registry
from .models import WebsiteLink

VISITOR_COOKIE = "vid"
SESSION_COOKIE = "vs"


def home(request):
    context = {
        "sections": home_registry.sections(request),
        "links": list(WebsiteLink.objects.filter(is_active=True)),
        "counts": counters.visit_counts(),
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


@csrf_exempt
@require_POST
@never_cache
@ratelimit(group="core.visit", key="ip", rate=limits.visit_rate, block=False)
@ratelimit(group="core.visit-new", key="ip", rate=limits.new_visitor_rate, block=False)
def visit_beacon(request):
    """Counts a visit (a browser's first page in 30 minutes) and, with ``article``, a
    view of that article; answers the current counts. Past the limits of the reader's
    address (portal/core/limits.py) it answers the counts and counts nothing."""
    if request.limited:
        return JsonResponse(counters.visit_counts())
    visitor = request.COOKIES.get(VISITOR_COOKIE) or secrets.token_hex(16)
    new_visit = SESSION_COOKIE not in request.COOKIES
    counters.record_visit(visitor=visitor, new_visit=new_visit)
    article_id = request.POST.get("article", "")
    if article_id.isdigit():
        for model in counters.view_counted_models():
            model.objects.filter(pk=int(article_id)).update(view_count=F("view_count") + 1)
    response = JsonResponse(counters.visit_counts(fresh=True))
    secure = settings.SESSION_COOKIE_SECURE
    response.set_cookie(VISITOR_COOKIE, visitor, max_age=365 * 86400, httponly=True, samesite="Lax", secure=secure)
    response.set_cookie(SESSION_COOKIE, "1", max_age=30 * 60, httponly=True, samesite="Lax", secure=secure)
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
    return render(request, "500.html", status=500)
