"""Every page runs a fixed number of queries, whatever the number of items on it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import Tag
from portal.core.models import Image
from tests import factories


@pytest.fixture
def world(reporter, board):
    """Adds ``n`` published articles with cover, tags, byline, in two categories."""
    cats = [factories.category(), factories.category()]
    tags = [Tag.objects.create(name=f"Thẻ {i}", slug=f"the-{i}") for i in range(3)]
    state = {"made": 0}

    def add(n):
        for _ in range(n):
            i = state["made"]
            state["made"] += 1
            cover = Image.objects.create(
                alt="Ảnh",
                width=1600,
                height=900,
                renditions={
                    "webp": {"480": f"images/r/{i}-480.webp", "800": f"images/r/{i}-800.webp"},
                    "jpeg": {"480": f"images/r/{i}-480.jpg", "800": f"images/r/{i}-800.jpg"},
                },
                file=f"images/{i}.jpg",
            )
            item = factories.published_article(
                author=reporter,
                approver=board,
                cat=cats[i % 2],
                title=f"Chuyển đổi số bài {i}",
                cover=cover,
                cover_alt="Ảnh bìa",
                byline="Phóng viên",
                featured=(i % 5 == 0),
            )
            item.tags.set(tags)
        return cats

    return add


def count_queries(client, url) -> int:
    cache.clear()  # measure the page itself, not the page cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


PAGES = {
    "home": lambda cats, art: "/",
    "list": lambda cats, art: "/tin-tuc/",
    "list_page_2": lambda cats, art: "/tin-tuc/?trang=2",
    "category": lambda cats, art: cats[0].get_absolute_url(),
    "article": lambda cats, art: art.get_absolute_url(),
    "search": lambda cats, art: "/tim-kiem/?q=chuyen+doi+so",
    "feed": lambda cats, art: "/rss/",
    "sitemap": lambda cats, art: "/sitemap.xml",
    "english_home": lambda cats, art: "/en/",
}


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_query_count_does_not_grow(client, world, staff_reader, django_assert_max_num_queries, page, who):
    from news.models import Article

    if who == "staff":
        client.force_login(staff_reader)
    n = 8
    cats = world(n)
    art = Article.objects.filter(category=cats[0]).order_by("id").first()
    url = PAGES[page](cats, art)
    small = count_queries(client, url)
    world(2 * n)
    cache.clear()
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200
    # A sanity bound: a page is a handful of queries, not dozens.
    assert small <= 15, f"{page}: {small} queries"


@pytest.mark.parametrize("url", ["/admin/news/article/", "/admin/cho-duyet/", "/admin/news/article/?state=pending"])
def test_admin_lists_query_count_does_not_grow(client, reporter, board, django_assert_max_num_queries, url):
    from portal.editorial import services as wf
    from portal.editorial.enums import Action

    def add(n):
        for i in range(n):
            item = factories.article(author=reporter, title=f"Bài chờ duyệt {i}")
            wf.transition(item=item, action=Action.SUBMIT, user=reporter)

    client.force_login(board)
    add(5)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        assert client.get(url).status_code == 200


ARTICLE_BUDGET = 6  # issue 5: at most 6 SQL queries for an article page, page cache off


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_article_page_budget(client, world, staff_reader, who, settings):
    """Page cache off, no shared cache (nothing kept between requests): the categories,
    the article with its cover, its tags, the related list; signed-in staff add their
    session and account. Translations are read only for articles that have one."""
    from news.models import Article

    settings.PAGE_CACHE = False
    if who == "staff":
        client.force_login(staff_reader)
    cats = world(3)
    art = Article.objects.filter(category=cats[0]).order_by("id").first()
    assert count_queries(client, art.get_absolute_url()) <= ARTICLE_BUDGET


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_article_page_with_the_shared_cache(client, world, staff_reader, settings, tmp_path, who):
    """As production runs with the page cache off. The first request after a publish
    computes what is kept (categories, the next scheduled change, the article's parts, the
    related list): at most 6 queries. Then an anonymous article page is one query: the
    article's narrow row, read every time because whether it may be shown is decided now;
    staff add their session and account, and read the whole row."""
    from news.models import Article
    from portal import pagecache as page_cache

    settings.PAGE_CACHE = False
    settings.CACHES = {"default": {"BACKEND": "portal.pagecache.backends.FileCache", "LOCATION": str(tmp_path / "c")}}
    if who == "staff":
        client.force_login(staff_reader)
    cats = world(3)
    page_cache.bump(reason="test")
    url = Article.objects.filter(category=cats[0]).order_by("id").first().get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    assert len(first.captured_queries) <= ARTICLE_BUDGET
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    sql = [q["sql"] for q in second.captured_queries]
    if who == "anonymous":
        assert len(sql) == 1 and 'FROM "news_article"' in sql[0] and '"body"' not in sql[0]
    else:
        assert len(sql) == 3 and 'FROM "django_session"' in sql[0] and 'FROM "auth_user"' in sql[1]
        assert 'FROM "news_article"' in sql[2]


@pytest.mark.parametrize("path", ["/tin-tuc/?trang=2", "category"])
def test_list_page_rows_are_kept_until_a_publish(client, world, reporter, board, settings, tmp_path, path):
    """Page cache off, the shared cache on (as production runs): a list or category page
    reads its count and its rows once per publication; the next reader of the same page
    runs no query at all, and a publish shows the new article at once."""
    from portal import pagecache as page_cache

    settings.PAGE_CACHE = False
    settings.CACHES = {"default": {"BACKEND": "portal.pagecache.backends.FileCache", "LOCATION": str(tmp_path / "c")}}
    cats = world(45)
    url = cats[0].get_absolute_url() if path == "category" else path
    page_cache.bump(reason="test")
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    assert 1 <= len(first.captured_queries) <= 6
    with CaptureQueriesContext(connection) as second:
        html = client.get(url).content.decode()
    assert second.captured_queries == []
    assert html.count('<article class="card') == 20
    new = factories.published_article(author=reporter, approver=board, cat=cats[0], title="Bài mới nhất vừa duyệt")
    page_one = url.replace("?trang=2", "")
    assert "Bài mới nhất vừa duyệt" in client.get(page_one).content.decode()
    assert new.live


def test_kept_list_cards_are_per_page_and_never_shared_by_tag_pages(client, reporter, board, settings, tmp_path):
    """The cards of a public list page are kept as HTML under the page's own key; tag pages,
    which have no such key, render their own cards every time (a missing key must never be
    one fragment shared by every tag)."""
    settings.PAGE_CACHE = False
    settings.CACHES = {"default": {"BACKEND": "portal.pagecache.backends.FileCache", "LOCATION": str(tmp_path / "c")}}
    cat = factories.CategoryFactory()
    tags = [factories.TagFactory(name=f"Thẻ riêng {n}") for n in range(2)]
    for n, tag in enumerate(tags):
        item = factories.published_article(author=reporter, approver=board, cat=cat, title=f"Tin của thẻ {n}")
        item.tags.add(tag)
    for n, tag in enumerate(tags):
        html = client.get(reverse("news:tag", args=[tag.slug])).content.decode()
        assert f"Tin của thẻ {n}" in html and f"Tin của thẻ {1 - n}" not in html
    first = client.get("/tin-tuc/").content.decode()
    assert first.count('<article class="card') == 2 and client.get("/tin-tuc/").content.decode() == first
    factories.published_article(author=reporter, approver=board, cat=cat, title="Tin mới sau khi giữ trang")
    assert "Tin mới sau khi giữ trang" in client.get("/tin-tuc/").content.decode()
