"""Downloads of a release and of an indicator's series: CSV, XLSX, JSON, iCalendar.
Each function takes what the selectors computed and returns bytes; the files themselves are
made by ``portal.exports`` (formula safety, BOM, write-only XLSX, icalendar).

Open data (``docs/open-data.md``, ``/thong-ke/du-lieu-mo/``): the CSV and the first XLSX
sheet are tidy — one row per indicator × period, machine column names (``TIDY_COLUMNS``),
no title or sector rows; the styled table stays as a later XLSX sheet. The JSON follows
``JSON_SCHEMA``. Every file carries the changes (computed or stated), the status and the
corrections (old → new, date, reason).
"""

from __future__ import annotations

import json
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill

from portal.core.formatting import format_number
from portal.core.i18n import current_language
from portal.exports import BOLD, CalendarEvent, XlsxBook, calendar_bytes, csv_bytes, event_uid

from .selectors import Amendment, SectorTable, plain_number, shown_decimals

RELEASE_WIDTHS = (24, 26, 60, 18, 10, 16, 24, 24, 50)
DEFINITION_WIDTHS = (26, 60, 18, 80, 30)
SECTOR_FILL = PatternFill("solid", fgColor="DDE7F0")
SCHEMA_VERSION = "2"

LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.vi",
    "text_vi": "Dữ liệu được sử dụng tự do, kể cả cho mục đích thương mại, với điều kiện ghi rõ nguồn: "
    "“Bộ Thông tin và Truyền thông” và địa chỉ kỳ công bố.",
    "text_en": "Free to use, including commercially, provided the source is credited: "
    "“Ministry of Information and Communications” and the release's address.",
}

# One row per indicator × period.
TIDY_COLUMNS = [
    "period",
    "sector_code",
    "sector",
    "indicator_code",
    "indicator",
    "parent_code",
    "unit",
    "kind",
    "value",
    "change_prev_month",
    "change_prev_month_unit",
    "change_prev_month_stated",
    "base_prev_month",
    "change_same_period",
    "change_same_period_unit",
    "change_same_period_stated",
    "base_same_period",
    "status",
    "corrections",
    "note",
]


def filename(release, ext: str) -> str:
    return f"thong-ke-{release.year:04d}-{release.month:02d}.{ext}"


def licence_line(language: str | None = None) -> str:
    language = language or current_language()
    text = LICENCE["text_en"] if language == "en" else LICENCE["text_vi"]
    return f"{LICENCE['name']} ({LICENCE['url']}): {text}"


def citation(release, url: str, language: str | None = None) -> str:
    """ "Bộ Thông tin và Truyền thông (2022). Tổng quan … tháng 01/2022. https://…/thong-ke/2022-01/" """
    language = language or current_language()
    author = "Ministry of Information and Communications" if language == "en" else "Bộ Thông tin và Truyền thông"
    year = release.publish_at.year if release.publish_at else release.year
    return f"{author} ({year}). {release}. {url}"


def _change_cells(change) -> list:
    if change is None:
        return ["", "", "", ""]
    d = change.as_dict()
    return [d["amount"], d["unit"], "true" if d["stated"] else "false", d["base_value"] or ""]


def _amendment_text(items: list[Amendment], language: str) -> str:
    return " | ".join(
        f"{a.number}: {plain_number(a.old) or '—'} → {plain_number(a.new) or '—'} "
        f"({timezone.localtime(a.date):%Y-%m-%d}; {a.reason})"
        for a in items
    )


def tidy_rows(*, release, tables: list[SectorTable], status: str):
    language = current_language()
    for table in tables:
        for row in table.rows:
            yield (
                [release.period, table.code, table.name, row.code, row.name, row.parent_code or "", row.unit, row.kind]
                + [plain_number(row.value)]
                + _change_cells(row.mom)
                + _change_cells(row.yoy)
                + [status, _amendment_text(row.corrected, language), row.note]
            )


