"""Public statistics pages and downloads. Each page runs a fixed number of queries;
releases under embargo (release time in the future) are invisible here."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from . import charts, exports, selectors
from .models import Release

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
    "pdf": "application/pdf",
    "ics": "text/calendar; charset=utf-8",
}


def _download(body: bytes, fmt: str, name: str, private: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def index(request):
    latest = selectors.latest_release(request.user)
    context = {
        "latest": latest,
        "tables": selectors.release_table(release=latest, user=request.user) if latest else [],
        "archive": selectors.archive(request.user),
        "upcoming": selectors.upcoming_releases(),
    }
    return render(request, "stats/index.html", context)


def _release_or_404(request, year: int, month: int) -> Release:
    release = selectors.release_for_period(request.user, year, month)
    if release is None:
        raise Http404(_("Không tìm thấy kỳ công bố số liệu."))
    return release


def _version(request, release, corrections):
    """``?ban=N``: the version that correction N replaced (1 = as first published)."""
    raw = request.GET.get("ban")
    if not raw:
        return None, None
    try:
        number = int(raw)
    except ValueError as exc:
        raise Http404 from exc
    for c in corrections:
        if c.number == number:
            return number, c.superseded
    raise Http404(_("Không có phiên bản này."))


def _context(request, release, *, preview=False, pending=None, version=None, snapshot=None, corrections=None):
    pending = preview if pending is None else pending
    tables = selectors.release_table(release=release, user=request.user, snapshot=snapshot, pending=pending)
    for t in tables:
        items = [(r.name, r.yoy if r.yoy is not None else r.mom) for r in t.rows]
        items = [(label, v) for label, v in items if v is not None]
        t.chart = charts.change_bars(
            chart_id=f"bieu-do-{t.code}",
            title=_("Thay đổi (%%) so với cùng kỳ năm trước, hoặc so với tháng trước khi chưa có cùng kỳ: %(s)s")
            % {"s": t.name},
            items=items,
        )
    return {
        "release": release,
        "tables": tables,
        "corrections": corrections if corrections is not None else selectors.corrections_of(release),
        "preview": preview,
        "version": version,
        "downloads": [
            (fmt, label, reverse(f"stats:release_{fmt}", args=[release.year, release.month]))
            for fmt, label in (("csv", "CSV"), ("xlsx", "XLSX (Excel)"), ("pdf", "PDF"), ("json", "JSON"))
        ],
    }


def render_release(request, item: Release, preview: bool = False, pending: bool | None = None):
    """The release page (also the admin preview, which shows the change awaiting approval
    unless ``pending=False``: the pre-release list sees the approved release)."""
    corrections = selectors.corrections_of(item)
    version, snapshot = (None, None) if preview else _version(request, item, corrections)
    context = _context(
        request, item, preview=preview, pending=pending, version=version, snapshot=snapshot, corrections=corrections
    )
    response = render(request, "stats/release.html", context)
    if preview or item.is_internal:
        response["Cache-Control"] = "private, no-store"
    return response


def release_page(request, year: int, month: int):
    return render_release(request, _release_or_404(request, year, month))


def release_download(request, year: int, month: int, fmt: str):
    release = _release_or_404(request, year, month)
    corrections = selectors.corrections_of(release)
    version, snapshot = _version(request, release, corrections)
    name = exports.filename(release, fmt)
    if version:
        name = name.replace(f".{fmt}", f"-ban-{version}.{fmt}")
    private = release.is_internal
    if fmt == "pdf":
        context = _context(request, release, version=version, snapshot=snapshot, corrections=corrections)
        context["pdf"] = True
        html = render_to_string("stats/release_pdf.html", context, request=request)
        from weasyprint import HTML

        body = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        return _download(body, fmt, name, private)
    tables = selectors.release_table(release=release, user=request.user, snapshot=snapshot)
    if fmt == "csv":
        body = exports.release_csv(release=release, tables=tables)
    elif fmt == "xlsx":
        body = exports.release_xlsx(release=release, tables=tables)
    else:
        body = exports.release_json(
            release=release,
            tables=tables,
            corrections=corrections,
            url=request.build_absolute_uri(release.get_absolute_url()),
            version=version,
        )
    return _download(body, fmt, name, private)


def _indicator_or_404(code: str):
    indicator = selectors.indicator_by_code(code)
    if indicator is None:
        raise Http404(_("Không tìm thấy chỉ tiêu."))
    return indicator


def indicator_page(request, code: str):
    indicator = _indicator_or_404(code)
    points = selectors.indicator_series(indicator=indicator, user=request.user)
    name = selectors.localized(indicator, "name")
    unit = selectors.localized(indicator, "unit")
    chart = charts.series_line(
        chart_id="bieu-do-chi-so",
        title=_("Diễn biến %(name)s theo tháng (%(unit)s)") % {"name": name, "unit": unit},
        points=points,
        unit=unit,
    )
    context = {
        "indicator": indicator,
        "name": name,
        "unit": unit,
        "definition": selectors.localized(indicator, "definition"),
        "sector_name": selectors.localized(indicator.sector, "name"),
        "points": list(reversed(points)),
        "chart": chart,
    }
    return render(request, "stats/indicator.html", context)


def indicator_csv(request, code: str):
    indicator = _indicator_or_404(code)
    points = selectors.indicator_series(indicator=indicator, user=request.user)
    body = exports.series_csv(
        indicator=indicator,
        name=selectors.localized(indicator, "name"),
        unit=selectors.localized(indicator, "unit"),
        points=points,
    )
    return _download(body, "csv", f"chi-so-{indicator.code}.csv")


def calendar_ics(request):
    body = exports.calendar_ics(
        entries=selectors.upcoming_releases(), base_url=request.build_absolute_uri(reverse("stats:index"))
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES["ics"])
    response["Content-Disposition"] = 'inline; filename="lich-cong-bo-thong-ke.ics"'
    return response
