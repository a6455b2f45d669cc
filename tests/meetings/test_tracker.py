"""The tracker: filters, "my directives", exports (formula-safe), query budgets."""

import csv
import datetime as dt
import io
import random
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F
from django.urls import reverse
from openpyxl import load_workbook

from meetings.models import Directive, Meeting, Unit
from meetings.views import TRACKER_PAGE_SIZE

from .conftest import approved_directive, make_meeting, publish

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def signed_in(client, people):
    client.force_login(people["dx_staff"].user)
    return client


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def rows(response):
    html = response.content.decode()
    return html.count('<tr id="nhiem-vu-')


def test_tracker_lists_counts_and_filters(signed_in, january_meeting, units, clock):
    clock.set(dt.datetime(2022, 2, 21, 9, 0, tzinfo=VN))
    url = reverse("meetings:tracker")
    page = signed_in.get(url)
    assert page.status_code == 200 and rows(page) == 3
    html = page.content.decode()
    assert 'id="bang-don-vi"' in html and "Cục Chuyển đổi số quốc gia" in html
    assert page["Cache-Control"] == "private, no-store"
    # The footer's visit counter waits for the page's script with a dash (the page's own
    # per-unit counts are not it).
    assert '<dd data-k="online">—</dd>' in html and '<dd data-k="total">—</dd>' in html
    assert rows(signed_in.get(url, {"don_vi": units["office"].pk})) == 1
    assert rows(signed_in.get(url, {"trang_thai": "qua-han"})) == 1  # due 20/02
    assert rows(signed_in.get(url, {"trang_thai": "chua-thuc-hien"})) == 2
    assert rows(signed_in.get(url, {"han_tu": "2022-02-21", "han_den": "2022-02-28"})) == 2
    assert rows(signed_in.get(url, {"cuoc_hop": january_meeting.pk})) == 3
    # "My directives": the signed-in person's unit leads one of them.
    mine = signed_in.get(url, {"cua_toi": "on"})
    assert rows(mine) == 1 and "xây dựng kế hoạch chuyển đổi số" in mine.content.decode()
    bad = signed_in.get(url, {"han_tu": "2022-03-01", "han_den": "2022-02-01"})
    assert "Ngày kết thúc phải sau ngày bắt đầu." in bad.content.decode()


