"""Public statistics pages and downloads. Each page runs a fixed number of queries;
releases under embargo (release time in the future) are invisible here."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.core.i18n import current_language

from . import charts, exports, pdfs, selectors
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
    corrections = corrections if corrections is not None else selectors.corrections_of(release)
    tables = selectors.release_table(release=release, user=request.user, snapshot=snapshot, pending=pending)
    current = {r.code: r.value for t in tables for r in t.rows}
    names = {r.code: r.name for t in tables for r in t.rows}
    amendments = [] if (preview or version) else selectors.amendments(release, corrections, current)
    selectors.mark_amendments(tables, amendments)
    for t in tables:
        items = []
        for r in t.rows:
            pct = [c.percent_change for c in (r.yoy, r.mom) if c is not None and c.percent_change is not None]
            if pct:
                items.append((r.name, pct[0]))
        t.chart = charts.change_bars(
            chart_id=f"bieu-do-{t.code}",
            title=_("Thay đổi (%%) so với cùng kỳ năm trước, hoặc so với tháng trước khi chưa có cùng kỳ: %(s)s")
            % {"s": t.name},
            items=items,
        )
    url = request.build_absolute_uri(release.get_absolute_url())
    status = selectors.release_status(release, corrections)
    language = current_language()
    summary = (release.summary_en or release.summary) if language == "en" else release.summary
    return {
        "release": release,
        "tables": tables,
        "corrections": corrections,
        "amendments": amendments,
        "amendment_rows": [
            {
                "name": names.get(a.code, a.code),
                "code": a.code,
                "number": a.number,
                "old": a.old,
                "new": a.new,
                "date": a.date,
                "reason": a.reason,
            }
            for a in amendments
        ],  # fmt: skip
        "preview": preview,
        "version": version,
        "status": status,
        "summary": summary,
        "next_release": selectors.next_release(release),
        "permalink": url,
        "citation": exports.citation(release, url, language),
        "licence": exports.LICENCE,
        "licence_line": exports.licence_line(language),
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
    context = _context(request, release, version=version, snapshot=snapshot, corrections=corrections)
    if fmt == "pdf":
        context["pdf"] = True
        html = render_to_string("stats/release_pdf.html", context, request=request)
        body = pdfs.pdf_for(html, base_url=request.build_absolute_uri("/"))
        return _download(body, fmt, name, private)
    tables = context["tables"]
    status = context["status"]
    if fmt == "csv":
        body = exports.release_csv(release=release, tables=tables, status=status[0])
    elif fmt == "xlsx":
        body = exports.release_xlsx(
            release=release, tables=tables, status=status[0], amendments=context["amendments"],
            url=context["permalink"],
        )  # fmt: skip
    else:
        body = exports.release_json(
            release=release,
            tables=tables,
            corrections=corrections,
            amendments=context["amendments"],
            url=context["permalink"],
            status=status,
            version=version,
            schema_url=request.build_absolute_uri(reverse("stats:schema_json")),
            next_release=context["next_release"],
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
        "source_unit": indicator.source_unit,
        "sector_name": selectors.localized(indicator.sector, "name"),
        "points": list(reversed(points)),
        "years": _by_year(points),
        "chart": chart,
    }
    return render(request, "stats/indicator.html", context)


def _by_year(points) -> list[dict]:
    """Newest year first, each year's months newest first (the series table, by year)."""
    years: dict[int, list] = {}
    for p in reversed(points):
        years.setdefault(p.year, []).append(p)
    return [{"year": y, "points": ps} for y, ps in years.items()]


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
        entries=selectors.calendar_entries(), base_url=request.build_absolute_uri(reverse("stats:index"))
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES["ics"])
    response["Content-Disposition"] = 'inline; filename="lich-cong-bo-thong-ke.ics"'
    return response


def open_data(request):
    """The open-data page: the JSON schema, the tidy columns, the bulk download, the licence."""
    context = {
        "schema": json.dumps(exports.JSON_SCHEMA, ensure_ascii=False, indent=2),
        "tidy_columns": exports.TIDY_COLUMNS,
        "bulk_columns": exports.BULK_COLUMNS,
        "licence": exports.LICENCE,
        "licence_line": exports.licence_line(),
    }
    return render(request, "stats/open_data.html", context)


def schema_json(request):
    body = json.dumps(exports.JSON_SCHEMA, ensure_ascii=False, indent=2).encode("utf-8")
    response = HttpResponse(body, content_type="application/schema+json; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def bulk_csv(request):
    """Every published figure of every series, one row per indicator × period."""
    body = exports.bulk_csv(selectors.bulk_rows(request.user))
    return _download(body, "csv", "thong-ke-tat-ca-chi-tieu.csv")
