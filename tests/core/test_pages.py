"""Site-wide pages: health check, robots.txt, error pages, English pages, and the
article page's furniture."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from tests import factories


def test_healthz(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text
    assert re.search(r"^Sitemap: https?://[^/]+/sitemap\.xml$", text, re.M)


def test_404_page_in_portal_style(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert "Bộ Thông tin và Truyền thông" in html  # the portal's header
    assert 'class="site-header"' in html and 'href="/tim-kiem/"' in html


def test_missing_article_is_404_in_portal_style(db, client):
    response = client.get("/tin-tuc/bai-khong-ton-tai/")
    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


def test_english_pages_list_english_articles_only(client, reporter, board):
    cat = factories.category(name="Chuyển đổi số", name_en="Digital transformation")
    en = factories.published_article(
        author=reporter,
        approver=board,
        cat=cat,
        language="en",
        title="Vietnam's digital economy grows",
        lead="English lead.",
    )
    vi = factories.published_article(author=reporter, approver=board, cat=cat, title="Kinh tế số tăng trưởng")
    for path in ("/en/", "/en/tin-tuc/", f"/en/tin-tuc/{cat.slug}/"):
        html = client.get(path).content.decode()
        assert en.title.replace("'", "&#x27;") in html, path
        assert vi.title not in html, path
        assert '<html lang="en"' in html
        assert f'href="/en/tin-tuc/{en.slug}/"' in html, path  # links work from English pages
        assert "/en/en/" not in html
    for path in ("/", "/tin-tuc/", f"/tin-tuc/{cat.slug}/"):
        html = client.get(path).content.decode()
        assert vi.title in html, path
        assert en.title.replace("'", "&#x27;") not in html, path
    assert en.get_absolute_url().startswith("/en/tin-tuc/")
    page = client.get(en.get_absolute_url())
    assert page.status_code == 200
    assert 'lang="en"' in page.content.decode()
    assert "Digital transformation" in client.get(f"/en/tin-tuc/{cat.slug}/").content.decode()
    # Every place an English page names the category uses its English name: the card on
    # the home page and the list, the list's breadcrumb and title, the article's breadcrumb.
    for path in ("/en/", "/en/tin-tuc/", f"/en/tin-tuc/{cat.slug}/", en.get_absolute_url()):
        html = client.get(path).content.decode()
        assert "Chuyển đổi số" not in html, path
        assert 'href="/en/thong-ke/"' in html, path  # the menu stays in English
    assert "Chuyển đổi số" in client.get(vi.get_absolute_url()).content.decode()


def test_translation_link_between_articles(client, reporter, board):
    en = factories.published_article(author=reporter, approver=board, language="en", title="Postal services")
    vi = factories.published_article(author=reporter, approver=board, title="Dịch vụ bưu chính", translation=en)
    html = client.get(vi.get_absolute_url()).content.decode()
    assert f'href="{en.get_absolute_url()}"' in html and 'hreflang="en"' in html


def test_article_page_furniture(client, reporter, board, clock):
    clock.set(timezone.make_aware(dt.datetime(2023, 2, 1, 16, 0)))
    cat = factories.category(name="Hoạt động của Bộ")
    item = factories.published_article(
        author=reporter,
        approver=board,
        cat=cat,
        title="Giao ban quản lý nhà nước tháng 1/2023",
        lead="Bộ trưởng chủ trì hội nghị.",
        byline="Minh Thu",
        source="Theo Trung tâm Thông tin",
        at=timezone.make_aware(dt.datetime(2023, 2, 1, 15, 0)),
    )
    other = factories.published_article(author=reporter, approver=board, cat=cat, title="Tin cùng chuyên mục khác")
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Thứ tư, 01/02/2023 15:00" in html
    assert "<h1>Giao ban quản lý nhà nước tháng 1/2023</h1>" in html
    assert "Theo Trung tâm Thông tin" in html and "Minh Thu" in html
    assert f'<link rel="canonical" href="http://127.0.0.1:8000{item.get_absolute_url()}">' in html or (
        'rel="canonical"' in html and item.get_absolute_url() in html
    )
    assert 'property="og:title" content="Giao ban quản lý nhà nước tháng 1/2023"' in html
    assert 'property="og:description"' in html
    assert other.title in html  # related articles
    assert "facebook.com/sharer" in html and "In bài viết" in html
    assert "Hoạt động của Bộ" in html
    assert "Tổng số điểm của bài viết là: 0 trong 0 đánh giá" in html


def test_home_page_shows_latest_and_links(client, reporter, board):
    from portal.core.models import WebsiteLink

    WebsiteLink.objects.create(title="Cổng thông tin Chính phủ", url="https://chinhphu.vn")
    item = factories.published_article(author=reporter, approver=board, title="Tin mới nhất hôm nay")
    html = client.get("/").content.decode()
    assert "Tin mới nhất hôm nay" in html
    assert "Cổng thông tin Chính phủ" in html
    assert "Thống kê truy cập" in html
    assert item.get_absolute_url() in html


def test_list_page_paginates(client, reporter, board):
    cat = factories.category()
    for n in range(23):
        factories.published_article(author=reporter, approver=board, cat=cat, title=f"Bản tin số {n:02d}")
    html = client.get("/tin-tuc/").content.decode()
    assert html.count('<article class="card') == 20
    assert "Trang 1 / 2" in html
    second = client.get("/tin-tuc/", {"trang": 2}).content.decode()
    assert second.count('<article class="card') == 3
    assert "Bản tin số 00" in second  # oldest last


def test_rss_feed(client, reporter, board):
    item = factories.published_article(author=reporter, approver=board, title="Tin đưa lên RSS")
    response = client.get("/rss/")
    assert response.status_code == 200
    assert "application/rss+xml" in response["Content-Type"]
    xml = response.content.decode()
    assert "<title>Tin đưa lên RSS</title>" in xml
    assert item.get_absolute_url() in xml


def test_sitemap(client, reporter, board):
    item = factories.published_article(author=reporter, approver=board)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert item.get_absolute_url() in response.content.decode()


def test_translation_link_hidden_until_translation_is_readable(client, reporter, board, clock):
    clock.set(timezone.make_aware(dt.datetime(2023, 5, 1, 8, 0)))
    en = factories.published_article(
        author=reporter,
        approver=board,
        language="en",
        title="Postal services",
        at=timezone.make_aware(dt.datetime(2023, 5, 2, 8, 0)),
    )
    vi = factories.published_article(author=reporter, approver=board, title="Dịch vụ bưu chính", translation=en)
    assert "Read in English" not in client.get(vi.get_absolute_url()).content.decode()
    clock.set(timezone.make_aware(dt.datetime(2023, 5, 2, 8, 1)))
    assert "Read in English" in client.get(vi.get_absolute_url()).content.decode()


def test_featured_article_leads_the_home_page(client, reporter, board):
    chosen = factories.published_article(author=reporter, approver=board, title="Tin nổi bật được chọn", featured=True)
    for n in range(5):
        factories.published_article(author=reporter, approver=board, title=f"Tin thường {n}")
    html = client.get("/").content.decode()
    featured_block = html.split('class="featured"', 1)[1].split("</div>", 1)[0]
    assert chosen.title in featured_block
    assert html.count(chosen.get_absolute_url()) >= 1


def test_500_page_in_portal_style(client, monkeypatch):
    import news.selectors

    def broken(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(news.selectors, "visible_articles", broken)
    client.raise_request_exception = False
    response = client.get("/tin-tuc/")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "hỏng" not in html  # no details leak to readers
