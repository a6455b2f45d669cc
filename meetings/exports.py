"""The tracker as CSV and XLSX, and the meeting calendar as iCalendar; the files
themselves are made by ``portal.exports`` (formula safety, BOM, write-only XLSX, icalendar)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Iterator

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import F, OuterRef, Subquery
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.exports import BOLD, CalendarEvent, XlsxBook, calendar_bytes, event_uid, formula_safe

from .models import Directive, Meeting

WIDTHS = (24, 70, 40, 12, 24, 30, 24, 30, 22, 14, 22, 14, 40)
DATE_FORMAT = "DD/MM/YYYY"
# Rows are read from the database in chunks (supporting units prefetched per chunk), so an
# export of 20,000 directives holds a chunk in memory, never the whole list.
CHUNK = 2000


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


# The columns an export reads: plain values (no model instances, no JSON of the meeting),
# the supporting units joined in the database.
FIELDS = (
    "number", "text", "meeting__title", "meeting__start_at", "meeting__notice_number", "giver__full_name",
    "lead_unit__name", "lead_person__full_name", "supporting", "deadline", "deadline_kind", "extended_deadline",
    "last_progress_at", "reported_done_on", "completed_on", "completion_evidence", "no_deadline_reason",
)  # fmt: skip


def export_rows(directives):
    """The tracker's directives (a ``tracker_directives`` queryset) as value tuples."""
    through = Directive.supporting_units.through
    supporting = (
        through.objects.filter(directive_id=OuterRef("pk"))
        .order_by()
        .values("directive_id")
        .annotate(names=StringAgg("unit__name", ", ", order_by="unit__name"))
        .values("names")
    )
    return (
        directives.annotate(supporting=Subquery(supporting))
        .order_by(F("due_on").asc(nulls_last=True), "meeting__start_at", "number", "id")
        .values_list(*FIELDS)
    )


def _unsaved(model, **fields):
    """An unsaved instance holding only ``fields``, for the model's own label methods: made
    without ``Model.__init__``, which cost two thirds of an export's time (20,000 rows × 2
    instances); a method reading another field fails loudly (AttributeError)."""
    obj = model.__new__(model)
    obj._state = ModelState()
    obj.__dict__.update(fields)
    return obj


def _values(row: tuple, today: dt.date) -> list:
    """One directive's row; dates as ``date`` objects (real date cells in XLSX). The labels
    are the model's own (an unsaved ``Directive`` built from the values)."""
    v = dict(zip(FIELDS, row, strict=True))
    d = _unsaved(
        Directive,
        number=v["number"], deadline=v["deadline"], deadline_kind=v["deadline_kind"],
        extended_deadline=v["extended_deadline"], last_progress_at=v["last_progress_at"],
        reported_done_on=v["reported_done_on"], completed_on=v["completed_on"],
    )  # fmt: skip
    d._state.fields_cache["meeting"] = _unsaved(Meeting, notice_number=v["meeting__notice_number"] or "")
    return [
        d.reference(),
        v["text"],
        v["meeting__title"],
        timezone.localtime(v["meeting__start_at"]).date(),
        v["giver__full_name"] or "",
        v["lead_unit__name"],
        v["lead_person__full_name"] or "",
        v["supporting"] or "",
        d.current_deadline_label(),
        d.current_deadline,
        d.status_text(today),
        v["completed_on"],
        v["completion_evidence"],
    ]


def _rows(directives):
    today = timezone.localdate()
    for row in export_rows(directives).iterator(chunk_size=CHUNK):
        yield _values(row, today)


def _csv_cell(value):
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else value


def tracker_csv_stream(directives) -> Iterator[bytes]:
    """The tracker as CSV (UTF-8 with a BOM, CRLF, formula-safe), yielded in pieces."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    buf.write("\ufeff")
    writer.writerow([formula_safe(v) for v in _headers()])
    for n, row in enumerate(_rows(directives), start=1):
        writer.writerow([formula_safe(_csv_cell(v)) for v in row])
        if n % 500 == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    if buf.tell():
        yield buf.getvalue().encode("utf-8")


def tracker_csv(directives) -> bytes:
    return b"".join(tracker_csv_stream(directives))


def tracker_xlsx_file(directives):
    """The tracker as an XLSX file (a write-only workbook written to a temporary file, so
    memory stays constant whatever the number of rows), positioned at its start."""
    book = XlsxBook()
    sheet = book.sheet(_("Nhiệm vụ"), widths=WIDTHS, freeze="A2")
    sheet.append(_headers(), font=BOLD)
    for row in _rows(directives):
        sheet.append([sheet.cell(v, number_format=DATE_FORMAT) if isinstance(v, dt.date) else v for v in row])
    out = tempfile.TemporaryFile()
    book.workbook.save(out)
    out.seek(0)
    return out


def tracker_xlsx(directives) -> bytes:
    with tracker_xlsx_file(directives) as f:
        return f.read()


def _meeting_event(entry: dict, base_url: str) -> CalendarEvent:
    """A meeting with no end time lasts two hours."""
    start = entry["start"]
    end = entry["end"] or start + dt.timedelta(hours=2)
    uid = event_uid(f"meeting-{entry['id']}")
    url = base_url + entry["url"]
    return CalendarEvent(
        uid, start, entry["title"], end=end, url=url, location=entry.get("place") or "",
        description=entry.get("description") or "",
    )  # fmt: skip


def calendar_ics(*, entries, base_url: str) -> bytes:
    """``entries``: dicts with id, title, start, end, place, url (a path, joined to ``base_url``)."""
    name = _("Lịch giao ban, họp của Bộ Thông tin và Truyền thông")
    events = [_meeting_event(e, base_url) for e in entries]
    return calendar_bytes(events=events, name=name, feed="Lich giao ban", time_zone="Asia/Ho_Chi_Minh")
