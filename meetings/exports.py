"""The tracker as CSV and XLSX (text cells that a spreadsheet could run as a formula are
neutralised), and the meeting calendar as iCalendar."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(text) -> str:
    """A text cell a spreadsheet could run as a formula gets a leading apostrophe."""
    text = "" if text is None else str(text)
    return "'" + text if text.startswith(FORMULA_START) else text


def _headers() -> list[str]:
    return [
        _("Mã"),
        _("Nội dung nhiệm vụ"),
        _("Cuộc họp"),
        _("Ngày họp"),
        _("Người giao"),
        _("Đơn vị chủ trì"),
        _("Người chủ trì"),
        _("Đơn vị phối hợp"),
        _("Thời hạn"),
        _("Hạn cuối (ngày)"),
        _("Trạng thái"),
        _("Ngày hoàn thành"),
        _("Kết quả"),
    ]


def _row(d) -> list:
    return [
        d.pk,
        neutralise(d.text),
        neutralise(d.meeting.title),
        timezone.localtime(d.meeting.start_at).strftime("%d/%m/%Y"),
        neutralise(d.giver.full_name if d.giver_id else ""),
        neutralise(d.lead_unit.name),
        neutralise(d.lead_person.full_name if d.lead_person_id else ""),
        neutralise(", ".join(u.name for u in d.supporting_units.all())),
        neutralise(d.deadline_label()),
        d.deadline.strftime("%d/%m/%Y"),
        d.status_label(),
        d.completed_on.strftime("%d/%m/%Y") if d.completed_on else "",
        neutralise(d.completion_evidence),
    ]


def tracker_csv(directives) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_headers())
    for d in directives:
        writer.writerow(_row(d))
    # A BOM so that Excel opens the Vietnamese text as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def tracker_xlsx(directives) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Nhiệm vụ")[:31]
    ws.append(_headers())
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for number, d in enumerate(directives, start=2):
        values = _row(d)
        ws.append(values)
        # Every text cell is stored as a string, never as a formula. The cells are reached
        # by their coordinates: ``ws.max_row`` and ``ws[n]`` scan every cell of the sheet,
        # which made the export quadratic (20,000 directives took over two minutes).
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                ws.cell(row=number, column=column).data_type = "s"
    widths = [8, 70, 40, 12, 24, 30, 24, 30, 20, 14, 16, 14, 40]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    if len(line.encode("utf-8")) <= 75:
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


def calendar_ics(*, entries, base_url: str, host: str) -> bytes:
    """``entries``: dicts with id, title, start, end, place, url."""
    utc = dt.UTC
    stamp = timezone.now().astimezone(utc)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Bo Thong tin va Truyen thong//Lich giao ban//VI",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:" + _ics_escape(_("Lịch giao ban, họp của Bộ Thông tin và Truyền thông")),
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for e in entries:
        start = e["start"].astimezone(utc)
        end = (e["end"] or e["start"] + dt.timedelta(hours=2)).astimezone(utc)
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{e['id']}@{host}",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{end:%Y%m%dT%H%M%SZ}",
            "SUMMARY:" + _ics_escape(e["title"]),
            "URL:" + base_url + e["url"],
        ]
        if e.get("place"):
            lines.append("LOCATION:" + _ics_escape(e["place"]))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
