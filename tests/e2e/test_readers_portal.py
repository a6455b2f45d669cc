"""Done-when of the readers' portal: every public page type, at 390 px (a phone) and
1366 px (a desktop), in both languages and both contrast modes, has no horizontal
overflow and no WCAG 2.1 A/AA violation (axe-core). Screenshots for review go to
test-results/screenshots/readers-*.png. One browser session for the whole tour."""

from __future__ import annotations

import io

import pytest

from tests import factories
from tests.e2e.conftest import AXE, SHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1366)


@pytest.fixture
def portal(reporter, editor, board, administrator):
    """The news and statistics demos, and a published meeting record."""
    from django.db import transaction

    from meetings.models import Meeting
    from news import demo as news_demo
    from news.models import Article, Tag
    from portal.editorial.enums import Action, Role
    from stats import demo as stats_demo
    from stats.models import Indicator

    users = {Role.REPORTER: reporter, Role.EDITOR: editor, Role.BOARD: board, Role.ADMIN: administrator}
    with transaction.atomic():
        news_demo.load(users=users, stdout=io.StringIO())
    with transaction.atomic():
        stats_demo.load(users=users, stdout=io.StringIO())
    meeting = factories.MeetingFactory(author=editor, is_internal=False)
    factories.transition(meeting, Action.SUBMIT, user=editor)
    factories.transition(meeting, Action.PUBLISH, user=board)
    assert Meeting.objects.filter(pk=meeting.pk, live=True).exists()
    vi = Article.objects.filter(language="vi", live=True, translation__isnull=False, is_internal=False).first()
    en = vi.translation
    tag = Tag.objects.filter(articles=vi).first()
    indicator = Indicator.objects.order_by("pk").first()
    return {
        "vi": [
            ("trang-chu", "/"),
            ("tin-tuc", "/tin-tuc/"),
            ("chuyen-muc", vi.category.get_absolute_url()),
            ("bai-viet", vi.get_absolute_url()),
            ("the", tag.get_absolute_url()),
            ("tac-gia", f"/tin-tuc/tac-gia/{vi.byline_slug}/"),
            ("tim-kiem", "/tim-kiem/?q=chuyen+doi+so"),
            ("giao-ban", "/giao-ban/"),
            ("cuoc-hop", meeting.get_absolute_url()),
            ("thong-ke", "/thong-ke/"),
            ("ky-thong-ke", "/thong-ke/2022-01/"),
            ("chi-so", f"/thong-ke/chi-so/{indicator.code}/"),
            ("khong-tim-thay", "/trang-khong-ton-tai/"),
        ],
        "en": [
            ("home", "/en/"),
            ("news", "/en/tin-tuc/"),
            ("category", "/en" + vi.category.get_absolute_url()),
            ("article", en.get_absolute_url()),
            ("author", f"/en/tin-tuc/tac-gia/{en.byline_slug}/"),
            ("search", "/en/tim-kiem/?q=digital"),
            ("meetings", "/en/giao-ban/"),
            ("statistics", "/en/thong-ke/"),
            ("release", "/en/thong-ke/2022-01/"),
            ("indicator", f"/en/thong-ke/chi-so/{indicator.code}/"),
        ],
    }


def _axe(page) -> list[str]:
    # Evaluated over DevTools: the pages' Content-Security-Policy refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;window.axe = axe; true")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a','wcag2aa','wcag21a','wcag21aa']}})"
    )
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def test_every_public_page_at_both_widths_languages_and_contrasts(browser, live_server, portal):
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for width in WIDTHS:
        context = browser.new_context(
            viewport={"width": width, "height": 844 if width < 500 else 900},
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
        )
        page = context.new_page()
        for contrast in (False, True):
            page.goto(live_server.url + "/")
            page.evaluate(f"localStorage.setItem('contrast', '{int(contrast)}')")
            for language in ("vi", "en"):
                for name, path in portal[language]:
                    response = page.goto(live_server.url + path)
                    where = f"{width}px {'tương phản' if contrast else 'thường'} {language} {path}"
                    expected = 404 if name == "khong-tim-thay" else 200
                    if response.status != expected:
                        problems.append(f"{where}: HTTP {response.status}")
                    assert page.evaluate("document.documentElement.classList.contains('contrast')") == contrast
                    overflow = page.evaluate(
                        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                    )
                    if overflow > 0:
                        problems.append(f"{where}: {overflow} px of horizontal overflow")
                    problems += [f"{where}: {found}" for found in _axe(page)]
                    mode = "tuong-phan" if contrast else "thuong"
                    page.screenshot(path=str(SHOTS / f"readers-{width}-{mode}-{language}-{name}.png"), full_page=True)
        context.close()
    assert problems == [], "\n".join(problems)


def test_phone_header_is_compact_and_its_menu_button_works(browser, live_server, portal):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/")
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] < 100  # was ~290 px of 844
    button = page.get_by_role("button", name="Menu")
    assert button.get_attribute("aria-expanded") == "false"
    assert not page.locator("#site-nav").is_visible()
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    button.click()
    assert page.locator(".menu-toggle").get_attribute("aria-expanded") == "true"
    assert page.get_by_role("link", name="Thống kê", exact=True).is_visible()
    # Every target in the open menu is at least 44 px high.
    for link in page.locator("#site-nav a, #site-tools button, #site-tools a").all():
        assert link.bounding_box()["height"] >= 44, link.inner_text()
    page.get_by_role("link", name="Tin tức", exact=True).click()
    assert page.url.endswith("/tin-tuc/")
    # Without scripts the menu is simply shown: no dead button.
    nojs = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    bare = nojs.new_page()
    bare.goto(live_server.url + "/")
    assert bare.locator("#site-nav").is_visible() and not bare.locator(".menu-toggle").is_visible()
    nojs.close()
    context.close()


def test_contrast_toggle_says_its_state_and_font_steps_are_symmetric(browser, live_server, portal):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/tin-tuc/")
    toggle = page.locator("#contrast-toggle")
    assert toggle.get_attribute("aria-pressed") == "false" and "đang tắt" in toggle.inner_text()
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true" and "đang bật" in toggle.inner_text()

    def size():
        return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")

    base = size()
    bigger = page.locator("[data-fs-step='1']")
    smaller = page.locator("[data-fs-step='-1']")
    ups = []
    for _ in range(3):
        bigger.click(force=True)  # the third press: the button says it is disabled
        ups.append(size())
    page.locator("[data-fs-step='0']").click()
    assert size() == base
    downs = []
    for _ in range(3):
        smaller.click(force=True)
        downs.append(size())
    # Two steps each way, the same size of step, the third press does nothing.
    assert ups[2] == ups[1] > ups[0] > base and downs[2] == downs[1] < downs[0] < base
    assert round(ups[0] - base, 2) == round(base - downs[0], 2) and round(ups[1] - base, 2) == round(base - downs[1], 2)
    assert smaller.get_attribute("aria-disabled") == "true"
    page.reload()  # remembered
    assert size() == downs[1] and page.locator("#contrast-toggle").get_attribute("aria-pressed") == "true"
    context.close()


def test_star_rating_by_keyboard(browser, live_server, portal):
    from news.models import Article

    article = Article.objects.filter(language="vi", live=True, is_internal=False).order_by("pk").first()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url() + "#danh-gia")
    stars = page.locator(".stars .star")
    assert stars.count() == 5
    for i in range(5):
        box = stars.nth(i).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
    page.get_by_role("radio", name="1 sao").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("radio", name="3 sao").is_checked()
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert "Cảm ơn bạn đã đánh giá" in page.content()
    context.close()
