"""The tracker as CSV and XLSX, and the meeting calendar as iCalendar; the files
themselves are made by ``portal.exports`` (formula safety, BOM, write-only XLSX, icalendar)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.exports import BOLD, CalendarEvent, XlsxBook, calendar_bytes, csv_bytes, event_uid

WIDTHS = (8, 70, 40, 12, 24, 30, 24, 30, 20, 14, 16, 14, 40)


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
        d.text,
        d.meeting.title,
        timezone.localtime(d.meeting.start_at).strftime("%d/%m/%Y"),
        d.giver.full_name if d.giver_id else "",
        d.lead_unit.name,
        d.lead_person.full_name if d.lead_person_id else "",
        ", ".join(u.name for u in d.supporting_units.all()),
        d.deadline_label(),
        d.deadline.strftime("%d/%m/%Y"),
        d.status_label(),
        d.completed_on.strftime("%d/%m/%Y") if d.completed_on else "",
        d.completion_evidence,
    ]


def tracker_csv(directives) -> bytes:
    return csv_bytes((_row(d) for d in directives), header=_headers())


def tracker_xlsx(directives) -> bytes:
    book = XlsxBook()
    sheet = book.sheet(_("Nhiệm vụ"), widths=WIDTHS, freeze="A2")
    sheet.append(_headers(), font=BOLD)
    for d in directives:
        sheet.append(_row(d))
    return book.to_bytes()


def _meeting_event(entry: dict, base_url: str) -> CalendarEvent:
    """A meeting with no end time lasts two hours."""
    start = entry["start"]
    end = entry["end"] or start + dt.timedelta(hours=2)
    uid = event_uid(f"meeting-{entry['id']}")
    url = base_url + entry["url"]
    return CalendarEvent(uid, start, entry["title"], end=end, url=url, location=entry.get("place") or "")


def calendar_ics(*, entries, base_url: str) -> bytes:
    """``entries``: dicts with id, title, start, end, place, url (a path, joined to ``base_url``)."""
    name = _("Lịch giao ban, họp của Bộ Thông tin và Truyền thông")
    events = [_meeting_event(e, base_url) for e in entries]
    return calendar_bytes(events=events, name=name, feed="Lich giao ban", time_zone="Asia/Ho_Chi_Minh")
