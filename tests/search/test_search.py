"""Search /tim-kiem/?q=: with or without diacritics, ranked, highlighted, paginated, and
only what the reader may see."""

from __future__ import annotations

import re

import pytest

from tests import factories


def results(client, q, **params):
    response = client.get("/tim-kiem/", {"q": q, **params})
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)
    return html, titles


@pytest.fixture
def news(reporter, board):
    cat = factories.category()

    def make(**kw):
        return factories.published_article(author=reporter, approver=board, cat=cat, **kw)

    return make


@pytest.mark.parametrize(
    "query",
    ["chuyen doi so", "Chuyển đổi số", "CHUYEN DOI SO", "chuyển doi số", "chuyen đổi so"],
)
def test_with_or_without_diacritics(client, news, query):
    news(
        title="Đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
        lead="Sapo.",
        body="<p>Chuyển đổi số là nhiệm vụ trọng tâm.</p>",
    )
    news(title="Bưu chính tăng trưởng", lead="Sản lượng bưu gửi tăng.", body="<p>Không liên quan.</p>")
    html, titles = results(client, query)
    assert titles == ["Đẩy mạnh chuyển đổi số trong cơ quan nhà nước"]


@pytest.mark.parametrize("query", ["Đà Nẵng", "da nang", "Da Nang", "đà nẵng", "DA NANG"])
def test_letter_d_with_stroke(client, news, query):
    news(title="Đà Nẵng dẫn đầu chỉ số sẵn sàng", lead="Sapo.", body="<p>Thành phố Đà Nẵng.</p>")
    news(title="Hà Nội tổ chức hội nghị", lead="Sapo.", body="<p>Thủ đô.</p>")
    _, titles = results(client, query)
    assert titles == ["Đà Nẵng dẫn đầu chỉ số sẵn sàng"]


def test_finds_words_in_lead_and_body(client, news):
    news(title="Tiêu đề một", lead="Doanh thu viễn thông tăng mạnh.", body="<p>Nội dung.</p>")
    news(title="Tiêu đề hai", lead="Sapo.", body="<p>Ước tính <strong>an toàn thông tin</strong> mạng.</p>")
    assert results(client, "doanh thu vien thong")[1] == ["Tiêu đề một"]
    assert results(client, "an toan thong tin")[1] == ["Tiêu đề hai"]


def test_snippet_is_highlighted_and_escaped(client, news):
    news(
        title="Hội nghị giao ban",
        lead="Sapo.",
        body="<p>Năm 2023 ngành tập trung vào chuyển đổi số &lt;script&gt; toàn diện.</p>",
    )
    html, _ = results(client, "chuyen doi so")
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    assert "<mark>" in snippet and "</mark>" in snippet
    marked = " ".join(re.findall(r"<mark>(.*?)</mark>", snippet)).lower()
    assert "chuyển" in marked and "đổi" in marked and "số" in marked
    assert "<script>" not in snippet


def test_ranked_title_before_body(client, news):
    news(title="Bưu chính phát triển", lead="Sapo.", body="<p>Có nhắc tới hạ tầng số một lần.</p>")
    news(title="Phát triển hạ tầng số quốc gia", lead="Hạ tầng số là nền tảng.", body="<p>Hạ tầng số.</p>")
    _, titles = results(client, "ha tang so")
    assert titles == ["Phát triển hạ tầng số quốc gia", "Bưu chính phát triển"]


def test_paginated(client, news):
    for n in range(45):
        news(title=f"Bản tin an toàn thông tin số {n}", lead="Sapo.", body="<p>An toàn thông tin.</p>")
    html, first = results(client, "an toan thong tin")
    assert len(first) == 20
    assert "Tìm thấy 45 kết quả" in html
    assert "Trang 1 / 3" in html
    assert 'href="?q=an%20toan%20thong%20tin&amp;trang=2"' in html
    _, second = results(client, "an toan thong tin", trang=2)
    _, third = results(client, "an toan thong tin", trang=3)
    assert len(second) == 20 and len(third) == 5
    assert not set(first) & set(second) and not set(second) & set(third)
    _, beyond = results(client, "an toan thong tin", trang=99)
    assert beyond == third
    _, junk = results(client, "an toan thong tin", trang="abc")
    assert junk == first


