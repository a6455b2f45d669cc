"""iCalendar feeds through the ``icalendar`` library, which escapes text (backslash,
semicolon, comma, CR and LF), folds lines at 75 octets without splitting a UTF-8
character, and ends lines with CRLF. Times are written in UTC."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

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


def calendar_bytes(*, events: Iterable[CalendarEvent], name: str, feed: str, time_zone: str | None = None) -> bytes:
    """A VCALENDAR with one VEVENT per event. ``name`` is the calendar's display name
    (X-WR-CALNAME), ``feed`` names the feed in the PRODID ("Lich giao ban"), ``time_zone``
    the zone calendar programs should show it in (X-WR-TIMEZONE)."""
    cal = Calendar()
    cal.add("prodid", PRODUCT.format(feed=feed))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    if time_zone:
        cal.add("x-wr-timezone", time_zone)
    stamp = timezone.now().astimezone(dt.UTC)
    for e in events:
        event = Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", e.start.astimezone(dt.UTC))
        if e.end is not None:
            event.add("dtend", e.end.astimezone(dt.UTC))
        event.add("summary", e.summary)
        if e.url:
            event.add("url", e.url)
        if e.location:
            event.add("location", e.location)
        if e.description:
            event.add("description", e.description)
        cal.add_component(event)
    return cal.to_ical()
