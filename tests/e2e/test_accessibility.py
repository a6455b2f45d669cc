"""axe-core finds no WCAG 2.1 A/AA violation on the public news pages."""

import pytest

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(reporter, board):
    cat = factories.category(name="Tin hoạt động", slug="tin-hoat-dong")
    arts = [
        factories.published_article(author=reporter, approver=board, cat=cat, title=f"Chuyển đổi số quốc gia, bài {n}")
        for n in range(3)
    ]
    return arts


@pytest.mark.parametrize(
    "name,path",
    [
        ("trang-chu", "/"),
        ("danh-sach", "/tin-tuc/"),
        ("chuyen-muc", "/tin-tuc/tin-hoat-dong/"),
        ("tim-kiem", "/tim-kiem/?q=chuyen+doi+so"),
        ("english", "/en/"),
    ],
)
def test_public_pages_have_no_wcag_violations(page, live_server, content, axe_check, shot, name, path):
    page.goto(live_server.url + path)
    shot(page, f"axe-{name}")
    axe_check(page)


def test_article_page_has_no_wcag_violations_also_in_high_contrast(page, live_server, content, axe_check, shot):
    page.goto(live_server.url + content[0].get_absolute_url())
    axe_check(page)
    page.get_by_role("button", name="Tương phản cao").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    assert "contrast" in page.evaluate("document.documentElement.className")
    shot(page, "axe-bai-viet-tuong-phan-cao")
    axe_check(page)
    page.reload()
    # Remembered per browser.
    assert "contrast" in page.evaluate("document.documentElement.className")
    assert page.evaluate("document.documentElement.getAttribute('data-fs')") == "1"
