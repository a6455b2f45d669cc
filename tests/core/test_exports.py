"""``portal.exports``: formula safety, CSV with a BOM, write-only XLSX, and iCalendar
through ``icalendar`` (escaping and folding), as the meetings and statistics feeds use them."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from meetings import exports as meeting_exports
from portal.exports import (
    BOLD,
    CalendarEvent,
    XlsxBook,
    calendar_bytes,
    csv_bytes,
    event_uid,
    formula_safe,
    formula_unguard,
)
from stats import exports as stats_exports

VN = ZoneInfo("Asia/Ho_Chi_Minh")

# -- formula safety -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x","bấm")',
        "+84 24 3943 6333",
        "-1+1",
        "-cmd|' /C calc'!A0",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "\n=1+1",
        "-",
    ],
)
def test_text_a_spreadsheet_could_run_gets_an_apostrophe(text):
    assert formula_safe(text) == "'" + text
    assert formula_unguard(formula_safe(text)) == text


@pytest.mark.parametrize("text", ["Chuyển đổi số", "91,32", "2.611.948", "", " =1", "'=1", "a=b"])
def test_other_text_is_kept(text):
    assert formula_safe(text) == text


@pytest.mark.parametrize("value", ["-12", "-91,32", "-2.611.948", "-11.496"])
def test_negative_numbers_written_as_text_stay_numbers(value):
    assert formula_safe(value) == value


@pytest.mark.parametrize("value", [-12, -0.5, Decimal("-91.32"), None, dt.date(2022, 1, 31)])
def test_values_that_are_not_text_are_returned_as_they_are(value):
    assert formula_safe(value) is value


# -- CSV and XLSX -------------------------------------------------------------------------


def test_csv_has_a_bom_crlf_and_formula_safe_cells():
    body = csv_bytes([["=1+1", "Bưu chính", -5, "-5", None]], header=["Mã", "Tên", "A", "B", "C"])
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    assert text.endswith("\r\n") and text.count("\r\n") == 2
    assert list(csv.reader(io.StringIO(text))) == [["Mã", "Tên", "A", "B", "C"], ["'=1+1", "Bưu chính", "-5", "-5", ""]]


def test_xlsx_streams_rows_stores_text_as_text_and_keeps_numbers():
    book = XlsxBook()
    sheet = book.sheet("Một tên trang tính dài hơn ba mươi mốt ký tự", widths=(10, 40), freeze="A2")
    assert sheet.append(["Mã", "Nội dung"], font=BOLD) == 1
    sheet.append(['=HYPERLINK("http://x")', "#N/A", -3, Decimal("-91.32"), "-91,32"])
    sheet.append([sheet.cell(Decimal("2611948"), number_format="#,##0"), None, "@x"], outline_level=1)
    assert sheet.rows == 3
    wb = load_workbook(io.BytesIO(book.to_bytes()))
    ws = wb.worksheets[0]
    assert ws.title == "Một tên trang tính dài hơn ba m"  # 31 characters at most
    assert ws.freeze_panes == "A2" and ws.column_dimensions["B"].width == 40
    assert ws["A1"].font.bold
    row = ws[2]
    assert [c.value for c in row] == ['\'=HYPERLINK("http://x")', "#N/A", -3, -91.32, "-91,32"]
    assert [c.data_type for c in row] == ["s", "s", "n", "n", "s"]
    assert ws["A3"].value == 2611948 and ws["A3"].number_format == "#,##0" and ws["C3"].value == "'@x"
    assert ws.row_dimensions[3].outline_level == 1


# -- iCalendar ----------------------------------------------------------------------------


def _physical_lines(body: bytes) -> list[bytes]:
    assert body.endswith(b"\r\n")
    lines = body[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    return lines


def _unfolded(body: bytes) -> list[str]:
    return body.decode("utf-8").replace("\r\n ", "").split("\r\n")


def _one_event(summary: str, **extra) -> bytes:
    event = CalendarEvent(
        uid=event_uid("meeting-1"), start=dt.datetime(2022, 2, 10, 8, 30, tzinfo=VN), summary=summary, **extra
    )
    return calendar_bytes(events=[event], name="Lịch giao ban", feed="Thu nghiem")


def test_long_vietnamese_title_folds_at_75_octets_without_splitting_a_character():
    title = ("Giao ban quản lý nhà nước tháng 01/2022 về chuyển đổi số, bưu chính, viễn thông " * 3)[:200]
    assert len(title) == 200 and len(title.encode()) > 240
    body = _one_event(title)
    lines = _physical_lines(body)
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # each folded line holds whole characters
    summary = [line for line in lines if line.startswith(b"SUMMARY:")][0]
    index = lines.index(summary)
    assert lines[index + 1].startswith(b" "), "the summary continues on folded lines"
    parsed = Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(parsed["SUMMARY"]) == title
    assert "DTSTART:20220210T013000Z" in _unfolded(body)


def test_cr_lf_semicolon_and_comma_in_a_title_are_escaped_and_inject_nothing():
    title = "Họp\rATTACH:http://x.test/a\nDESCRIPTION:giả; mạo, thêm\r\nURL:http://y.test\\"
    body = _one_event(title, location="Phòng 1; tầng 2, nhà A")
    lines = _unfolded(body)
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines]
    assert "ATTACH" not in names and names.count("DESCRIPTION") == 0 and "URL" not in names
    summary = next(line for line in lines if line.startswith("SUMMARY:"))
    assert summary == ("SUMMARY:Họp\\nATTACH:http://x.test/a\\nDESCRIPTION:giả\\; mạo\\, thêm\\nURL:http://y.test\\\\")
    assert "LOCATION:Phòng 1\\; tầng 2\\, nhà A" in lines
    event = Calendar.from_ical(body).walk("VEVENT")
    assert len(event) == 1
    assert str(event[0]["SUMMARY"]) == title.replace("\r\n", "\n").replace("\r", "\n")


def test_event_uids_are_stable_and_on_the_site_host(settings):
    settings.SITE_URL = "https://portal.mic.gov.vn:8443/"
    assert event_uid("thong-ke-2022-01") == "thong-ke-2022-01@portal.mic.gov.vn"
    body = _one_event("Giao ban")
    assert "UID:meeting-1@portal.mic.gov.vn" in _unfolded(body)


def test_meeting_calendar_escapes_a_carriage_return_in_a_title(settings):
    settings.SITE_URL = "https://portal.mic.gov.vn"
    entries = [
        {
            "id": 7,
            "title": "Giao ban\rATTACH:http://x.test/",
            "start": dt.datetime(2022, 2, 10, 8, 30, tzinfo=VN),
            "end": None,
            "place": "Hà Nội, 18 Nguyễn Du",
            "url": "/giao-ban/giao-ban/",
        }
    ]
    body = meeting_exports.calendar_ics(entries=entries, base_url="https://portal.mic.gov.vn")
    lines = _unfolded(body)
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:Giao ban\\nATTACH:http://x.test/" in lines
    assert not any(line.startswith("ATTACH") for line in lines)
    assert "UID:meeting-7@portal.mic.gov.vn" in lines
    assert "DTEND:20220210T033000Z" in lines  # two hours when no end is given
    assert "URL:https://portal.mic.gov.vn/giao-ban/giao-ban/" in lines
    assert "X-WR-TIMEZONE:Asia/Ho_Chi_Minh" in lines


def test_release_calendar(settings):
    settings.SITE_URL = "https://portal.mic.gov.vn"
    entries = [
        {"year": 2022, "month": 2, "at": dt.datetime(2022, 3, 10, 9, tzinfo=VN), "period_label": "02/2022",
         "note": "Dự kiến; có thể đổi, tùy\rtình hình"},
    ]  # fmt: skip
    body = stats_exports.calendar_ics(entries=entries, base_url="https://portal.mic.gov.vn/thong-ke/")
    lines = _unfolded(body)
    assert "UID:thong-ke-2022-02@portal.mic.gov.vn" in lines
    assert "DTSTART:20220310T020000Z" in lines
    assert "URL:https://portal.mic.gov.vn/thong-ke/2022-02/" in lines
    assert "DESCRIPTION:Dự kiến\\; có thể đổi\\, tùy\\ntình hình" in lines
