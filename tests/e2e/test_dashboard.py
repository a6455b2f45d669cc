"""The leadership dashboard on a phone (390 px) and a desktop (1366 px): no sideways
scroll, every chart and table on screen, axe clean in both contrast modes."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Meeting
from portal.editorial.enums import Action, Role, State
from tests import factories
from tests.factories import DirectiveFactory, MeetingFactory, UnitFactory, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1366])
def test_dashboard_readable_on_phone_and_desktop(browser, live_server, login_as, shot, axe_check, width):
    reporter, editor = make_user(Role.REPORTER, "pv_db"), make_user(Role.EDITOR, "btv_db")
    board, admin = make_user(Role.BOARD, "bbt_db"), make_user(Role.ADMIN, "qt_db")
    for n in range(3):
        item = factories.article(author=reporter, title=f"Chuyển đổi số quốc gia: kết quả tháng, bài số {n + 1}")
        factories.transition(item, Action.SUBMIT, user=reporter)
        if n == 1:
            factories.transition(item, Action.RETURN, user=editor, comment="Bổ sung số liệu.")
            factories.transition(item, Action.SUBMIT, user=reporter)
        if n < 2:
            factories.transition(item, Action.PUBLISH, user=board)
    today = timezone.localdate()
    meeting = MeetingFactory(
        author=editor, title="Giao ban quản lý nhà nước", start_at=timezone.now() - dt.timedelta(days=20)
    )
    Meeting.objects.filter(pk=meeting.pk).update(live=True, state=State.PUBLISHED, publish_at=timezone.now())
    for unit_name in ("Cục Chuyển đổi số quốc gia", "Trung tâm Thông tin"):
        unit = UnitFactory(name=unit_name)
        for days in (-12, 5):
            DirectiveFactory(meeting=meeting, lead_unit=unit, deadline=today + dt.timedelta(days=days),
                             text="Triển khai nền tảng số dùng chung của Bộ với nội dung dài để kiểm tra xuống dòng")  # fmt: skip
        DirectiveFactory(meeting=meeting, lead_unit=unit, deadline="thường xuyên")
    ctx = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": width, "height": 900})
    login_as(ctx, admin)
    page = ctx.new_page()
    page.goto(f"{live_server.url}/bang-dieu-hanh/")
    expect(page.locator("h1")).to_have_text("Bảng điều hành")
    expect(page.locator("#bang-qua-han")).to_contain_text("12")
    assert page.locator("svg.db-chart").count() == 5
    for contrast in (False, True):
        if contrast:
            page.evaluate("document.documentElement.classList.add('contrast')")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scroll"
        for chart in page.locator("svg.db-chart").all():
            box = chart.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, "chart on screen"
        shot(page, f"dashboard-{width}{'-tuong-phan-cao' if contrast else ''}")
        axe_check(page)
    ctx.close()
