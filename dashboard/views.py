"""The leadership dashboard (Bảng điều hành): thin views over ``tables`` and ``selectors``."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.exports.tables import csv_bytes

from . import selectors, tables
from .permissions import scope_of


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def index(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    scope = scope_of(request.user)
    context = {
        "scope": scope,
        "tables": tables.tables_for(scope),
        "today": timezone.localdate(),
        "since": selectors.window_start(),
        "units": selectors.unit_names(scope.unit_ids) if scope.unit_ids is not None else None,
    }
    return _private(render(request, "dashboard/index.html", context))


def table_csv(request, table):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    scope = scope_of(request.user)
    if table not in tables.SLUGS:
        raise Http404
    found = tables.tables_for(scope, only=table)
    if not found:
        raise PermissionDenied(_("Vai trò của bạn không được xem bảng số liệu này."))
    t = found[0]
    response = HttpResponse(csv_bytes(t.rows, header=t.header), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="{t.slug}-{stamp}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)
