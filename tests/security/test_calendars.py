"""Control characters in every field written to the .ics feeds (meetings and statistics
release calendars, portal/exports/calendars.py) are escaped or dropped, never written raw;
a meeting title with a CR still notifies the board."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from icalendar import Calendar

from portal.editorial import services as wf
from portal.editorial.enums import Action
from portal.exports import CalendarEvent, calendar_bytes
from tests import factories

HOSTILE = "Họp\r\nATTACH:http://x.test/a\rX-INJ:1\x00\x1b[31m\x0bđỏ\x7f\x85\u2028URL:http://y.test"
START = dt.datetime(2022, 2, 10, 1, 30, tzinfo=dt.UTC)


def assert_clean(body: bytes) -> Calendar:
    """Every line ends with CRLF and holds no other control character than a tab; no
    property appears that the portal did not write."""
    assert body.endswith(b"\r\n")
    for line in body[:-2].split(b"\r\n"):
        assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line), line
        assert not re.search("[\u0080-\u009f\u2028\u2029]", line.decode("utf-8")), line
    names = [line.split(b":")[0].split(b";")[0] for line in body.split(b"\r\n") if line and not line.startswith(b" ")]
    assert b"ATTACH" not in names and b"X-INJ" not in names
    return Calendar.from_ical(body)


def test_every_field_of_an_event_is_cleaned():
    body = calendar_bytes(
        events=[
            CalendarEvent(
                uid=f"giao-ban-1{HOSTILE}@portal.mic.gov.vn",
                start=START,
                end=START + dt.timedelta(hours=2),
                summary=HOSTILE,
                url=f"https://portal.mic.gov.vn/giao-ban/a/{HOSTILE}",
                location=HOSTILE,
                description=HOSTILE,
                status="CONFIRMED\r\nX-INJ:1",
            )
        ],
        name=f"Lịch {HOSTILE}",
        feed=f"Lich {HOSTILE}",
        time_zone="Asia/Ho_Chi_Minh\r\nX-INJ:1",
    )
    cal = assert_clean(body)
    event = cal.walk("VEVENT")[0]
    # Line breaks in text survive as line breaks (escaped on the wire); the rest goes.
    assert str(event["SUMMARY"]) == "Họp\nATTACH:http://x.test/a\nX-INJ:1[31mđỏ\nURL:http://y.test"
    assert str(event["LOCATION"]) == str(event["SUMMARY"]) == str(event["DESCRIPTION"])
    assert "\n" not in str(event["UID"]) and "\r" not in str(event["URL"])


def test_meeting_calendar_feed_with_a_hostile_title_and_place(settings):
    from meetings.exports import calendar_ics

    settings.SITE_URL = "https://portal.mic.gov.vn"
    body = calendar_ics(
        entries=[{"id": 1, "title": HOSTILE, "start": START, "end": None, "place": HOSTILE, "url": "/giao-ban/a/"}],
        base_url="https://portal.mic.gov.vn",
    )
    event = assert_clean(body).walk("VEVENT")[0]
    assert str(event["SUMMARY"]).startswith("Họp\nATTACH")


def test_release_calendar_feed_with_a_hostile_note(settings):
    from stats.exports import calendar_ics

    body = calendar_ics(
        entries=[
            {
                "year": 2022,
                "month": 1,
                "period_label": "01/2022",
                "at": START,
                "note": HOSTILE,
                "published": False,
            }
        ],
        base_url="https://portal.mic.gov.vn/thong-ke/",
    )
    event = assert_clean(body).walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]).startswith("Họp\nATTACH")


@pytest.mark.django_db
def test_the_meeting_calendar_page_serves_a_clean_feed(client, editor, board):
    meeting = factories.MeetingFactory(
        author=editor, title="Giao ban\rATTACH:http://x.test/", place="Hà Nội\x1b\r\nX:1"
    )
    factories.transition(meeting, Action.SUBMIT, user=editor)
    factories.transition(meeting, Action.PUBLISH, user=board)
    client.force_login(board)  # meeting records are internal
    response = client.get("/giao-ban/lich.ics")
    assert response.status_code == 200
    assert_clean(b"".join(response.streaming_content) if response.streaming else response.content)


@pytest.mark.django_db
def test_a_meeting_title_with_a_cr_still_notifies_the_board(editor, board, django_capture_on_commit_callbacks):
    meeting = factories.MeetingFactory(author=editor, title="Giao ban tháng 1\rBcc: ke-gian@example.com")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=meeting, action=Action.SUBMIT, user=editor)
    assert len(mail.outbox) >= 1
    for sent in mail.outbox:
        assert "\r" not in sent.subject and "\n" not in sent.subject
        assert sent.bcc == []
    assert board.email in {address for sent in mail.outbox for address in sent.to}
