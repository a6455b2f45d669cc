"""A reporter writes, the board returns, the reporter fixes, the board publishes, and an
anonymous reader finds the article on the home page, in search and in the feed."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from news.models import Article
from portal.editorial.enums import State
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Chuyển đổi số ở Trung tâm Thông tin: thử nghiệm quy trình duyệt"


def _jpeg(tmp_path):
    img = Image.new("RGB", (1000, 600), (163, 21, 26))
    buf = io.BytesIO()
    img.save(buf, "JPEG")
    path = tmp_path / "hoi-nghi.jpg"
    path.write_bytes(buf.getvalue())
    return path


def _workflow(page, action_label, reason=None):
    form = page.locator(".wf-action", has=page.get_by_role("button", name=action_label))
    if reason:
        form.locator("textarea").fill(reason)
    form.get_by_role("button", name=action_label).click()


def test_reporter_board_reader_journey(browser, live_server, login_as, shot, reporter, board, tmp_path):
    factories.category(name="Chuyển đổi số", slug="chuyen-doi-so")
    base = live_server.url

    # The reporter writes the article with a cover image and submits it.
    rctx = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    login_as(rctx, reporter)
    rp = rctx.new_page()
    rp.goto(f"{base}/admin/news/article/add/")
    rp.fill("#id_title", TITLE)
    rp.fill("#id_lead", "Trung tâm Thông tin thử nghiệm quy trình duyệt bài mới trên Cổng TTĐT.")
    editable = rp.locator(".ck-editor__editable").first
    editable.click()
    editable.type("Bài viết được soạn trong trình soạn thảo CKEditor 5 và gửi Ban Biên tập duyệt.")
    rp.set_input_files("#id_cover_upload", str(_jpeg(tmp_path)))
    rp.fill("#id_cover_alt", "Toàn cảnh hội nghị tại Trung tâm Thông tin")
    rp.select_option("#id_category", label="Chuyển đổi số")
    rp.click("input[name=_continue]")
    expect(rp.locator(".wf-current")).to_contain_text("Nháp")
    shot(rp, "01-phong-vien-soan-bai")
    _workflow(rp, "Gửi duyệt")
    expect(rp.locator(".wf-current")).to_contain_text("Chờ duyệt")
    article = Article.objects.get(title=TITLE)
    assert article.cover is not None and article.state == State.PENDING

    # The board returns it with a reason.
    bctx = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    login_as(bctx, board)
    bp = bctx.new_page()
    change_url = f"{base}/admin/news/article/{article.pk}/change/"
    bp.goto(change_url)
    _workflow(bp, "Trả lại", reason="Cần bổ sung nguồn tin và tên tác giả.")
    expect(bp.locator(".wf-current")).to_contain_text("Trả lại")
    expect(bp.locator(".wf-timeline")).to_contain_text("Cần bổ sung nguồn tin và tên tác giả.")
    shot(bp, "02-ban-bien-tap-tra-lai")

    # The reporter fixes it and resubmits.
    rp.goto(change_url)
    rp.fill("#id_byline", "Minh Thùy")
    rp.fill("#id_source", "Theo Trung tâm Thông tin")
    rp.click("input[name=_continue]")
    _workflow(rp, "Gửi duyệt")
    expect(rp.locator(".wf-current")).to_contain_text("Chờ duyệt")

    # The board publishes.
    bp.goto(change_url)
    _workflow(bp, "Duyệt và xuất bản")
    expect(bp.locator(".wf-current")).to_contain_text("Đã xuất bản")
    shot(bp, "03-ban-bien-tap-xuat-ban")

    # An anonymous reader finds it on the home page, in search without diacritics, and in RSS.
    actx = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    ap = actx.new_page()
    ap.goto(f"{base}/")
    expect(ap.get_by_role("link", name=TITLE).first).to_be_visible()
    shot(ap, "04-trang-chu")
    ap.goto(f"{base}/tim-kiem/?q=chuyen+doi+so+trung+tam+thong+tin")
    expect(ap.locator(".results")).to_contain_text(TITLE)
    expect(ap.locator(".results mark").first).to_be_visible()
    shot(ap, "05-tim-kiem-khong-dau")
    ap.get_by_role("link", name=TITLE).click()
    expect(ap.locator("h1")).to_have_text(TITLE)
    expect(ap.locator(".byline")).to_have_text("Minh Thùy")
    expect(ap.locator(".cover img")).to_have_attribute("alt", "Toàn cảnh hội nghị tại Trung tâm Thông tin")
    shot(ap, "06-bai-viet")
    rss = ap.request.get(f"{base}/rss/").text()
    assert TITLE in rss
    assert re.search(r"<item>.*Chuyển đổi số ở Trung tâm Thông tin", rss, re.S)
    for ctx in (rctx, bctx, actx):
        ctx.close()