def test_exports_are_formula_safe(signed_in, january_meeting, units):
    Directive.objects.create(
        meeting=january_meeting, number=9, text='=HYPERLINK("http://x","bấm")', lead_unit=units["info"],
        deadline=dt.date(2022, 3, 31), deadline_kind="month",
    )  # fmt: skip
    response = signed_in.get(reverse("meetings:tracker_export", args=["csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.streaming and response["X-Content-Type-Options"] == "nosniff"
    text = body(response).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:2] == ["Mã", "Nội dung nhiệm vụ"]
    assert sorted(r[0] for r in table[1:]) == ["mục 1", "mục 2", "mục 3", "mục 9"], "the item numbers, not ids"
    cell = next(r[1] for r in table[1:] if "HYPERLINK" in r[1])
    assert cell.startswith("'=")
    assert any(r[8] == "Trong tháng 03/2022" and r[9] == "31/03/2022" for r in table[1:])

    response = signed_in.get(reverse("meetings:tracker_export", args=["xlsx"]), {"don_vi": units["info"].pk})
    assert response.status_code == 200
    assert response.streaming and 'filename="nhiem-vu-' in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(body(response))).active
    values = [c.value for c in ws[2]]
    assert values[1] == '\'=HYPERLINK("http://x","bấm")'
    # Dates are date cells (sortable, filterable in Excel), shown dd/mm/yyyy.
    assert values[3] == dt.datetime(2022, 2, 10) and ws.cell(2, 4).number_format == "DD/MM/YYYY"
    assert values[9] == dt.datetime(2022, 3, 31) and ws.cell(2, 10).is_date
    assert ws.max_row == 2, "the export follows the filters"
    assert signed_in.get(reverse("meetings:tracker_export", args=["exe"])).status_code == 404


def many_directives(author, board, n=5000):
    """``n`` directives in effect: their ten meetings are published."""
    units = [Unit.objects.create(name=f"Đơn vị thử {i}", order=10 + i) for i in range(12)]
    meetings = [
        publish(
            make_meeting(
                author=author, title=f"Giao ban tháng {m}/2021", start_at=dt.datetime(2021, m, 5, 8, tzinfo=VN)
            ),
            author=author,
            board=board,
        )
        for m in range(1, 11)
    ]
    rnd = random.Random(4)
    base = dt.date(2021, 1, 1)
    objs = []
    for i in range(n):
        deadline = base + dt.timedelta(days=rnd.randint(0, 900))
        done = deadline + dt.timedelta(days=rnd.randint(-20, 20)) if rnd.random() < 0.4 else None
        objs.append(
            Directive(
                meeting=meetings[i % 10], number=i // 10 + 1, text=f"Nhiệm vụ số {i}", lead_unit=units[i % 12],
                deadline=deadline, completed_on=done,
            )
        )  # fmt: skip
    created = Directive.objects.bulk_create(objs)
    through = Directive.supporting_units.through
    through.objects.bulk_create(
        [through(directive_id=d.pk, unit_id=units[(i + 1) % 12].pk) for i, d in enumerate(created[:2000])]
    )
    return meetings


def test_tracker_query_budget_with_5000_directives(signed_in, editor, board, django_assert_max_num_queries):
    many_directives(editor, board)
    url = reverse("meetings:tracker")
    with django_assert_max_num_queries(12):
        page = signed_in.get(url)
    assert rows(page) == TRACKER_PAGE_SIZE
    assert "5.000" in page.content.decode()
    with django_assert_max_num_queries(12):
        page = signed_in.get(url, {"trang": "3", "trang_thai": "hoan-thanh"})
    assert rows(page) == TRACKER_PAGE_SIZE
    with django_assert_max_num_queries(10):
        response = signed_in.get(reverse("meetings:tracker_export", args=["csv"]))
    assert body(response).decode("utf-8-sig").count("\r\n") == 5001


def test_meeting_page_query_budget_with_5000_directives(client, editor, board, staff_reader,
                                                        django_assert_max_num_queries):  # fmt: skip
    meetings = many_directives(editor, board)
    first = Directive.objects.order_by("id").values_list("id", flat=True).first()
    Directive.objects.update(meeting=meetings[0], number=F("id") - first + 1)
    client.force_login(staff_reader)
    with django_assert_max_num_queries(12):
        page = client.get(meetings[0].get_absolute_url())
    assert page.status_code == 200
    assert page.content.decode().count('<tr id="nhiem-vu-') == 5000
    assert Meeting.objects.count() == 10


def test_unit_filter_covers_units_below_it(signed_in, january_meeting, units, editor):
    from meetings import services

    approved_directive(january_meeting, text="Đăng tin họp báo lên Cổng.", lead_unit=units["info_press"],
                       deadline="03/2022")  # fmt: skip
    approved_directive(january_meeting, text="Tổ chức họp báo thường kỳ.", lead_unit=units["info"], deadline="03/2022")
    draft = make_meeting(author=editor, title="Giao ban tháng 02/2022 (chưa duyệt)")
    services.add_directive(
        meeting=draft, text="Nhiệm vụ từ biên bản nháp.", lead_unit=units["info"], deadline="03/2022"
    )
    url = reverse("meetings:tracker")
    page = signed_in.get(url, {"don_vi": units["info"].pk})
    assert rows(page) == 2, "a draft record's directive is not in effect"
    html = page.content.decode()
    assert "\u2003Phòng Báo chí điện tử" in html  # indented under its parent in the filter
    assert "Nhiệm vụ từ biên bản nháp." not in html and draft.title not in html
    assert rows(signed_in.get(url, {"don_vi": units["info_press"].pk})) == 1


def test_meeting_filter_lists_every_meeting_matching_the_other_filters(signed_in, january_meeting, editor, board,
                                                                        units, clock):  # fmt: skip
    """The meeting filter offers every meeting with a directive matching the other filters
    (the quý III/2022 meeting was left out although ``?cuoc_hop=`` found its directive)."""
    clock.set(dt.datetime(2026, 11, 25, 9, 0, tzinfo=VN))
    url = reverse("meetings:tracker")
    option = f'<option value="{january_meeting.pk}"'
    Directive.objects.filter(meeting=january_meeting).update(completed_on=dt.date(2022, 2, 25))
    quarter = publish(
        make_meeting(author=editor, title="Giao ban quý III/2022", start_at=dt.datetime(2022, 9, 12, 8, 30, tzinfo=VN)),
        author=editor,
        board=board,
    )
    approved_directive(quarter, text="Tổng kết công tác quý III/2022.", lead_unit=units["info"], deadline="30/09/2022")
    html = signed_in.get(url).content.decode()
    assert option in html and f'<option value="{quarter.pk}"' in html, "all done four years ago, still listed"
    # With a status chosen, only the meetings with such directives.
    overdue = signed_in.get(url, {"trang_thai": "qua-han"}).content.decode()
    assert f'<option value="{quarter.pk}"' in overdue and option not in overdue
    done_at_info = signed_in.get(url, {"trang_thai": "hoan-thanh", "don_vi": units["info"].pk}).content.decode()
    assert option not in done_at_info and f'<option value="{quarter.pk}"' not in done_at_info
    linked = signed_in.get(url, {"cuoc_hop": january_meeting.pk})
    assert rows(linked) == 3 and f"{option} selected" in linked.content.decode()
