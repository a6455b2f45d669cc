"""What readers of both languages find: the language switch to the same page, hreflang both
ways, English dates and plurals, tag and author pages with their feeds, per-category and
English RSS, hand-picked related articles, the "Đọc nhiều" box, sharing and the star rating."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from news.models import Article, Tag
from portal.core import formatting
from tests import factories

SITE = "http://127.0.0.1:8000"


def lang_link(html: str) -> str:
    return re.search(r'<a class="lang" href="([^"]*)"', html).group(1)


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]*)"', html))


@pytest.fixture
def pair(reporter, board):
    """A Vietnamese article and its English version, linked from the English side only
    (as an editor links a translation): the Vietnamese page must find it all the same."""
    cat = factories.category(name="Chuyển đổi số", name_en="Digital transformation", slug="chuyen-doi-so")
    vi = factories.published_article(author=reporter, approver=board, cat=cat, title="Kinh tế số tăng trưởng")
    en = factories.published_article(
        author=reporter, approver=board, cat=cat, language="en", title="Digital economy grows", translation=vi
    )
    return vi, en, cat


def test_language_switch_goes_to_the_translation_both_ways(client, pair):
    vi, en, _cat = pair
    vi_html = client.get(vi.get_absolute_url()).content.decode()
    en_html = client.get(en.get_absolute_url()).content.decode()
    assert lang_link(vi_html) == en.get_absolute_url()
    assert lang_link(en_html) == vi.get_absolute_url()
    assert "Read in English" in vi_html and "Đọc bản tiếng Việt" in en_html


def test_hreflang_both_ways(client, pair):
    vi, en, _cat = pair
    for article in (vi, en):
        links = alternates(client.get(article.get_absolute_url()).content.decode())
        assert links == {"vi": SITE + vi.get_absolute_url(), "en": SITE + en.get_absolute_url()}


def test_without_translation_the_switch_goes_to_the_nearest_index(client, reporter, board, pair):
    _vi, _en, cat = pair
    alone = factories.published_article(author=reporter, approver=board, cat=cat, title="Chỉ có tiếng Việt")
    html = client.get(alone.get_absolute_url()).content.decode()
    assert lang_link(html) == f"/en/tin-tuc/{cat.slug}/"
    assert alternates(html) == {}  # no page in the other language to announce


@pytest.mark.parametrize(
    ("page", "other"),
    [
        ("/", "/en/"),
        ("/en/", "/"),
        ("/tin-tuc/", "/en/tin-tuc/"),
        ("/tin-tuc/chuyen-doi-so/", "/en/tin-tuc/chuyen-doi-so/"),
        ("/en/tin-tuc/chuyen-doi-so/?trang=1", "/tin-tuc/chuyen-doi-so/?trang=1"),
        ("/thong-ke/", "/en/thong-ke/"),
        ("/tim-kiem/?q=chuyen+doi+so", "/en/tim-kiem/?q=chuyen+doi+so"),
    ],
)
def test_language_switch_stays_on_the_same_page(client, pair, page, other):
    html = client.get(page).content.decode()
    assert lang_link(html) == other
    links = alternates(html)
    assert set(links) == {"vi", "en"} and SITE + other in links.values()


def test_the_switch_is_not_shared_between_pages_by_the_cache(client, pair, settings, tmp_path):
    """The header is kept under the publication generation: the switch must not be."""
    settings.CACHES = {"default": {"BACKEND": "portal.pagecache.backends.FileCache", "LOCATION": str(tmp_path / "c")}}
    vi, en, cat = pair
    assert lang_link(client.get("/tin-tuc/").content.decode()) == "/en/tin-tuc/"
    assert lang_link(client.get(vi.get_absolute_url()).content.decode()) == en.get_absolute_url()
    assert lang_link(client.get(f"/tin-tuc/{cat.slug}/").content.decode()) == f"/en/tin-tuc/{cat.slug}/"


def test_english_dates_spell_the_month_out():
    when = timezone.make_aware(dt.datetime(2026, 11, 12, 15, 0))
    assert formatting.format_datetime(when, "en") == "Thursday, 12 November 2026 15:00"
    assert formatting.format_datetime(when, "en", with_time=False) == "Thursday, 12 November 2026"
    assert formatting.format_datetime(when, "vi") == "Thứ năm, 12/11/2026 15:00"


def test_english_pages_translate_the_interface_and_mark_vietnamese(client, pair):
    from portal.core.models import WebsiteLink

    WebsiteLink.objects.create(title="Cổng thông tin điện tử Chính phủ", url="https://chinhphu.vn/")
    _vi, en, _cat = pair
    tag = Tag.objects.create(name="Kinh tế số", slug="kinh-te-so")
    en.tags.set([tag])
    from portal import pagecache

    pagecache.bump(reason="test")
    home = client.get("/en/").content.decode()
    assert 'lang="vi">Cổng thông tin điện tử Chính phủ' in home
    page = client.get(en.get_absolute_url()).content.decode()
    assert f'lang="vi">{tag.name}</a>' in page
    for word in ("Trang chủ", "Tin tức", "Thống kê", "Chia sẻ", "Đánh giá", "Tìm kiếm", "Tương phản", "Tin liên quan"):
        assert word not in page, word
    assert "Related news" in page and "Copy link" in page


def test_plural_forms_in_english(client, reporter, board):
    cat = factories.category(slug="mot-bai")
    factories.published_article(author=reporter, approver=board, cat=cat, language="en", title="Only one")
    assert "1 article<" in client.get("/en/tin-tuc/mot-bai/").content.decode()
    factories.published_article(author=reporter, approver=board, cat=cat, language="en", title="A second")
    assert "2 articles<" in client.get("/en/tin-tuc/mot-bai/").content.decode()


def test_tag_page_lists_its_articles_with_pagination_and_a_feed(client, reporter, board):
    tag = Tag.objects.create(name="An toàn thông tin", slug="an-toan-thong-tin")
    cat = factories.category()
    tagged = [
        factories.published_article(author=reporter, approver=board, cat=cat, title=f"Cảnh báo số {n:02d}", tags=[tag])
        for n in range(22)
    ]
    other = factories.published_article(author=reporter, approver=board, cat=cat, title="Tin không gắn thẻ")
    html = client.get("/tin-tuc/the/an-toan-thong-tin/").content.decode()
    assert "<h1>Thẻ: <span>An toàn thông tin</span></h1>" in html
    assert html.count('<article class="card') == 20 and other.title not in html
    assert "Trang 1 / 2" in html
    assert client.get("/tin-tuc/the/an-toan-thong-tin/?trang=2").content.decode().count('<article class="card') == 2
    # The article names its tags as links; the old "?the=" address leads here.
    article_html = client.get(tagged[0].get_absolute_url()).content.decode()
    assert 'href="/tin-tuc/the/an-toan-thong-tin/"' in article_html
    old = client.get("/tin-tuc/", {"the": "An toàn thông tin"})
    assert old.status_code == 301 and old["Location"] == "/tin-tuc/the/an-toan-thong-tin/"
    feed = client.get("/tin-tuc/the/an-toan-thong-tin/rss/")
    assert feed.status_code == 200 and "Cảnh báo số 21" in feed.content.decode()
    assert other.title not in feed.content.decode()
    assert client.get("/tin-tuc/the/khong-co/").status_code == 404


def test_author_page_and_feed(client, reporter, board):
    cat = factories.category()
    mine = factories.published_article(
        author=reporter, approver=board, cat=cat, title="Bài của Thu Hương", byline="Thu Hương"
    )
    factories.published_article(
        author=reporter, approver=board, cat=cat, title="Bài của người khác", byline="Hoàng Nam"
    )
    html = client.get(mine.get_absolute_url()).content.decode()
    assert '<a href="/tin-tuc/tac-gia/thu-huong/" rel="author">Thu Hương</a>' in html
    page = client.get("/tin-tuc/tac-gia/thu-huong/").content.decode()
    assert "Tác giả: Thu Hương" in page and mine.title in page and "Bài của người khác" not in page
    feed = client.get("/tin-tuc/tac-gia/thu-huong/rss/").content.decode()
    assert mine.title in feed and "Bài của người khác" not in feed
    assert client.get("/tin-tuc/tac-gia/khong-ai/").status_code == 404


def test_category_and_english_feeds(client, pair, reporter, board):
    vi, en, cat = pair
    elsewhere = factories.published_article(author=reporter, approver=board, title="Tin chuyên mục khác")
    feed = client.get(f"/tin-tuc/{cat.slug}/rss/")
    assert feed.status_code == 200
    xml = feed.content.decode()
    assert vi.title in xml and elsewhere.title not in xml and en.title not in xml
    english = client.get("/en/rss/")
    assert english.status_code == 200
    xml = english.content.decode()
    assert en.title in xml and vi.title not in xml and "<language>en</language>" in xml
    assert "<category>Digital transformation</category>" in xml
    assert "<language>vi</language>" in client.get("/rss/").content.decode()


def test_related_articles_editors_picks_first(client, reporter, board):
    cat = factories.category()
    picked_far = factories.published_article(author=reporter, approver=board, title="Bài được chọn ở chuyên mục khác")
    newest = [
        factories.published_article(author=reporter, approver=board, cat=cat, title=f"Tin mới cùng chuyên mục {n}")
        for n in range(6)
    ]
    item = factories.article(author=reporter, cat=cat, title="Bài chính")
    item.related_picks.set([picked_far])
    factories.transition(item, "submit", user=reporter)
    factories.transition(item, "publish", user=board)
    html = client.get(item.get_absolute_url()).content.decode()
    aside = html.split('id="h-related"', 1)[1]
    titles = re.findall(r'<li><a href="[^"]*">([^<]*)</a>', aside)
    assert titles[0] == picked_far.title
    assert titles[1:] == [a.title for a in reversed(newest)][:4]


def test_most_read_box_on_the_home_page(client, reporter, board):
    popular = factories.published_article(author=reporter, approver=board, title="Bài được đọc nhiều nhất")
    second = factories.published_article(author=reporter, approver=board, title="Bài đọc nhiều thứ hai")
    unread = factories.published_article(author=reporter, approver=board, title="Bài chưa ai đọc")
    Article.objects.filter(pk=popular.pk).update(view_count=900)
    Article.objects.filter(pk=second.pk).update(view_count=40)
    html = client.get("/").content.decode()
    box = html.split('id="h-doc-nhieu"', 1)[1].split("</section>", 1)[0]
    assert box.index(popular.title) < box.index(second.title)
    assert unread.title not in box


def test_share_links_and_star_rating_markup(client, reporter, board):
    item = factories.published_article(author=reporter, approver=board, title="Chia sẻ bài viết")
    html = client.get(item.get_absolute_url()).content.decode()
    assert "zalo.me/share" in html and "data-copy-link=" in html
    assert "<script>" not in html and " onclick=" not in html
    stars = re.findall(r'<label class="star"><input type="radio" name="score" value="(\d)"', html)
    assert stars == ["1", "2", "3", "4", "5"]
    assert '<span class="sr-only">3 sao</span>' in html


def test_print_header_names_the_portal_and_the_permanent_address(client, reporter, board):
    item = factories.published_article(author=reporter, approver=board, title="Bài để in")
    html = client.get(item.get_absolute_url()).content.decode()
    head = html.split('class="print-head"', 1)[1].split("</div>", 1)[0]
    assert "Cổng thông tin điện tử Bộ Thông tin và Truyền thông" in head
    assert SITE + item.get_absolute_url() in head and "data-print-date" in head
