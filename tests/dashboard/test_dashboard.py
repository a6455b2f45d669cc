"""The leadership dashboard (Bảng điều hành): each figure against answers worked out by
hand, who sees what, the CSV downloads, and a bounded number of queries."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from dashboard import selectors
from meetings.models import Meeting
from portal.editorial.enums import Action, Role, State
from tests import factories
from tests.factories import DirectiveFactory, MeetingFactory, PersonFactory, UnitFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=VN)
TODAY = NOW.date()
URL = "/bang-dieu-hanh/"


def at(clock, *args):
    clock.set(dt.datetime(*args, tzinfo=VN))


@pytest.fixture
def articles(clock, reporter, editor, board):
    """Articles submitted and published at known times (Vietnam time):

    * published 13 months ago (outside the 12 months): not counted;
    * February: submitted 10/02 09:00, published 21:00 — 12 hours;
    * March: 1 hour (03/03 09:00 → 10:00); returned on 04/03 10:00 after its submission at
      09:00, submitted again at 14:00 and published at 16:00 — 2 hours (from the second
      submission); 6 hours (05/03 08:00 → 14:00);
    * still waiting: submitted 09/03 09:00 (24 hours before "now", 10/03 09:00).
    """

    def submit(item, *when):
        at(clock, *when)
        factories.transition(item, Action.SUBMIT, user=reporter)

    def publish(item, *when):
        at(clock, *when)
        factories.transition(item, Action.PUBLISH, user=board)

    old = factories.article(author=reporter, title="Bài cũ")
    submit(old, 2025, 2, 3, 9, 0)
    publish(old, 2025, 2, 3, 10, 0)
    feb = factories.article(author=reporter, title="Bài tháng hai")
    submit(feb, 2026, 2, 10, 9, 0)
    publish(feb, 2026, 2, 10, 21, 0)
    one = factories.article(author=reporter, title="Bài một giờ")
    submit(one, 2026, 3, 3, 9, 0)
    publish(one, 2026, 3, 3, 10, 0)
    two = factories.article(author=reporter, title="Bài bị trả lại")
    submit(two, 2026, 3, 4, 9, 0)
    at(clock, 2026, 3, 4, 10, 0)
    factories.transition(two, Action.RETURN, user=editor, comment="Cần bổ sung số liệu.")
    submit(two, 2026, 3, 4, 14, 0)
    publish(two, 2026, 3, 4, 16, 0)
    six = factories.article(author=reporter, title="Bài sáu giờ")
    submit(six, 2026, 3, 5, 8, 0)
    publish(six, 2026, 3, 5, 14, 0)
    waiting = factories.article(author=reporter, title="Bài đang chờ duyệt")
    submit(waiting, 2026, 3, 9, 9, 0)
    clock.set(NOW)
    return {"waiting": waiting, "two": two}


@pytest.fixture
def directives(clock, editor):
    """Unit A: done on time, done late, overdue (since 01/03: 9 days), open, ongoing.
    Unit B: overdue since 01/02 (37 days), reported done (open until verified). An older
    meeting (12/2024, outside the 12 months) left unit B a directive overdue since
    31/01/2025 (403 days): not in the per-unit counts, first in the overdue list."""
    clock.set(NOW)
    a = UnitFactory(name="Cục Chuyển đổi số quốc gia", order=1)
    b = UnitFactory(name="Vụ Kế hoạch - Tài chính", order=2)
    head = PersonFactory(full_name="Lê Văn Minh", unit=a, username="ld_cuc_cds")
    a.head = head
    a.save()

    def live(start, title):
        m = MeetingFactory(author=editor, title=title, start_at=start)
        Meeting.objects.filter(pk=m.pk).update(live=True, state=State.PUBLISHED, publish_at=start)
        return m

    m = live(dt.datetime(2026, 1, 15, 8, 30, tzinfo=VN), "Giao ban tháng 01/2026")
    old = live(dt.datetime(2024, 12, 10, 8, 30, tzinfo=VN), "Giao ban tháng 12/2024")
    d = {}
    d["on_time"] = DirectiveFactory(meeting=m, lead_unit=a, deadline="20/02/2026", completed_on=dt.date(2026, 2, 18))
    d["late"] = DirectiveFactory(meeting=m, lead_unit=a, deadline="20/02/2026", completed_on=dt.date(2026, 2, 25))
    d["overdue_a"] = DirectiveFactory(meeting=m, lead_unit=a, deadline="01/03/2026", text="Nhiệm vụ quá hạn của Cục")
    d["open"] = DirectiveFactory(meeting=m, lead_unit=a, deadline="trong tháng 04/2026")
    d["ongoing"] = DirectiveFactory(meeting=m, lead_unit=a, deadline="thường xuyên")
    d["overdue_b"] = DirectiveFactory(meeting=m, lead_unit=b, deadline="01/02/2026", text="Nhiệm vụ quá hạn của Vụ")
    d["reported"] = DirectiveFactory(
        meeting=m, lead_unit=b, deadline="31/03/2026", reported_done_on=dt.date(2026, 3, 5)
    )
    d["old"] = DirectiveFactory(meeting=old, lead_unit=b, deadline="31/01/2025", text="Nhiệm vụ tồn đọng từ 2024")
    return {"a": a, "b": b, "head": head.user, **d}


# -- figures ---------------------------------------------------------------------------------


def test_turnaround_median_and_p90_per_month(articles):
    rows = [(r.app, r.month, r.items, round(r.median_hours, 2), round(r.p90_hours, 2)) for r in selectors.turnaround()]
    # March: 1 h, 2 h, 6 h → median 2 h; p90 = 2 + 0.8 × (6 − 2) = 5.2 h (linear, as
    # percentile_cont). February: one item of 12 h. The article of 13 months ago is out.
    assert rows == [("news", "2026-02", 1, 12.0, 12.0), ("news", "2026-03", 3, 2.0, 5.2)]


def test_return_rate_is_returns_over_submissions(articles):
    rows = [(r.month, r.submits, r.returns, r.rate) for r in selectors.return_rates()]
    # March: 5 submissions (1 h, returned, resubmitted, 6 h, waiting), 1 return.
    assert rows == [("2026-02", 1, 0, 0.0), ("2026-03", 5, 1, 0.2)]


def test_waiting_items_oldest_first_with_waiting_time(articles, clock):
    rows = selectors.waiting()
    assert [(r.item.pk, r.since, r.hours(NOW)) for r in rows] == [
        (articles["waiting"].pk, dt.datetime(2026, 3, 9, 9, 0, tzinfo=VN), 24.0)
    ]


def test_directive_completion_per_unit(directives):
    rows = selectors.directive_completion(today=TODAY)
    assert [(r["lead_unit__name"], r["total"], r["on_time"], r["late"], r["overdue"], r["open"], r["ongoing"])
            for r in rows] == [
        ("Cục Chuyển đổi số quốc gia", 5, 1, 1, 1, 1, 1),
        ("Vụ Kế hoạch - Tài chính", 2, 0, 0, 1, 1, 0),
    ]  # fmt: skip


def test_top_overdue_longest_first_with_days(directives):
    rows = selectors.top_overdue(today=TODAY)
    assert [(d.pk, d.days_overdue) for d in rows] == [
        (directives["old"].pk, 403),
        (directives["overdue_b"].pk, 37),
        (directives["overdue_a"].pk, 9),
    ]


# -- the page, its tables and CSV downloads ----------------------------------------------------


def _table(html: str, table_id: str) -> str:
    start = html.index(f'id="{table_id}"')
    return html[start : html.index("</table>", start)]


def test_board_sees_every_figure_in_vietnamese_formats(client, board, articles, directives):
    client.force_login(board)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    turnaround = _table(html, "bang-thoi-gian-duyet")
    assert '<th scope="row">Tin tức</th><td>03/2026</td><td class="num">3</td><td class="num">2,0</td>' in turnaround
    assert '<td class="num">5,2</td>' in turnaround
    assert "20,0%" in _table(html, "bang-ty-le-tra-lai")
    waiting = _table(html, "bang-cho-duyet")
    assert "Bài đang chờ duyệt" in waiting and "1 ngày" in waiting and "Thứ hai, 09/03/2026 09:00" in waiting
    assert "403" in _table(html, "bang-qua-han")
    # Charts: server-side SVG with a name, text on every bar, no inline style or script.
    assert html.count('<svg class="db-chart"') == 5
    assert 'role="img"' in html and "trung vị 2,0 giờ" in html and "phân vị 90: 5,2 giờ" in html
    assert "<script>" not in html.split("<main", 1)[-1] and "style=" not in html.split("<main", 1)[-1]


def test_secretariat_sees_directives_only(client, articles, directives):
    clerk = factories.make_user(Role.SECRETARIAT, "vp_dashboard")
    client.force_login(clerk)
    html = client.get(URL).content.decode()
    assert 'id="bang-nhiem-vu-don-vi"' in html and 'id="bang-thoi-gian-duyet"' not in html
    assert "Vụ Kế hoạch - Tài chính" in html
    refused = client.get(reverse("dashboard:csv", args=["thoi-gian-duyet"]))
    assert refused.status_code == 403


def test_unit_head_sees_only_their_unit(client, articles, directives):
    client.force_login(directives["head"])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="bang-thoi-gian-duyet"' not in html and "Bài đang chờ duyệt" not in html
    units = _table(html, "bang-nhiem-vu-don-vi")
    assert "Cục Chuyển đổi số quốc gia" in units and "Vụ Kế hoạch" not in units
    overdue = _table(html, "bang-qua-han")
    assert "Nhiệm vụ quá hạn của Cục" in overdue and "Nhiệm vụ quá hạn của Vụ" not in overdue
    assert "Nhiệm vụ tồn đọng" not in overdue
    body = client.get(reverse("dashboard:csv", args=["qua-han"])).content.decode("utf-8-sig")
    assert "Nhiệm vụ quá hạn của Cục" in body and "của Vụ" not in body


@pytest.mark.parametrize("role", [Role.REPORTER, Role.EDITOR, None])
def test_others_are_refused_in_vietnamese(client, role, directives):
    user = factories.make_user(role, f"khac_{role or 'none'}".replace(" ", "_"), is_staff=True)
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Bảng điều hành chỉ dành cho" in response.content.decode()
    assert client.get(reverse("dashboard:csv", args=["qua-han"])).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_csv_download_matches_the_table_and_is_formula_safe(client, board, articles, directives):
    # A title a spreadsheet would run as a formula.
    factories.ArticleFactory._meta.model.objects.filter(pk=articles["waiting"].pk).update(title="=HYPERLINK(1)")
    client.force_login(board)
    response = client.get(reverse("dashboard:csv", args=["thoi-gian-duyet"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="thoi-gian-duyet-2026-03-10.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Ứng dụng", "Tháng", "Số lượt xuất bản", "Trung vị (giờ)", "Phân vị 90 (giờ)"],
        ["Tin tức", "02/2026", "1", "12,0", "12,0"],
        ["Tin tức", "03/2026", "3", "2,0", "5,2"],
    ]
    waiting = list(
        csv.reader(io.StringIO(client.get(reverse("dashboard:csv", args=["cho-duyet"])).content.decode("utf-8-sig")))
    )
    assert waiting[1][0] == "'=HYPERLINK(1)"
    units = list(
        csv.reader(
            io.StringIO(client.get(reverse("dashboard:csv", args=["nhiem-vu-don-vi"])).content.decode("utf-8-sig"))
        )
    )
    assert units[1] == ["Cục Chuyển đổi số quốc gia", "5", "1", "1", "1", "1", "1"]
    assert client.get("/bang-dieu-hanh/khong-co.csv").status_code == 404


def test_queries_do_not_grow_with_the_data(
    client, administrator, articles, directives, django_assert_max_num_queries, reporter, editor
):
    client.force_login(administrator)
    with django_assert_max_num_queries(QUERY_BOUND):
        assert client.get(URL).status_code == 200
    # More of everything: the same bound.
    for n in range(5):
        item = factories.article(author=reporter, title=f"Thêm bài {n}")
        factories.transition(item, Action.SUBMIT, user=reporter)
        DirectiveFactory(meeting=directives["on_time"].meeting, lead_unit=UnitFactory(), deadline="01/01/2026")
    with django_assert_max_num_queries(QUERY_BOUND):
        assert client.get(URL).status_code == 200


QUERY_BOUND = 15  # measured: the same with five times the items


def test_english_page(client, board, articles):
    client.force_login(board)
    html = client.get("/en" + URL).content.decode()
    assert "<h1" in html and "Leadership dashboard" in html
    assert "Median (hours)" in html and "median 2.0 h" in html and "Download the table (CSV)" in html


def test_months_are_vietnam_time(clock, reporter, board):
    """Published at 01/04 05:00 in Hà Nội (31/03 22:00 UTC): an April figure."""
    item = factories.article(author=reporter, title="Bài đầu tháng tư")
    at(clock, 2026, 4, 1, 2, 0)
    factories.transition(item, Action.SUBMIT, user=reporter)
    at(clock, 2026, 4, 1, 5, 0)
    factories.transition(item, Action.PUBLISH, user=board)
    assert [(r.month, r.median_hours) for r in selectors.turnaround()] == [("2026-04", 3.0)]
    assert [r.month for r in selectors.return_rates()] == ["2026-04"]
