"""Finding 2 of "Approval integrity", in three browsers: two members of the board and an
editor. The board opens a pending article showing text A; the editor then saves text B;
the board clicks "Duyệt và xuất bản" on the page still open. B was published, never seen
by the approver; now the action is refused, the reason shown, with a link to compare the
two versions. The second member, who read B, publishes it; a reader sees B."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from news.models import Article
from portal.editorial.enums import State
from tests import factories
from tests.factories import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT_A = "Doanh thu toàn ngành tháng 1 ước đạt 296.000 tỷ đồng."
TEXT_B = "Doanh thu toàn ngành tháng 1 ước đạt 269.000 tỷ đồng."


def _ctx(browser):
    return browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900})


def test_approval_from_a_page_the_item_changed_under_is_refused(browser, live_server, login_as, shot, axe_check):
    from portal.editorial.enums import Role

    reporter = make_user(Role.REPORTER, "pv-e2e")
    editor = make_user(Role.EDITOR, "btv-e2e")
    board, board2 = make_user(Role.BOARD, "bbt-e2e"), make_user(Role.BOARD, "bbt2-e2e")
    item = factories.article_in_state(
        State.PENDING, author=reporter, title="Doanh thu ngành tháng 1", body=f"<p>{TEXT_A}</p>"
    )
    change = f"{live_server.url}/admin/news/article/{item.pk}/change/"

    # The board opens the pending article: text A.
    bctx = _ctx(browser)
    login_as(bctx, board)
    bp = bctx.new_page()
    bp.goto(change)
    expect(bp.locator(".ck-editor__editable").first).to_contain_text(TEXT_A)

    # The editor, in another browser, changes A to B and saves.
    ectx = _ctx(browser)
    login_as(ectx, editor)
    ep = ectx.new_page()
    ep.goto(change)
    editable = ep.locator(".ck-editor__editable").first
    editable.click()
    ep.keyboard.press("Control+A")
    ep.keyboard.type(TEXT_B)
    ep.click("input[name=_continue]")
    expect(ep.locator(".messagelist")).to_contain_text("thành công")
    item.refresh_from_db()
    assert TEXT_B in item.body

    # The board clicks "Duyệt và xuất bản" on the page still showing A: refused.
    bp.get_by_role("button", name="Duyệt và xuất bản").first.click()
    expect(bp.locator(".wf-refused")).to_contain_text("đã thay đổi sau khi bạn mở trang")
    compare = bp.get_by_role("link", name="So sánh phiên bản bạn đã xem với phiên bản hiện tại")
    expect(compare).to_be_visible()
    shot(bp, "finding2-01-ban-bien-tap-bi-tu-choi")
    axe_check(bp)
    item.refresh_from_db()
    assert item.state == State.PENDING and not item.live

    # The comparison shows what changed: 296.000 became 269.000.
    compare.click()
    expect(bp.locator("del", has_text="296.000")).to_be_visible()
    expect(bp.locator("ins", has_text="269.000")).to_be_visible()
    shot(bp, "finding2-02-so-sanh-hai-phien-ban")

    # The second member reads B and publishes it; readers see B.
    b2ctx = _ctx(browser)
    login_as(b2ctx, board2)
    b2 = b2ctx.new_page()
    b2.goto(change)
    expect(b2.locator(".ck-editor__editable").first).to_contain_text(TEXT_B)
    b2.get_by_role("button", name="Duyệt và xuất bản").first.click()
    expect(b2.locator(".wf-current")).to_contain_text("Đã xuất bản")
    published = Article.objects.get(pk=item.pk)
    assert published.live and TEXT_B in published.body

    reader = _ctx(browser).new_page()
    reader.goto(f"{live_server.url}{published.get_absolute_url()}")
    expect(reader.locator("main")).to_contain_text(TEXT_B)
    for ctx in (bctx, ectx, b2ctx, reader.context):
        ctx.close()
