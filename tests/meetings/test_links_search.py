"""Search by the meeting's own date and kind (results show the meeting date); the staff
calendar feed with LOCATION and DESCRIPTION, the public one without internal meetings."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.urls import reverse

from meetings import selectors

from .conftest import make_meeting, publish

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_search_finds_a_meeting_by_its_month_and_kind(client, editor, board, staff_reader, clock):
    clock.set(dt.datetime(2023, 6, 20, 9, 0, tzinfo=VN))
    may = publish(
        make_meeting(author=editor, title="Hội nghị Giao ban quản lý nhà nước tháng 5/2023",
                     start_at=dt.datetime(2023, 5, 30, 8, 30, tzinfo=VN)),
        author=editor, board=board,
    )  # fmt: skip
    terms = selectors.meeting_search_terms(may)
    assert "giao ban tháng" in terms and "tháng 5" in terms and "quý II/2023" in terms and "ngày 30/05/2023" in terms
    doc = selectors.meeting_document(may)
    assert doc["date"] == may.start_at and "tháng 5/2023" in doc["keywords"]
    client.force_login(staff_reader)
    html = client.get("/tim-kiem/", {"q": "giao ban tháng 5"}).content.decode()
    assert may.get_absolute_url() in html
    assert "30/05/2023" in html, "the result shows the day the meeting was held"


def test_staff_calendar_has_location_and_description(client, editor, board, staff_reader, people, clock):
    clock.set(dt.datetime(2023, 2, 15, 9, 0, tzinfo=VN))
    meeting = publish(
        make_meeting(author=editor, chair=people["minister"], place="Trụ sở Bộ, 18 Nguyễn Du", format="ket-hop",
                     bridge_points=11, agenda="Kết quả tháng 01/2023\nNhiệm vụ tháng 02/2023"),
        author=editor, board=board,
    )  # fmt: skip
    client.force_login(staff_reader)
    body = client.get(reverse("meetings:calendar_ics")).content.decode().replace("\r\n ", "")
    assert "LOCATION:Trụ sở Bộ\\, 18 Nguyễn Du\\, Kết hợp\\, 11 điểm cầu" in body
    assert "DESCRIPTION:Giao ban tháng\\nChủ trì: Nguyễn Mạnh Hùng (Bộ trưởng)\\n- Kết quả tháng 01/2023" in body
    client.logout()
    public = client.get(reverse("meetings:calendar_ics")).content.decode()
    assert "VEVENT" not in public and "Nguyễn Du" not in public and meeting.title not in public


def test_search_snippet_of_a_meeting_reads_as_one_line(client, editor, board, staff_reader, clock):
    """A meeting's summary and conclusions are typed on several lines; the result's snippet
    is one line of single spaces, its words marked, whatever the line breaks and
    no-break spaces (text pasted from Word)."""
    clock.set(dt.datetime(2023, 6, 20, 9, 0, tzinfo=VN))
    meeting = publish(
        make_meeting(author=editor, title="Hội nghị giao ban tháng 6/2023", summary="Tóm tắt.",
                     conclusions="1. Đẩy mạnh\n\n2.\tChuyển\u00a0đổi   số\r\ncho doanh nghiệp."),
        author=editor, board=board,
    )  # fmt: skip
    client.force_login(staff_reader)
    html = client.get("/tim-kiem/", {"q": "chuyen doi so"}).content.decode()
    assert meeting.get_absolute_url() in html
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    assert snippet.startswith(
        "Tóm tắt. 1. Đẩy mạnh 2. <mark>Chuyển</mark> <mark>đổi</mark> <mark>số</mark> cho doanh nghiệp."
    )
