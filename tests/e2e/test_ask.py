""" "Hỏi số liệu" in the browser: a reader types a question into the box of the home page's
statistics section and of /thong-ke/, and reads the answer (figure, sentence, source links,
the chart of a series question). axe-core checks the home page, /thong-ke/ and both answers."""

import pytest
from playwright.sync_api import expect

from tests.ask.conftest import build

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def figures(transactional_db, reporter, administrator, board):
    return build(reporter=reporter, administrator=administrator, board=board)


def test_question_box_on_home_and_statistics(figures, live_server, page, axe_check, shot):
    page.goto(live_server.url + "/")
    box = page.locator("#thong-ke-moi-nhat form.ask-box")
    expect(box).to_be_visible()
    axe_check(page)
    box.get_by_label("Hỏi số liệu").fill("Thuê bao smarphone tháng 1/2022 so với cùng kỳ?")
    box.get_by_role("button", name="Hỏi").click()
    expect(page.locator("#so-lieu")).to_have_text("91,32")
    expect(page.locator("#cau-tra-loi")).to_have_text(
        "Tháng 01/2022, số thuê bao điện thoại smartphone đạt 91,32 triệu, tăng 1,01% so với cùng kỳ năm 2021."
    )
    expect(page.locator("#hieu-cau-hoi")).to_contain_text("Số thuê bao điện thoại smartphone")
    shot(page, "ask-answer")
    axe_check(page)
    page.locator("#link-ky-cong-bo").click()
    expect(page).to_have_url(live_server.url + "/thong-ke/2022-01/")

    page.goto(live_server.url + "/thong-ke/")
    box = page.locator("form.ask-box")
    expect(box).to_be_visible()
    axe_check(page)
    box.get_by_label("Hỏi số liệu").fill("su co tu thang 1 den thang 6/2021")
    box.get_by_role("button", name="Hỏi").click()
    expect(page.locator("#so-lieu")).to_have_text("1.100")
    expect(page.locator("svg#bieu-do-hoi-so-lieu")).to_be_visible()
    expect(page.locator("table.ask-series tbody tr")).to_have_count(6)
    shot(page, "ask-series")
    axe_check(page)
    page.locator("html").evaluate("el => el.classList.add('contrast')")
    axe_check(page)
