"""The ranking rules of the search (issue 15), one test each, on a small fixture: what a
reader sees first on /tim-kiem/. Each fixture makes the article that must rank LOWER the
newest, so that a ranking by date alone fails every test."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from news.models import Tag
from tests import factories


def titles(client, q, path="/tim-kiem/"):
    response = client.get(path, {"q": q})
    assert response.status_code == 200
    return re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', response.content.decode())


@pytest.fixture
def publish(reporter, board, clock):
    """``publish(days_ago, **fields)``: an article published ``days_ago`` days ago."""
    start = clock.now

    def make(days_ago: int, **kw):
        clock.set(start - dt.timedelta(days=days_ago))
        kw.setdefault("lead", "Sapo.")
        kw.setdefault("body", "<p>Nội dung.</p>")
        if "cat" not in kw:
            kw["cat"] = factories.category(name=f"Chuyên mục {days_ago}", slug=f"cm-{days_ago}")
        item = factories.published_article(author=reporter, approver=board, **kw)
        clock.set(start)
        return item

    return make


def test_title_then_tags_and_category_then_body(publish):
    """Title matches first, then tags and category names, then the body, whatever the
    dates: the body match is the newest, the title match the oldest."""
    kỳ_lân = Tag.objects.create(name="Kỳ lân", slug="ky-lan")
    publish(1, title="Bản tin thứ hai", body="<p>Nhắc tới kỳ lân một lần.</p>")
    publish(2, title="Bản tin có thẻ", tags=[kỳ_lân])
    publish(3, title="Bản tin trong chuyên mục", cat=factories.category(name="Kỳ lân", slug="ky-lan-cm"))
    publish(4, title="Kỳ lân xuất hiện ở Hà Giang")
    from django.test import Client

    found = titles(Client(), "ky lan")
    assert found[0] == "Kỳ lân xuất hiện ở Hà Giang"
    assert set(found[1:3]) == {"Bản tin có thẻ", "Bản tin trong chuyên mục"}
    assert found[3] == "Bản tin thứ hai"


def test_accented_query_prefers_accented_matches(client, publish):
    """ "chuyển" ranks "chuyển" above "chuyên" (the newer one); "chuyen" finds both."""
    publish(1, title="Chuyên gia góp ý dự thảo luật")
    publish(2, title="Chuyển giao công nghệ cho doanh nghiệp")
    assert titles(client, "chuyển") == ["Chuyển giao công nghệ cho doanh nghiệp", "Chuyên gia góp ý dự thảo luật"]
    assert titles(client, "chuyên") == ["Chuyên gia góp ý dự thảo luật", "Chuyển giao công nghệ cho doanh nghiệp"]
    assert set(titles(client, "chuyen")) == {
        "Chuyển giao công nghệ cho doanh nghiệp",
        "Chuyên gia góp ý dự thảo luật",
    }
    # Only the accented words must match as typed: "chuyển giao" with "giao" unaccented.
    assert titles(client, "chuyển giao")[0] == "Chuyển giao công nghệ cho doanh nghiệp"


def test_category_names_find_every_article_of_the_category(client, publish):
    """ "an toan thong tin" finds the six articles of the category, whose titles and
    bodies never say it."""
    cat = factories.category(name="An toàn thông tin", slug="an-toan-thong-tin")
    made = {publish(n, title=f"Cảnh báo lừa đảo đợt {n}", cat=cat).title for n in range(1, 7)}
    publish(7, title="Hội nghị bưu chính")
    assert set(titles(client, "an toan thong tin")) == made
    assert set(titles(client, "An toàn thông tin")) == made


def test_bylines_are_searched(client, publish):
    publish(1, title="Phỏng vấn lãnh đạo Cục", byline="Nguyễn Minh Thùy")
    publish(2, title="Tin khác", byline="Trần Văn An")
    assert titles(client, "Minh Thùy") == ["Phỏng vấn lãnh đạo Cục"]
    assert titles(client, "nguyen minh thuy") == ["Phỏng vấn lãnh đạo Cục"]


def test_titles_that_start_with_the_query_first(client, publish):
    publish(1, title="Hội nghị về dịch vụ công trực tuyến")
    publish(2, title="Dịch vụ công trực tuyến toàn trình đạt 50%")
    assert titles(client, "dich vu cong truc tuyen") == [
        "Dịch vụ công trực tuyến toàn trình đạt 50%",
        "Hội nghị về dịch vụ công trực tuyến",
    ]


def test_an_indicator_does_not_outrank_articles_whose_titles_start_with_the_query(client, publish):
    """The indicator "Số thuê bao điện thoại di động" is indexed today; the article whose
    title starts with the query is a month old."""
    from stats.models import Indicator

    publish(30, title="Thuê bao điện thoại di động tăng trong quý")
    indicator = factories.IndicatorFactory(name="Số thuê bao điện thoại di động", unit="thuê bao")
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    found = titles(client, "thue bao dien thoai di dong")
    assert found.index("Thuê bao điện thoại di động tăng trong quý") < found.index("Số thuê bao điện thoại di động")


def test_results_show_their_own_date(client, publish, monkeypatch):
    """A document's ``date`` (a meeting's day, a release's date) is shown and ordered by,
    not its indexing time; an undated one shows no date and comes after dated ones."""
    from news.models import Article
    from news.selectors import article_document
    from portal.search import registry, services

    old = publish(400, title="Kỳ lân cổ", body="<p>Kỳ lân.</p>")
    response = client.get("/tim-kiem/", {"q": "ky lan"})
    from django.utils import timezone

    assert f'datetime="{timezone.localtime(old.publish_at).isoformat()}"' in response.content.decode()

    meeting_day = dt.datetime(2022, 2, 15, 8, 0, tzinfo=dt.UTC)

    def dated(article):
        doc = article_document(article)
        doc["date"] = meeting_day if "giao ban" in article.title else None
        return doc

    monkeypatch.setitem(registry._registry, Article, dated)
    publish(1, title="Kỳ lân ở cuộc giao ban tháng 2/2022")  # indexed yesterday, dated 2022
    publish(2, title="Kỳ lân không ngày")
    html = client.get("/tim-kiem/", {"q": "ky lan"}).content.decode()
    found = re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)
    assert found == ["Kỳ lân cổ", "Kỳ lân ở cuộc giao ban tháng 2/2022", "Kỳ lân không ngày"]
    items = re.findall(r'<li><p class="kind">(.*?)</p>', html, re.S)
    assert "2022-02-15" in items[1] and "<time" not in items[2]
    assert services.period_of(meeting_day) < services.period_of(old.publish_at)


def test_snippets_start_and_end_on_word_boundaries(client, publish):
    words = " ".join(f"từ{n}" for n in range(80))
    publish(1, title="Bài dài", body=f"<p>{words} chuyển đổi số {words}</p>")
    html = client.get("/tim-kiem/", {"q": "chuyen doi so"}).content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    assert snippet.startswith("… từ") and snippet.endswith(" …")
    inner = snippet.removeprefix("… ").removesuffix(" …")
    text = re.sub(r"</?mark>", "", inner)
    assert f" {text} " in f" {words} chuyển đổi số {words} "  # whole words only
    assert "<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>" in snippet


def test_english_search_uses_english_names_and_labels(client, reporter, board):
    cat = factories.category(name="An toàn thông tin", name_en="Cybersecurity", slug="attt")
    factories.published_article(
        author=reporter, approver=board, cat=cat, language="en", title="Phishing alert", lead="Lead."
    )
    response = client.get("/en/tim-kiem/", {"q": "cybersecurity"})
    html = response.content.decode()
    assert re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html) == ["Phishing alert"]
    assert "News" in re.search(r'<p class="kind">(.*?)</p>', html, re.S).group(1)
    assert "Tin tức" not in html.split("<main", 1)[1]
    assert "1 result for" in html and "1 results" not in html


def test_a_typo_still_finds_the_title_by_trigrams(client, publish):
    """No document has every word ("doii"): titles like the query are offered, the most
    similar first (``searchdoc_title_trgm``); unrelated words still find nothing."""
    publish(1, title="Chuyển đổi số quốc gia năm 2025")
    publish(2, title="Chuyển đổi số quốc gia")
    publish(3, title="Bưu chính phát triển")
    assert titles(client, "chuyen doii so quoc gia") == ["Chuyển đổi số quốc gia", "Chuyển đổi số quốc gia năm 2025"]
    assert titles(client, "khong ton tai tu nay") == []