def release_csv(*, release, tables: list[SectorTable], status: str) -> bytes:
    return csv_bytes(tidy_rows(release=release, tables=tables, status=status), header=TIDY_COLUMNS)


def _number_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _styled_headers() -> list[str]:
    return [
        _("Lĩnh vực"),
        _("Mã chỉ tiêu"),
        _("Tên chỉ tiêu"),
        _("Đơn vị tính"),
        _("Kỳ"),
        _("Giá trị"),
        _("So với tháng trước"),
        _("So với cùng kỳ năm trước"),
        _("Ghi chú"),
    ]


def _change_words(change, language: str) -> str:
    if change is None:
        return ""
    words = change.words(language)
    return f"{words} ({_('theo báo cáo')})" if change.stated else words


def release_xlsx(*, release, tables: list[SectorTable], status: str, amendments: list[Amendment], url: str) -> bytes:
    language = current_language()
    book = XlsxBook()
    data = book.sheet(_("Dữ liệu"), freeze="A2")
    data.append(TIDY_COLUMNS, font=BOLD)
    value_col = TIDY_COLUMNS.index("value")
    rows = [r for t in tables for r in t.rows]
    for row, cells in zip(rows, tidy_rows(release=release, tables=tables, status=status), strict=True):
        cells[value_col] = data.cell(row.value, number_format=_number_format(shown_decimals(row.value, row.decimals)))
        data.append(cells)
    sheet = book.sheet(_("Bảng trình bày"), widths=RELEASE_WIDTHS, freeze="A3")
    sheet.append([str(release)], font=Font(bold=True, size=13))
    sheet.append(_styled_headers(), font=BOLD)
    for table in tables:
        sheet.append(
            [sheet.cell(table.name, font=BOLD, fill=SECTOR_FILL)]
            + [sheet.cell(None, fill=SECTOR_FILL) for _col in range(len(RELEASE_WIDTHS) - 1)]
        )
        for row in table.rows:
            sheet.append(
                [
                    table.name,
                    row.code,
                    ("  " if row.depth else "") + row.name + (" *" if row.corrected else ""),
                    row.unit,
                    release.period,
                    sheet.cell(row.value, number_format=_number_format(shown_decimals(row.value, row.decimals))),
                    _change_words(row.mom, language),
                    _change_words(row.yoy, language),
                    row.note,
                ],
                outline_level=1,
            )
    defs = book.sheet(_("Định nghĩa"), widths=DEFINITION_WIDTHS)
    defs.append(
        [_("Mã chỉ tiêu"), _("Tên chỉ tiêu"), _("Đơn vị tính"), _("Định nghĩa"), _("Đơn vị cung cấp")], font=BOLD
    )
    for table in tables:
        for row in table.rows:
            defs.append([row.code, row.name, row.unit, row.definition, row.source_unit])
    fixes = book.sheet(_("Đính chính"), widths=(10, 14, 26, 16, 16, 60))
    fixes.append(["number", "date", "indicator_code", "old", "new", "reason"], font=BOLD)
    for a in amendments:
        fixes.append(
            [a.number, f"{timezone.localtime(a.date):%Y-%m-%d}", a.code, plain_number(a.old), plain_number(a.new),
             a.reason]
        )  # fmt: skip
    about = book.sheet(_("Giới thiệu"), widths=(120,))
    for line in (str(release), citation(release, url), licence_line(language)):
        about.append([line])
    return book.to_bytes()


