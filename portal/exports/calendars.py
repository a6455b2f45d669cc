"""iCalendar feeds through the ``icalendar`` library, which escapes text (backslash,
semicolon, comma, CR and LF), folds lines at 75 octets without splitting a UTF-8
character, and ends lines with CRLF. Times are written in UTC.

Control characters never reach the library: RFC 5545 allows none in TEXT but the tab,
and ``icalendar`` writes the others raw (NUL, ESC, VT…) or fails on a line break in a
single-line value (a UID). Text fields keep their line breaks (escaped as ``\n``) and lose
every other control character; one-line values (UID, URL, names) lose all of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

# C0 controls but tab and LF, DEL, C1 controls; the Unicode line and paragraph separators.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")


def ical_text(value: str) -> str:
    """A TEXT value: line breaks as LF (the library escapes them), no other control."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", value or ""))


def ical_line(value: str) -> str:
    """A one-line value (UID, URL, calendar name): no control character at all."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub(" ", value or "")).replace("\n", " ").replace("\t", " ")


# PRODID: who made the feed, and which feed it is.
PRODUCT = "-//Bo Thong tin va Truyen thong//{feed}//VI"


def site_host() -> str:
    """The host of ``SITE_URL`` ("portal.mic.gov.vn"): the domain part of every event UID."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def event_uid(local: str) -> str:
    """A stable, globally unique event UID: ``thong-ke-2022-01@portal.mic.gov.vn``."""
    return f"{local}@{site_host()}"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: dt.datetime
    summary: str
    end: dt.datetime | None = None
    url: str = ""
    location: str = ""
    description: str = ""
    sequence: int = 0  # raise it whenever the event changes (RFC 5545 SEQUENCE)
    status: str = ""  # "CONFIRMED", "TENTATIVE" or "CANCELLED" (a cancelled event stays in the feed)


def calendar_bytes(*, events: Iterable[CalendarEvent], name: str, feed: str, time_zone: str | None = None) -> bytes:
    """A VCALENDAR with one VEVENT per event. ``name`` is the calendar's display name
    (X-WR-CALNAME), ``feed`` names the feed in the PRODID ("Lich giao ban"), ``time_zone``
    the zone calendar programs should show it in (X-WR-TIMEZONE)."""
    cal = Calendar()
    cal.add("prodid", PRODUCT.format(feed=ical_line(feed)))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", ical_line(name))
    if time_zone:
        cal.add("x-wr-timezone", ical_line(time_zone))
    stamp = timezone.now().astimezone(dt.UTC)
    for e in events:
        event = Event()
        event.add("uid", ical_line(e.uid))
        event.add("dtstamp", stamp)
        event.add("dtstart", e.start.astimezone(dt.UTC))
        if e.end is not None:
            event.add("dtend", e.end.astimezone(dt.UTC))
        event.add("summary", ical_text(e.summary))
        if e.url:
            event.add("url", ical_line(e.url))
        if e.location:
            event.add("location", ical_text(e.location))
        if e.description:
            event.add("description", ical_text(e.description))
        if e.sequence:
            event.add("sequence", e.sequence)
        if e.status:
            event.add("status", ical_line(e.status))
        cal.add_component(event)
    return cal.to_ical()