@pytest.mark.parametrize("query", ['"', "-", "!!!", "a & b | c", "' OR 1=1 --", "x" * 500, "(((", "<script>"])
def test_odd_queries_never_fail(client, news, query):
    news(title="Chuyển đổi số", lead="Sapo.", body="<p>Nội dung.</p>")
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_empty_query_shows_the_form(client):
    response = client.get("/tim-kiem/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_no_result_message(client, news):
    news(title="Chuyển đổi số", lead="Sapo.", body="<p>Nội dung.</p>")
    html, titles = results(client, "khong ton tai tu nay")
    assert titles == []
    assert "Không tìm thấy kết quả nào" in html


def test_internal_and_unpublished_hidden_from_anonymous(client, reporter, board, staff_reader, news):
    news(title="Kỳ lân công khai", lead="Sapo.", body="<p>Kỳ lân.</p>")
    news(title="Kỳ lân nội bộ", lead="Sapo.", body="<p>Kỳ lân.</p>", is_internal=True)
    factories.article(author=reporter, title="Kỳ lân nháp", body="<p>Kỳ lân.</p>")
    assert results(client, "ky lan")[1] == ["Kỳ lân công khai"]
    client.force_login(staff_reader)
    assert sorted(results(client, "ky lan")[1]) == ["Kỳ lân công khai", "Kỳ lân nội bộ"]


def test_change_to_live_article_searchable_only_after_approval(
    client, reporter, board, board2, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from portal.editorial import services as wf
    from portal.editorial.enums import Action

    item = factories.published_article(author=reporter, approver=board2, title="Tin về bưu chính")
    client.force_login(board)
    client.post(
        reverse("admin:news_article_change", args=[item.pk]),
        factories.article_form_data(item, title="Tin về kỳ lân"),
    )
    client.logout()
    assert results(client, "ky lan")[1] == []
    assert results(client, "buu chinh")[1] == ["Tin về bưu chính"]
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.SUBMIT, user=board)
        wf.transition(item=item, action=Action.PUBLISH, user=board2)
    assert results(client, "ky lan")[1] == ["Tin về kỳ lân"]
    assert results(client, "buu chinh")[1] == []


def test_english_search_lists_english_articles(client, reporter, board):
    factories.published_article(
        author=reporter,
        approver=board,
        title="Digital transformation forum",
        language="en",
        lead="Lead.",
        body="<p>Digital transformation.</p>",
    )
    factories.published_article(
        author=reporter,
        approver=board,
        title="Diễn đàn digital transformation",
        lead="Sapo.",
        body="<p>Digital transformation.</p>",
    )
    response = client.get("/en/tim-kiem/", {"q": "digital transformation"})
    titles = re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', response.content.decode())
    assert titles == ["Digital transformation forum"]
    assert 'href="/en/tin-tuc/' in response.content.decode()


def test_snippet_shows_entities_once_escaped(client, news):
    news(
        title="Bộ TT&TT họp báo",
        lead="Sapo.",
        body="<p>Bộ TT&amp;TT đẩy mạnh&nbsp;chuyển đổi số &lt;tại&gt; địa phương.</p>",
    )
    html, titles = results(client, "chuyen doi so")
    assert titles == ["Bộ TT&amp;TT họp báo"]
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    assert "TT&amp;TT" in snippet and "&amp;amp;" not in snippet and "nbsp" not in snippet
    assert "&amp;lt;" not in snippet
    # The ampersand's words are searchable as words.
    assert results(client, "TT&TT")[1] == ["Bộ TT&amp;TT họp báo"]


def test_reindex_command_rebuilds_the_index(client, news, reporter):
    """The command rebuilds the documents of every registered model (news, and whatever
    else is searchable: statistics indicators made by a migration, meetings…); the news
    part holds exactly the live articles."""
    from io import StringIO

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    from news.models import Article
    from portal.search import registry
    from portal.search.models import SearchDocument

    live = news(title="Chuyển đổi số ở Hà Giang", lead="Sapo.", body="<p>Nội dung.</p>")
    factories.article(author=reporter, title="Chuyển đổi số nháp")
    SearchDocument.objects.all().delete()
    assert results(client, "chuyen doi so")[1] == []
    out = StringIO()
    call_command("reindex_search", stdout=out)
    assert "Đã dựng lại chỉ mục" in out.getvalue()
    news_docs = SearchDocument.objects.filter(content_type=ContentType.objects.get_for_model(Article))
    assert list(news_docs.values_list("object_id", flat=True)) == [live.pk]
    titles = results(client, "chuyen doi so")[1]
    assert "Chuyển đổi số ở Hà Giang" in titles and "Chuyển đổi số nháp" not in titles
    # Every document belongs to a registered model, and each model is reported.
    registered = {ContentType.objects.get_for_model(m).pk for m in registry.models()}
    assert set(SearchDocument.objects.values_list("content_type", flat=True)) <= registered
    for model in registry.models():
        assert f"{model._meta.verbose_name_plural}:" in out.getvalue()


def test_only_the_newest_matches_are_ranked_and_the_count_says_more(client, news, clock, monkeypatch):
    """A common word matches thousands of documents: the newest ``RANKED_MATCHES`` are
    ranked (best first, then newest) and the count reads "more than 5" instead of visiting
    every match."""
    import datetime as dt

    from portal.search import services

    monkeypatch.setattr(services, "RANKED_MATCHES", 5)
    start = clock.now
    for n in range(8):
        clock.set(start - dt.timedelta(days=8 - n))  # n = 7 is the newest
        title = f"Kỳ lân biển {n}" if n in (1, 6) else f"Bản tin số {n}"
        news(title=title, lead="Sapo.", body="<p>Kỳ lân biển được nhắc tới trong bài.</p>")
    clock.set(start)
    html, titles = results(client, "ky lan bien")
    assert "Tìm thấy hơn 5 kết quả" in html
    # The five newest (3…7), the title match first; the older title match (1) is not ranked.
    assert titles == ["Kỳ lân biển 6", "Bản tin số 7", "Bản tin số 5", "Bản tin số 4", "Bản tin số 3"]
    assert "Trang 1 /" not in html  # five results: one page

    monkeypatch.setattr(services, "RANKED_MATCHES", 8)
    html, titles = results(client, "ky lan bien")
    assert "Tìm thấy 8 kết quả" in html and titles[:2] == ["Kỳ lân biển 6", "Kỳ lân biển 1"]


def test_search_page_runs_a_fixed_number_of_queries(client, news, django_assert_max_num_queries):
    """Ranking (after the planner settings of its transaction) and the page shown with its
    snippets: the same few queries for 3 matches or 60."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(3):
        news(title=f"An toàn thông tin {n}", lead="Sapo.", body="<p>An toàn thông tin.</p>")
    with CaptureQueriesContext(connection) as few:
        results(client, "an toan thong tin")
    for n in range(57):
        news(title=f"An toàn thông tin thêm {n}", lead="Sapo.", body="<p>An toàn thông tin.</p>")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html, titles = results(client, "an toan thong tin", trang=2)
    assert len(titles) == 20 and "Tìm thấy 60 kết quả" in html


def test_control_characters_in_a_query_are_no_error(client, news):
    news(title="Chữ ký số cho doanh nghiệp")
    # (A NUL byte is refused before any view: portal/core/security.py.)
    response = client.get("/tim-kiem/", {"q": "chu\x1fky\x7fso"})
    assert response.status_code == 200
    assert "Chữ ký số cho doanh nghiệp" in response.content.decode()


def test_a_common_word_is_ranked_from_this_half_year_alone(client, news, monkeypatch, clock):
    """When this half-year holds more matches than are ranked, one query finds them (its
    GIN index scan never lists the older matches) and one reads the page: no query for
    the older half-years, whatever their number."""
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.search import services

    monkeypatch.setattr(services, "RANKED_MATCHES", 3)
    start = clock.now
    for years in (3, 2, 1):
        clock.set(start - dt.timedelta(days=365 * years))
        news(title=f"Kỳ lân năm cũ {years}", lead="Sapo.", body="<p>Kỳ lân.</p>")
    clock.set(start)
    for n in range(4):
        news(title=f"Kỳ lân mới {n}", lead="Sapo.", body="<p>Kỳ lân.</p>")
    with CaptureQueriesContext(connection) as ctx:
        html, titles = results(client, "ky lan")
    ranking = [q["sql"] for q in ctx.captured_queries if "websearch_to_tsquery" in q["sql"]]
    assert len(ranking) == 1 and "period = ANY" in ranking[0]
    assert titles == ["Kỳ lân mới 3", "Kỳ lân mới 2", "Kỳ lân mới 1"]
    assert "Tìm thấy hơn 3 kết quả" in html
    # A rare query goes back in time, a few half-years at a time, then all the rest.
    monkeypatch.setattr(services, "RANKED_MATCHES", 20)
    with CaptureQueriesContext(connection) as ctx:
        _, titles = results(client, "ky lan")
    assert len([q for q in ctx.captured_queries if "websearch_to_tsquery" in q["sql"]]) == 4
    assert titles[-3:] == ["Kỳ lân năm cũ 1", "Kỳ lân năm cũ 2", "Kỳ lân năm cũ 3"]