def _num(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def release_data(
    *, release, tables, corrections, amendments: list[Amendment], url: str, status: tuple[str, str],
    version: int | None = None, schema_url: str = "", next_release=None,
) -> dict:  # fmt: skip
    """The release as the JSON download holds it (``JSON_SCHEMA``)."""
    language = current_language()
    by_number: dict[int, list] = {}
    for a in amendments:
        by_number.setdefault(a.number, []).append(
            {"indicator_code": a.code, "old": plain_number(a.old) or None, "new": plain_number(a.new) or None}
        )
    return {
        "$schema": schema_url,
        "schema_version": SCHEMA_VERSION,
        "title": str(release),
        "period": release.period,
        "year": release.year,
        "month": release.month,
        "status": status[0],
        "status_label": str(status[1]),
        "published_at": release.publish_at.isoformat() if release.publish_at else None,
        "next_release_at": next_release.isoformat() if next_release else None,
        "url": url,
        "version": version,
        "generated_at": timezone.now().isoformat(),
        "summary": (release.summary_en or release.summary) if language == "en" else release.summary,
        "citation": citation(release, url, language),
        "licence": {"name": LICENCE["name"], "url": LICENCE["url"], "text": licence_line(language)},
        "contact": {"unit": release.contact_unit, "phone": release.contact_phone, "email": release.contact_email},
        "links": {"meeting": release.meeting_url or None, "article": release.article_url or None},
        "corrections": [
            {
                "number": c.number,
                "date": c.applied_at.isoformat(),
                "note": c.note_en if language == "en" and c.note_en else c.note,
                "note_vi": c.note,
                "changes": by_number.get(c.number, []),
            }
            for c in corrections
        ],
        "sectors": [
            {
                "code": t.code,
                "name": t.name,
                "indicators": [
                    {
                        "code": r.code,
                        "name": r.name,
                        "unit": r.unit,
                        "kind": r.kind,
                        "value": _num(r.value),
                        "value_text": plain_number(r.value),
                        "value_display": r.value_display,
                        "changes": {
                            "prev_month": r.mom.as_dict() if r.mom else None,
                            "same_period": r.yoy.as_dict() if r.yoy else None,
                        },
                        "note": r.note,
                        "parent": r.parent_code,
                        "corrected": [
                            {"number": a.number, "old": plain_number(a.old) or None, "new": plain_number(a.new) or None}
                            for a in r.corrected
                        ],  # fmt: skip
                    }
                    for r in t.rows
                ],
            }
            for t in tables
        ],
    }


def release_json(**kwargs) -> bytes:
    return json.dumps(release_data(**kwargs), ensure_ascii=False, indent=2).encode("utf-8")


def series_csv(*, indicator, name: str, unit: str, points) -> bytes:
    header = ["period", "indicator_code", "indicator", "unit", "value",
              "change_prev_month", "change_prev_month_unit", "change_prev_month_stated", "base_prev_month",
              "change_same_period", "change_same_period_unit", "change_same_period_stated", "base_same_period"]  # fmt: skip
    rows = (
        [p.period, indicator.code, name, unit, plain_number(p.value)] + _change_cells(p.mom) + _change_cells(p.yoy)
        for p in points
    )
    return csv_bytes(rows, header=header)


BULK_COLUMNS = ["period", "sector_code", "indicator_code", "indicator", "unit", "kind", "value", "note"]


def bulk_csv(rows) -> bytes:
    """Every published figure of every series: (period, sector, code, name, unit, kind, value, note)."""
    return csv_bytes(rows, header=BULK_COLUMNS)


def calendar_ics(*, entries, base_url: str) -> bytes:
    """The release calendar: one event per announced or published release, at its release
    time; a moved date raises the event's SEQUENCE, a cancelled one stays as CANCELLED.
    ``base_url`` is the statistics index ("https://…/thong-ke/")."""
    events = []
    for e in entries:
        period = f"{e['year']:04d}-{e['month']:02d}"
        summary = _("Công bố số liệu thống kê tháng %(p)s") % {"p": e["period_label"]}
        uid = event_uid(f"thong-ke-{period}")
        # Published: the release page; not yet: the calendar on the index (no 404).
        url = f"{base_url}{period}/" if e.get("published", True) else f"{base_url}#lich-cong-bo"
        events.append(
            CalendarEvent(
                uid,
                e["at"],
                summary,
                url=url,
                description=e.get("note") or "",
                sequence=e.get("sequence", 0),
                status="CANCELLED" if e.get("cancelled") else "CONFIRMED",
            )
        )
    return calendar_bytes(
        events=events, name=_("Lịch công bố số liệu thống kê ngành TT&TT"), feed="Lich cong bo thong ke"
    )


def format_value(value, decimals: int, language: str) -> str:
    return format_number(value, shown_decimals(value, decimals), language)


_CHANGE = {
    "type": ["object", "null"],
    "description": "A change against a base (stats/changes.py). Null: nothing to compare with.",
    "required": ["base", "amount", "unit", "direction", "stated"],
    "properties": {
        "base": {"enum": ["prev_month", "same_period"]},
        "amount": {"type": "string", "description": 'Signed, dot decimals: "-9.29".'},
        "unit": {
            "enum": ["%", "pp", "count"],
            "description": "%: percent (money, volumes); pp: percentage points (rates, shares); "
            "count: in the indicator's unit (counts).",
        },
        "direction": {"enum": ["up", "down", "unchanged"]},
        "stated": {"type": "boolean", "description": 'true: stated by the source ("theo báo cáo"), not computed.'},
        "percent": {"type": ["string", "null"], "description": "For counts: the percentage change beside it."},
        "base_value": {"type": ["string", "null"], "description": "The figure compared with, when known."},
        "text_vi": {"type": "string"},
        "text_en": {"type": "string"},
    },
}

JSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Release of the monthly ICT sector statistics (Bộ Thông tin và Truyền thông)",
    "type": "object",
    "required": ["schema_version", "title", "period", "status", "url", "licence", "sectors", "corrections"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "schema_version": {"const": SCHEMA_VERSION},
        "title": {"type": "string"},
        "period": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "status": {"enum": ["official", "provisional", "revised"]},
        "status_label": {"type": "string"},
        "published_at": {"type": ["string", "null"], "format": "date-time"},
        "next_release_at": {"type": ["string", "null"], "format": "date-time"},
        "url": {"type": "string", "format": "uri", "description": "Permanent address of the release."},
        "version": {"type": ["integer", "null"], "description": "N: the version correction N replaced; null: current."},
        "generated_at": {"type": "string", "format": "date-time"},
        "summary": {"type": "string"},
        "citation": {"type": "string"},
        "licence": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "url": {"type": "string"}, "text": {"type": "string"}},
        },  # fmt: skip
        "contact": {
            "type": "object",
            "properties": {"unit": {"type": "string"}, "phone": {"type": "string"}, "email": {"type": "string"}},
        },  # fmt: skip
        "links": {
            "type": "object",
            "properties": {"meeting": {"type": ["string", "null"]}, "article": {"type": ["string", "null"]}},
        },  # fmt: skip
        "corrections": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["number", "date", "note", "changes"],
                "properties": {
                    "number": {"type": "integer"},
                    "date": {"type": "string", "format": "date-time"},
                    "note": {"type": "string", "description": "The reason, as the ministry wrote it."},
                    "changes": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "indicator_code": {"type": "string"},
                                "old": {"type": ["string", "null"]},
                                "new": {"type": ["string", "null"]},
                            },
                        },
                    },  # fmt: skip
                },
            },
        },
        "sectors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "name", "indicators"],
                "properties": {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "indicators": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["code", "name", "unit", "kind", "value", "value_text", "changes"],
                            "properties": {
                                "code": {"type": "string"},
                                "name": {"type": "string"},
                                "unit": {"type": "string"},
                                "kind": {"enum": ["count", "rate", "amount"]},
                                "value": {"type": ["number", "null"]},
                                "value_text": {"type": "string", "description": "Exact, dot decimals."},
                                "value_display": {"type": "string", "description": "As the page shows it."},
                                "changes": {
                                    "type": "object",
                                    "properties": {"prev_month": _CHANGE, "same_period": _CHANGE},
                                },  # fmt: skip
                                "note": {"type": "string"},
                                "parent": {"type": ["string", "null"]},
                                "corrected": {"type": "array", "items": {"type": "object"}},
                            },
                        },
                    },
                },
            },
        },
    },
}
