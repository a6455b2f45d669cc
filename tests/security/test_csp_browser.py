"""Every kind of page works in Chromium under the Content-Security-Policy: the test fails
on any violation (a ``securitypolicyviolation`` event, or a console error, which is where
Chromium reports a blocked inline script, style or handler) and on any script error.

One test: home, news list, category, article,
search, meetings list and record, directive tracker, statistics index, release and
indicator, an English page, the 404 page, the admin's change list, the admin's change form
with CKEditor 5 (typed into and saved), the statistics grid."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Registered before any script of the page runs (DevTools' init scripts are not subject to
# the page's policy): every violation the document sees is kept for the test to read.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
                    " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.fixture
def watched(page):
    """The page, with every console error, script error and violation collected."""
    problems: list[str] = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda msg: msg.type == "error" and problems.append(f"console: {msg.text} ({msg.location.get('url')})"),
    )
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    page.problems = problems
    return page


def visit(page, url: str, *, expect_status: int = 200) -> list[str]:
    """Load ``url``, wait for its scripts (the beacon's answer included) and return what
    went wrong on it."""
    start = len(page.problems)
    response = page.goto(url)
    assert response is not None and response.status == expect_status, (url, response and response.status)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    found = page.problems[start:] + [f"violation: {v}" for v in page.evaluate("window.__csp || []")]
    if expect_status != 200:  # Chromium logs the page's own status as a console error
        found = [p for p in found if f"status of {expect_status}" not in p]
    return found


@pytest.fixture
def content(reporter, editor, board, board2):
    """One item of every kind readers and staff see: an article in a category and a draft,
    a published meeting with a directive, a published release with figures."""
    from portal.editorial.enums import Action
    from stats.models import Indicator
    from tests import factories

    cat = factories.category(name="Chuyển đổi số", slug="chuyen-doi-so")
    article = factories.published_article(
        author=reporter, approver=board, cat=cat, title="Chuyển đổi số trong ngành", body="<p>Nội dung <b>bài</b>.</p>"
    )
    draft = factories.article(author=reporter, cat=cat, title="Bài nháp để sửa", body="<p>Nội dung nháp.</p>")
    meeting = factories.MeetingFactory(author=editor)
    factories.transition(meeting, Action.SUBMIT, user=editor)
    factories.transition(meeting, Action.PUBLISH, user=board)
    factories.DirectiveFactory(meeting=meeting, text="Xây dựng kế hoạch chuyển đổi số")
    release = factories.ReleaseFactory(author=reporter, year=2022, month=1)
    indicators = list(Indicator.objects.filter(parent__isnull=True).order_by("order")[:5])
    for n, indicator in enumerate(indicators):
        factories.ValueFactory(release=release, indicator=indicator, value=1000 + n)
    factories.transition(release, Action.SUBMIT, user=reporter)
    factories.transition(release, Action.PUBLISH, user=board2)
    return {
        "article": article,
        "draft": draft,
        "category": cat,
        "meeting": meeting,
        "release": release,
        "indicator": indicators[0],
    }


def test_every_kind_of_page_runs_under_the_policy(watched, live_server, login_as, shot, content, administrator):
    page = watched
    base = live_server.url
    article, category, meeting, release, indicator = (
        content[k] for k in ("article", "category", "meeting", "release", "indicator")
    )

    problems: dict[str, list[str]] = {}

    def check(name: str, path: str, **kw) -> None:
        found = visit(page, base + path, **kw)
        shot(page, f"csp-{name}")
        if found:
            problems[path] = found

    # Readers.
    check("trang-chu", "/")
    check("tin-tuc", "/tin-tuc/")
    check("chuyen-muc", f"/tin-tuc/{category.slug}/")
    check("bai-viet", article.get_absolute_url())
    page.get_by_role("button", name="Tương phản cao").click()  # the furniture's scripts
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.locator("input[name=score][value='4']").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_load_state("networkidle")
    assert "Cảm ơn bạn đã đánh giá" in page.content()
    check("tim-kiem", "/tim-kiem/?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91")
    check("giao-ban", "/giao-ban/")
    check("thong-ke", "/thong-ke/")
    check("ky-thong-ke", f"/thong-ke/{release.year}-{release.month:02d}/")
    check("chi-so", f"/thong-ke/chi-so/{indicator.code}/")
    check("english", "/en/")
    check("404", "/khong-co-trang-nay/", expect_status=404)

    # Staff: the tracker, the admin, CKEditor 5 and the statistics grid.
    login_as(page.context, administrator)
    check("theo-doi-nhiem-vu", "/giao-ban/nhiem-vu/")
    check("giao-ban-chi-tiet", meeting.get_absolute_url())  # an internal record: staff
    check("admin", "/admin/")
    check("admin-danh-sach", reverse("admin:news_article_changelist"))
    draft = content["draft"]
    check("admin-them", reverse("admin:news_article_add"))
    check("admin-sua", reverse("admin:news_article_change", args=[draft.pk]))
    editor = page.locator(".ck-editor__editable").first
    editor.wait_for()
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Đoạn thêm dưới CSP.")
    start = len(page.problems)
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state("networkidle")
    shot(page, "csp-admin-luu")
    assert page.locator(".errornote").count() == 0, page.locator(".errornote").inner_text()
    assert "Đoạn thêm dưới CSP." in page.locator(".ck-editor__editable").first.inner_text()
    draft.refresh_from_db()
    assert "Đoạn thêm dưới CSP." in draft.body
    found = page.problems[start:] + [f"violation: {v}" for v in page.evaluate("window.__csp || []")]
    if found:
        problems["admin save"] = found
    check("bang-so-lieu", reverse("admin:stats_release_grid", args=[release.pk]))

    assert problems == {}, "\n".join(f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items())
