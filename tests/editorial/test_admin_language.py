"""The admin reads as a Vietnamese editor expects: dates as 25/11/2026 18:48, Vietnamese
labels where Django's own catalogue has none, and coloured state badges in the lists."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def test_article_list_dates_labels_and_state_badges(board, reporter):
    item = factories.article(author=reporter, title="Bài kiểm tra định dạng ngày")
    when = timezone.make_aware(dt.datetime(2026, 3, 5, 8, 7), dt.timezone(dt.timedelta(hours=7)))
    type(item).objects.filter(pk=item.pk).update(updated_at=when)
    c = Client()
    c.force_login(board)
    html = c.get("/admin/news/article/").content.decode()
    assert "05/03/2026 08:07" in html
    assert "Ngày 05 tháng" not in html
    assert "Hiện số lượng" in html and "Show counts" not in html
    assert "Thêm bài viết" in html
    assert re.search(r'<span class="wf-state wf-draft">Nháp</span>', html)
    assert "css/admin-editorial" in html


def test_form_error_banner_is_in_vietnamese(board):
    c = Client()
    c.force_login(board)
    html = c.post("/admin/news/category/add/", {"name": "", "slug": "", "order": ""}).content.decode()
    assert "Hãy sửa các lỗi dưới đây." in html
    assert "Please correct" not in html


def test_names_read_family_name_first_in_history_revisions_and_queue(client, board2):
    from portal.editorial import services as wf
    from portal.editorial.enums import Action, Role

    thuy = factories.make_user(Role.REPORTER, "thuy", first_name="Minh Thùy", last_name="Nguyễn")
    item = factories.article(author=thuy, title="Bài của phóng viên Thùy")
    wf.transition(item=item, action=Action.SUBMIT, user=thuy)
    client.force_login(board2)
    for url in (f"/admin/news/article/{item.pk}/change/", "/admin/cho-duyet/"):
        page = client.get(url).content.decode()
        assert "Nguyễn Minh Thùy" in page, url
        assert "Minh Thùy Nguyễn" not in page, url


def test_pre_release_list_and_progress_name_people_family_name_first():
    from portal.editorial.enums import Role
    from stats.models import PreReleaseAccess

    lan = factories.make_user(Role.EDITOR, "lan", first_name="Thị Lan", last_name="Đỗ")
    assert str(PreReleaseAccess.objects.create(user=lan)) == "Đỗ Thị Lan"


# Words of Django's English admin an editor could meet. Vietnamese syllables written
# without marks ("an", "no", "to", "the", "con", "tin") are left out on purpose.
ENGLISH = {
    "save", "delete", "add", "change", "history", "home", "filter", "search", "go", "select",
    "toggle", "theme", "skip", "content", "password", "log", "out", "view", "site", "welcome",
    "documentation", "run", "selected", "action", "actions", "show", "counts", "hide", "recent",
    "my", "none", "available", "today", "now", "choose", "clear", "currently", "yes", "unknown",
    "date", "time", "author", "this", "field", "required", "please", "correct", "error", "errors",
    "below", "object", "objects", "previous", "next", "page", "results", "total", "model", "name",
    "cover", "upload", "close", "sidebar", "start", "typing", "remove", "all", "user", "enter",
    "new", "your", "old", "too", "short", "must", "contain", "least", "characters", "entirely",
    "numeric", "common", "similar", "other", "personal", "information", "can't", "used", "be",
    "of", "and", "or", "with", "for", "is", "are", "by", "from", "you", "drafts", "items",
    "confirmation", "security", "purposes", "twice", "verify", "typed", "it", "main",
}  # fmt: skip
TEXT_RE = re.compile(r"<(script|style)\b.*?</\1>|<!--.*?-->", re.S | re.I)
ATTR_TEXT_RE = re.compile(
    r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"|<input[^>]*type="submit"[^>]*value="([^"]*)"'
)


def english_words(html: str) -> set[str]:
    """The English admin words a reader (or a screen reader) meets on the page."""
    import html as html_lib

    body = TEXT_RE.sub(" ", html)
    texts = [re.sub(r"<[^>]+>", " ", body)]
    texts += [a or b for a, b in ATTR_TEXT_RE.findall(body)]
    words = set()
    for text in texts:
        for word in re.findall(r"[A-Za-z']+", html_lib.unescape(text)):
            if word.lower() in ENGLISH:
                words.add(word)
    return words


def test_no_english_on_the_admin_pages_an_editor_uses(editor, reporter):
    from django.urls import reverse

    from portal.editorial import services as wf
    from tests.factories import article

    item = article(author=reporter, title="Bài kiểm tra ngôn ngữ")
    c = Client()
    c.force_login(reporter)
    c.post(
        reverse("admin:news_article_change", args=[item.pk]),
        factories.article_form_data(item, title="Bài kiểm tra ngôn ngữ, bản hai"),
    )
    numbers = sorted(wf.revisions_of(item).values_list("number", flat=True))
    c.force_login(editor)
    pages = {
        "index": reverse("admin:index"),
        "change list": reverse("admin:news_article_changelist"),
        "change form": reverse("admin:news_article_change", args=[item.pk]),
        "add form": reverse("admin:news_article_add"),
        "history": reverse("admin:news_article_history", args=[item.pk]),
        "compare": reverse("admin:news_article_compare", args=[item.pk]) + f"?a={numbers[0]}&b={numbers[-1]}",
        "queue": reverse("pending_queue"),
        "my work": reverse("my_work"),
        "password change": reverse("admin:password_change"),
    }
    found = {}
    for name, url in pages.items():
        response = c.get(url)
        assert response.status_code == 200, name
        words = english_words(response.content.decode())
        if words:
            found[name] = sorted(words)
    # A too-short password is refused in Vietnamese as well.
    response = c.post(
        reverse("admin:password_change"),
        {"old_password": "sai", "new_password1": "ab1", "new_password2": "ab1"},
    )
    words = english_words(response.content.decode())
    if words:
        found["password change refused"] = sorted(words)
    assert found == {}, found
