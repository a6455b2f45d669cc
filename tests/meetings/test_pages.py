"""The meetings list and calendar, the iCalendar feed, the home section, English prefix."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse

from meetings.models import PublicSummary
from portal.editorial import services as wf

from .conftest import make_meeting, publish

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_list_splits_upcoming_and_past_and_filters_by_kind(client, editor, board, staff_reader, clock):
    clock.set(dt.datetime(2023, 2, 15, 9, 0, tzinfo=VN))
    past = publish(make_meeting(author=editor), author=editor, board=board)
    upcoming = publish(
        make_meeting(author=editor, title="Giao ban quý I/2023", kind="giao-ban-quy",
                     start_at=dt.datetime(2023, 3, 10, 8, 30, tzinfo=VN)),
        author=editor, board=board,
    )  # fmt: skip
    client.force_login(staff_reader)
    html = client.get(reverse("meetings:index")).content.decode()
    soon, _sep, before = html.partition('id="da-dien-ra"')
    assert upcoming.title in soon and past.title not in soon
    assert past.title in before and "Tháng 02/2022" in before
    only_quarterly = client.get(reverse("meetings:index"), {"loai": "giao-ban-quy"}).content.decode()
    assert upcoming.title in only_quarterly and past.title not in only_quarterly


def test_calendar_ics_for_anonymous_lists_only_public_items(client, editor, board, clock):
    clock.set(dt.datetime(2023, 2, 15, 9, 0, tzinfo=VN))
    internal = publish(make_meeting(author=editor), author=editor, board=board)
    public = publish(
        make_meeting(author=editor, title="Họp báo, thường kỳ; tháng 2/2023", kind="hop-bao", is_internal=False,
                     start_at=dt.datetime(2023, 2, 28, 15, 0, tzinfo=VN), place="18 Nguyễn Du, Hà Nội"),
        author=editor, board=board,
    )  # fmt: skip
    summary = wf.save_new(
        item=PublicSummary(meeting=internal, title="Giao ban tháng 01/2022 (công khai)", text="Tóm tắt."), user=editor
    )
    publish(summary, author=editor, board=board)
    body = client.get(reverse("meetings:calendar_ics")).content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Họp báo\\, thường kỳ\\; tháng 2/2023" in body
    assert "DTSTART:20230228T080000Z" in body and "LOCATION:18 Nguyễn Du\\, Hà Nội" in body
    # A public summary is no event: the internal record's time and place stay internal.
    assert "Giao ban tháng 01/2022 (công khai)" not in body and internal.slug not in body
    assert public.get_absolute_url() in body


def test_home_section_and_english_prefix(client, editor, board):
    meeting = publish(make_meeting(author=editor, is_internal=False), author=editor, board=board)
    assert meeting.title in client.get("/").content.decode()
    english = client.get("/en" + meeting.get_absolute_url())
    assert english.status_code == 200
    index = client.get("/en/giao-ban/").content.decode()
    assert "State management briefings and meetings" in index
    assert '<abbr title="Monday">Mon</abbr>' in index
    assert "Sắp diễn ra" not in index and "Tháng trước" not in index


def test_index_query_budget(client, editor, board, staff_reader, django_assert_max_num_queries):
    for n in range(30):
        publish(
            make_meeting(author=editor, title=f"Giao ban tháng {n}", start_at=dt.datetime(2021, 1, 1, tzinfo=VN)
                         + dt.timedelta(days=10 * n)),
            author=editor, board=board,
        )  # fmt: skip
    client.force_login(staff_reader)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("meetings:index")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("meetings:calendar_ics")).status_code == 200


def test_month_calendar(client, editor, board, staff_reader, clock):
    clock.set(dt.datetime(2022, 2, 20, 9, 0, tzinfo=VN))
    meeting = publish(make_meeting(author=editor), author=editor, board=board)
    client.force_login(staff_reader)
    html = client.get(reverse("meetings:index")).content.decode()  # the current month: 02/2022
    assert "Lịch họp tháng 02/2022" in html
    assert f'href="{meeting.get_absolute_url()}" class="mt-cal-item">08:30 ' in html
    assert 'aria-current="date"' in html and "?thang=2022-01" in html and "?thang=2022-03" in html
    other = client.get(reverse("meetings:index"), {"thang": "2022-03"}).content.decode()
    assert "Lịch họp tháng 03/2022" in other and "mt-cal-item" not in other
    assert "Lịch họp tháng 02/2022" in client.get(reverse("meetings:index"), {"thang": "2022-13"}).content.decode()
