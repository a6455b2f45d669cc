"""Issue "The editor's desk", in Chromium: what a reporter, an editor and two members of
the board do at the desk every day. One browser for the module; each person in a context
of their own. The screenshots of docs/huong-dan-bien-tap.md are taken here."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import transaction
from playwright.sync_api import expect

from news.models import Article
from portal.editorial import services as wf
from portal.editorial.enums import RevisionKind, Role, State
from tests import factories
from tests.factories import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GUIDE_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "img" / "huong-dan"


def _ctx(browser, user, login_as):
    ctx = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900})
    login_as(ctx, user)
    return ctx


def _guide_shot(page, name: str) -> None:
    """A screenshot of the guide (the top of the page, as the reader of the guide sees it)."""
    GUIDE_SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(GUIDE_SHOTS / f"{name}.png"))


def _change(live_server, item) -> str:
    return f"{live_server.url}/admin/news/article/{item.pk}/change/"


def _top_actions(page):
    return page.locator(".wf-lead")


@pytest.fixture
def people(db):
    return {
        "reporter": make_user(Role.REPORTER, "pv-desk", first_name="Thùy", last_name="Nguyễn Minh"),
        "editor": make_user(Role.EDITOR, "btv-desk", first_name="Hùng", last_name="Trần Văn"),
        "board": make_user(Role.BOARD, "bbt-desk", first_name="Lan", last_name="Phạm Thị"),
        "board2": make_user(Role.BOARD, "bbt2-desk", first_name="Minh", last_name="Lê Quang"),
    }


def test_a_board_edits_a_title_and_returns_the_edit_is_kept(browser, live_server, login_as, people, shot):
    item = factories.article_in_state(State.PENDING, author=people["reporter"], title="Tiêu đề có lỗi chínhh tả")
    ctx = _ctx(browser, people["board"], login_as)
    page = ctx.new_page()
    page.goto(_change(live_server, item))
    lead = _top_actions(page)
    expect(lead).to_contain_text("Chờ duyệt")
    expect(lead.get_by_role("button", name="Trả lại")).to_be_visible()
    _guide_shot(page, "1-dau-trang-bai-cho-duyet")
    page.fill("#id_title", "Tiêu đề đã sửa chính tả")
    page.fill("#wf-comment", "Cần bổ sung nguồn số liệu.")
    lead.get_by_role("button", name="Trả lại").click()
    expect(page.locator(".messagelist")).to_contain_text("Trả lại")
    expect(page.locator(".wf-lead")).to_contain_text("Cần bổ sung nguồn số liệu.")
    shot(page, "desk-a-tra-lai-giu-phan-sua")
    item.refresh_from_db()
    assert item.state == State.RETURNED and item.title == "Tiêu đề đã sửa chính tả"
    kept = wf.revisions_of(item).filter(kind=RevisionKind.SAVE).first()
    assert kept.created_by == people["board"] and kept.data["title"] == "Tiêu đề đã sửa chính tả"

    # The reporter opens it: the reason stands beside the "Trả lại" badge.
    rctx = _ctx(browser, people["reporter"], login_as)
    rp = rctx.new_page()
    rp.goto(_change(live_server, item))
    expect(rp.locator(".wf-lead .wf-state")).to_have_text("Trả lại")
    expect(rp.locator(".wf-return-reason")).to_contain_text("Cần bổ sung nguồn số liệu.")
    _guide_shot(rp, "2-bai-bi-tra-lai")
    ctx.close()
    rctx.close()


def test_b_edits_then_approve_keeps_the_edit_and_another_member_publishes_it(
    browser, live_server, login_as, people, shot
):
    item = factories.article_in_state(
        State.PENDING, author=people["reporter"], title="Doanh thu tháng 1", body="<p>Doanh thu đạt 100 tỷ đồngg.</p>"
    )
    ctx = _ctx(browser, people["board"], login_as)
    page = ctx.new_page()
    page.goto(_change(live_server, item))
    editable = page.locator(".ck-editor__editable").first
    editable.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Doanh thu đạt 100 tỷ đồng.")
    _top_actions(page).get_by_role("button", name="Duyệt và xuất bản").click()
    # The second pair of eyes: the edit is kept, the approval needs another member.
    expect(page.locator(".wf-refused")).to_contain_text("thành viên Ban Biên tập khác")
    expect(page.locator(".wf-refused")).to_contain_text("đã được lưu")
    item.refresh_from_db()
    assert item.state == State.PENDING and "100 tỷ đồng." in item.body and not item.live

    ctx2 = _ctx(browser, people["board2"], login_as)
    p2 = ctx2.new_page()
    p2.goto(_change(live_server, item))
    _top_actions(p2).get_by_role("button", name="Duyệt và xuất bản").click()
    expect(p2.locator(".messagelist")).to_contain_text("Đã thực hiện")
    reader = browser.new_page()
    reader.goto(live_server.url + Article.objects.get(pk=item.pk).get_absolute_url())
    expect(reader.locator("main")).to_contain_text("Doanh thu đạt 100 tỷ đồng.")
    assert "đồngg" not in reader.content()
    for c in (ctx, ctx2, reader.context):
        c.close()


def test_leaving_a_form_with_unsaved_edits_asks_first(browser, live_server, login_as, people):
    item = factories.article(author=people["reporter"], title="Bài nháp")
    ctx = _ctx(browser, people["reporter"], login_as)
    page = ctx.new_page()
    page.goto(_change(live_server, item))
    page.wait_for_timeout(500)  # the page's first picture of the form is taken after loading
    page.click("#id_title")
    page.keyboard.type(" mới")
    asked = []

    def on_dialog(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.evaluate("window.location.href = '/admin/'")
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert "/change/" in page.url  # stayed on the form
    ctx.close()


def test_c_a_reporter_corrects_a_live_article_and_the_board_approves(browser, live_server, login_as, people, shot):
    item = factories.published_article(
        author=people["reporter"], approver=people["board"], title="Sản lượng bưu chính", body="<p>Tăng 12,5%.</p>"
    )
    url = Article.objects.get(pk=item.pk).get_absolute_url()
    ctx = _ctx(browser, people["reporter"], login_as)
    page = ctx.new_page()
    page.goto(_change(live_server, item))
    _guide_shot(page, "3-dinh-chinh-bai-da-xuat-ban")
    editable = page.locator(".ck-editor__editable").first
    editable.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Tăng 15,2% so với cùng kỳ.")
    page.fill("#wf-comment", "Đính chính số liệu theo báo cáo của Vụ Bưu chính.")
    _top_actions(page).get_by_role("button", name="Gửi duyệt bản đính chính").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã thực hiện")
    expect(page.locator(".wf-lead")).to_contain_text("bản cũ vẫn đang xuất bản")

    reader = browser.new_page()
    reader.goto(live_server.url + url)
    expect(reader.locator("main")).to_contain_text("Tăng 12,5%.")  # readers keep the approved text

    bctx = _ctx(browser, people["board2"], login_as)
    bp = bctx.new_page()
    bp.goto(_change(live_server, item))
    _top_actions(bp).get_by_role("button", name="Duyệt và xuất bản").click()
    expect(bp.locator(".messagelist")).to_contain_text("Đã thực hiện")
    reader.goto(live_server.url + url)
    expect(reader.locator("main")).to_contain_text("Tăng 15,2% so với cùng kỳ.")
    for c in (ctx, bctx, reader.context):
        c.close()


def test_d_restore_an_old_revision(browser, live_server, login_as, people, shot):
    item = factories.article(author=people["reporter"], title="Tiêu đề ban đầu")
    ctx = _ctx(browser, people["reporter"], login_as)
    page = ctx.new_page()
    page.goto(_change(live_server, item))
    page.fill("#id_title", "Tiêu đề sửa nhầm")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("thành công")
    page.get_by_role("link", name="So với hiện tại, khôi phục #1").click()
    expect(page.locator(".wf-compare")).to_contain_text("Tiêu đề ban đầu")
    _guide_shot(page, "4-so-sanh-va-khoi-phuc")
    page.get_by_role("button", name="Khôi phục phiên bản #1").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã khôi phục nội dung của phiên bản #1")
    expect(page.locator("#id_title")).to_have_value("Tiêu đề ban đầu")
    item.refresh_from_db()
    assert item.title == "Tiêu đề ban đầu"
    assert list(wf.revisions_of(item).order_by("number").values_list("data__title", flat=True)) == [
        "Tiêu đề ban đầu",
        "Tiêu đề sửa nhầm",
        "Tiêu đề ban đầu",
    ]
    ctx.close()


def test_e_queue_order_flags_assignment_note_and_bulk_publish(browser, live_server, login_as, people, shot, axe_check):
    import datetime as dt

    from django.utils import timezone

    reporter, editor, board, board2 = (people[k] for k in ("reporter", "editor", "board", "board2"))
    start = timezone.now()
    first = factories.article(author=reporter, title="Bài chờ lâu nhất")
    factories.transition(first, "submit", user=reporter, comment="Em đã kiểm tra số liệu.")
    scheduled = factories.article(author=reporter, title="Bài hẹn giờ", publish_at=start + dt.timedelta(days=2))
    factories.transition(scheduled, "submit", user=reporter)
    live = factories.published_article(author=reporter, approver=board2, title="Bài đang xuất bản")
    with transaction.atomic():  # the board's own change to the live article, as the admin saves it
        wf.save_existing(item=live, user=board)
        wf.record_deferred_change(item=live, user=board, m2m={})
    live.refresh_from_db()
    factories.transition(live, "submit", user=board)  # the board's own change

    ctx = _ctx(browser, board, login_as)
    page = ctx.new_page()
    page.goto(live_server.url + "/admin/cho-duyet/")
    rows = page.locator(".wf-queue-row")
    expect(rows).to_have_count(3)
    assert [rows.nth(i).get_attribute("data-title") for i in range(3)] == [
        "Bài chờ lâu nhất",
        "Bài hẹn giờ",
        "Bài đang xuất bản",
    ]
    expect(rows.nth(0)).to_contain_text("Em đã kiểm tra số liệu.")
    expect(rows.nth(1)).to_contain_text("Hẹn giờ")
    expect(rows.nth(2)).to_contain_text("Thay đổi bài đang xuất bản")
    axe_check(page)
    _guide_shot(page, "5-hang-cho-duyet")

    # Giao cho: the first item to the editor.
    rows.nth(0).locator("select").select_option(label="Trần Văn Hùng")
    rows.nth(0).get_by_role("button", name="Giao").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã giao “Bài chờ lâu nhất” cho Trần Văn Hùng")
    expect(page.locator(".wf-queue-row").nth(0)).to_contain_text("Trần Văn Hùng")

    # The editor finds it under "Việc của tôi" and writes a note to the reporter.
    ectx = _ctx(browser, editor, login_as)
    ep = ectx.new_page()
    ep.goto(live_server.url + "/admin/viec-cua-toi/")
    expect(ep.locator(".wf-queue-row", has_text="Bài chờ lâu nhất")).to_contain_text("Trần Văn Hùng")
    axe_check(ep)
    _guide_shot(ep, "6-viec-cua-toi")
    ep.get_by_role("link", name="Bài chờ lâu nhất").click()
    ep.fill("#wf-note-text", "Đoạn 2 cần ghi rõ nguồn.")
    ep.get_by_role("button", name="Gửi lời nhắn").click()
    expect(ep.locator(".wf-notes")).to_contain_text("Đoạn 2 cần ghi rõ nguồn.")
    axe_check(ep)

    # Bulk publish from the article list: the board's own change is refused and named.
    page.goto(live_server.url + "/admin/news/article/?state=pending")
    for title in ("Bài chờ lâu nhất", "Bài hẹn giờ", "Bài đang xuất bản"):
        page.locator("#result_list tr", has_text=title).locator("input.action-select").check()
    page.select_option("select[name=action]", "bulk_publish")
    page.locator("#changelist-form button[name=index]").click()
    messages = page.locator(".messagelist")
    expect(messages).to_contain_text("Đã “Duyệt và xuất bản” 2 mục")
    expect(messages).to_contain_text("Không “Duyệt và xuất bản” được “Bài đang xuất bản”")
    shot(page, "desk-e-duyet-hang-loat")
    assert Article.objects.get(pk=first.pk).live and Article.objects.get(pk=scheduled.pk).live
    assert Article.objects.get(pk=live.pk).state == State.PENDING
    for c in (ctx, ectx):
        c.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_desk_pages_have_no_wcag_violations_in_both_contrast_modes(
    browser, live_server, login_as, people, axe_check, theme
):
    item = factories.article_in_state(State.RETURNED, author=people["reporter"], editor=people["editor"])
    ctx = _ctx(browser, people["board"], login_as)
    page = ctx.new_page()
    page.goto(live_server.url + "/admin/")
    page.evaluate(f"localStorage.setItem('theme', '{theme}')")
    factories.transition(item, "submit", user=people["reporter"])
    for path in (f"/admin/news/article/{item.pk}/change/", "/admin/cho-duyet/", "/admin/viec-cua-toi/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.dataset.theme") == theme
        axe_check(page)
    ctx.close()
