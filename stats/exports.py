"""Downloads of a release and of an indicator's series: CSV, XLSX, JSON, iCalendar.
Each function takes what the selectors computed and returns bytes."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .selectors import SectorTable, plain_number

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text) -> str:
    """A text cell a spreadsheet could run as a formula gets a leading apostrophe."""
    text = "" if text is None else str(text)
    return "'" + text if text.startswith(FORMULA_START) else text


def filename(release, ext: str) -> str:
    return f"thong-ke-{release.year:04d}-{release.month:02d}.{ext}"


def _headers() -> list[str]:
    return [
        _("Lĩnh vực"),
        _("Mã chỉ tiêu"),
        _("Tên chỉ tiêu"),
        _("Đơn vị tính"),
        _("Kỳ"),
        _("Giá trị"),
        _("Thay đổi so với tháng trước (%)"),
        _("Thay đổi so với cùng kỳ năm trước (%)"),
        _("Ghi chú"),
    ]


def release_csv(*, release, tables: list[SectorTable]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_headers())
    for table in tables:
        for row in table.rows:
            writer.writerow(
                [
                    neutralise(table.name),
                    neutralise(row.code),
                    neutralise(row.name),
                    neutralise(row.unit),
                    release.period,
                    plain_number(row.value),
                    plain_number(row.mom),
                    plain_number(row.yoy),
                    neutralise(row.note),
                ]
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _number_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def release_xlsx(*, release, tables: list[SectorTable]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Số liệu")
    bold = Font(bold=True)
    ws.append([str(release)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(_headers())
    for cell in ws[2]:
        cell.font = bold
    ws.freeze_panes = "A3"
    sector_fill = PatternFill("solid", fgColor="DDE7F0")
    for table in tables:
        ws.append([neutralise(table.name)])
        r = ws.max_row
        ws.cell(r, 1).font = bold
        for col in range(1, 10):
            ws.cell(r, col).fill = sector_fill
        for row in table.rows:
            ws.append(
                [
                    neutralise(table.name),
                    neutralise(row.code),
                    neutralise(("  " if row.depth else "") + row.name),
                    neutralise(row.unit),
                    release.period,
                    row.value,
                    row.mom,
                    row.yoy,
                    neutralise(row.note),
                ]
            )
            r = ws.max_row
            ws.cell(r, 6).number_format = _number_format(row.decimals)
            ws.cell(r, 7).number_format = "0.00"
            ws.cell(r, 8).number_format = "0.00"
            ws.row_dimensions[r].outline_level = 1
    for col, w in zip(range(1, 10), (24, 26, 60, 18, 10, 16, 16, 16, 50), strict=True):
        ws.column_dimensions[get_column_letter(col)].width = w
    defs = wb.create_sheet(_("Định nghĩa"))
    defs.append([_("Mã chỉ tiêu"), _("Tên chỉ tiêu"), _("Đơn vị tính"), _("Định nghĩa"), _("Đơn vị cung cấp")])
    for cell in defs[1]:
        cell.font = bold
    for table in tables:
        for row in table.rows:
            defs.append(
                [neutralise(row.code), neutralise(row.name), neutralise(row.unit), neutralise(row.definition),
                 neutralise(row.source_unit)]
            )  # fmt: skip
    for col, w in zip(range(1, 6), (26, 60, 18, 80, 30), strict=True):
        defs.column_dimensions[get_column_letter(col)].width = w
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _num(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def release_json(*, release, tables: list[SectorTable], corrections, url: str, version: int | None = None) -> bytes:
    data = {
        "title": str(release),
        "period": release.period,
        "year": release.year,
        "month": release.month,
        "published_at": release.publish_at.isoformat() if release.publish_at else None,
        "url": url,
        "version": version,
        "generated_at": timezone.now().isoformat(),
        "corrections": [{"number": c.number, "date": c.applied_at.isoformat(), "note": c.note} for c in corrections],
        "sectors": [
            {
                "code": t.code,
                "name": t.name,
                "indicators": [
                    {
                        "code": r.code,
                        "name": r.name,
                        "unit": r.unit,
                        "value": _num(r.value),
                        "value_text": plain_number(r.value),
                        "value_display": r.value_display,
                        "change_previous_month_pct": _num(r.mom),
                        "change_year_on_year_pct": _num(r.yoy),
                        "note": r.note,
                        "parent": r.parent_code,
                    }
                    for r in t.rows
                ],
            }
            for t in tables
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def series_csv(*, indicator, name: str, unit: str, points) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [_("Mã chỉ tiêu"), _("Tên chỉ tiêu"), _("Đơn vị tính"), _("Kỳ"), _("Giá trị"),
         _("Thay đổi so với tháng trước (%)"), _("Thay đổi so với cùng kỳ năm trước (%)")]
    )  # fmt: skip
    for p in points:
        writer.writerow(
            [neutralise(indicator.code), neutralise(name), neutralise(unit), p.period, plain_number(p.value),
             plain_number(p.mom), plain_number(p.yoy)]
        )  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def calendar_ics(*, entries, base_url: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Bo Thong tin va Truyen thong//Lich cong bo thong ke//VI",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:" + _ics_escape(_("Lịch công bố số liệu thống kê ngành TT&TT")),
    ]
    for e in entries:
        at = e["at"].astimezone(dt_utc())
        summary = _("Công bố số liệu thống kê tháng %(p)s") % {"p": e["period_label"]}
        lines += [
            "BEGIN:VEVENT",
            f"UID:stats-{e['year']:04d}-{e['month']:02d}@thong-ke",
            f"DTSTAMP:{dt_now_utc():%Y%m%dT%H%M%SZ}",
            f"DTSTART:{at:%Y%m%dT%H%M%SZ}",
            "SUMMARY:" + _ics_escape(summary),
            "URL:" + base_url + f"{e['year']:04d}-{e['month']:02d}/",
        ]
        if e.get("note"):
            lines.append("DESCRIPTION:" + _ics_escape(e["note"]))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def dt_utc():
    import datetime as dt

    return dt.UTC


def dt_now_utc():
    return timezone.now().astimezone(dt_utc())


def _fold(line: str) -> str:
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    out, chunk = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(chunk) + len(b) > 74:
            out.append(chunk.decode("utf-8"))
            chunk = b""
        chunk += b
    out.append(chunk.decode("utf-8"))
    return "\r\n ".join(out)
