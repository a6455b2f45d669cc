"""Slugs and old addresses, article rating, and the visit beacon."""

from __future__ import annotations

import itertools
import threading

import pytest
from django.db import connection, connections
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import Article
from portal.core.models import VisitDay
from portal.core.text import vn_slugify
from portal.editorial import services as wf
from portal.editorial.enums import Action
from tests import factories
from tests.perf.conftest import shared_cache  # noqa: F401 (the production page cache)

# -- slugs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Chuyển đổi số quốc gia", "chuyen-doi-so-quoc-gia"),
        ("Đẩy mạnh phát triển hạ tầng số", "day-manh-phat-trien-ha-tang-so"),
        ("ĐỘI NGŨ ĐIỀU HÀNH đường dây", "doi-ngu-dieu-hanh-duong-day"),
        ("Giao ban QLNN tháng 1/2022", "giao-ban-qlnn-thang-1-2022"),
        ("An toàn thông tin mạng: 91,32% đạt chuẩn", "an-toan-thong-tin-mang-9132-dat-chuan"),
    ],
)
def test_vn_slugify(title, slug):
    assert vn_slugify(title) == slug


def test_admin_makes_slug_from_title(client, reporter):
    cat = factories.category()
    client.force_login(reporter)
    blank = Article(title="", slug="", lead="", body="", category=cat)
    data = factories.article_form_data(
        blank, title="Đà Nẵng đẩy mạnh chuyển đổi số", lead="Sapo.", body="<p>Nội dung.</p>", edit_version=None
    )
    assert client.post(reverse("admin:news_article_add"), data).status_code == 302
    assert Article.objects.get().slug == "da-nang-day-manh-chuyen-doi-so"
    # The same title again gets a different address.
    assert client.post(reverse("admin:news_article_add"), data).status_code == 302
    assert set(Article.objects.values_list("slug", flat=True)) == {
        "da-nang-day-manh-chuyen-doi-so",
        "da-nang-day-manh-chuyen-doi-so-2",
    }


def test_renamed_slug_of_published_article_redirects(
    client, reporter, board, board2, django_capture_on_commit_callbacks
):
    item = factories.published_article(author=reporter, approver=board2, slug="ten-cu-cua-bai")
    old_url = item.get_absolute_url()
    assert client.get(old_url).status_code == 200

    client.force_login(board)
    response = client.post(
        reverse("admin:news_article_change", args=[item.pk]), factories.article_form_data(item, slug="Tên mới của bài")
    )
    assert response.status_code == 302
    client.logout()
    # Not approved yet: the old address still serves the article.
    assert client.get(old_url).status_code == 200
    assert client.get("/tin-tuc/ten-moi-cua-bai/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.SUBMIT, user=board)
        wf.transition(item=item, action=Action.PUBLISH, user=board2)
    item.refresh_from_db()
    assert item.slug == "ten-moi-cua-bai"
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/tin-tuc/ten-moi-cua-bai/"
    assert client.get(response["Location"]).status_code == 200


def test_old_address_of_withdrawn_article_is_gone(client, reporter, board, board2):
    item = factories.published_article(author=reporter, approver=board2, slug="ten-cu")
    client.force_login(board)
    client.post(reverse("admin:news_article_change", args=[item.pk]), factories.article_form_data(item, slug="ten-moi"))
    wf.transition(item=item, action=Action.SUBMIT, user=board)
    wf.transition(item=item, action=Action.PUBLISH, user=board2)
    wf.transition(item=item, action=Action.WITHDRAW, user=board2, comment="Gỡ.")
    client.logout()
    assert client.get("/tin-tuc/ten-moi/").status_code == 404
    response = client.get("/tin-tuc/ten-cu/")
    assert response.status_code == 404


def test_slug_may_not_shadow_a_category(client, reporter):
    cat = factories.category(slug="chuyen-doi-so")
    item = factories.article(author=reporter, cat=cat)
    client.force_login(reporter)
    response = client.post(
        reverse("admin:news_article_change", args=[item.pk]), factories.article_form_data(item, slug="chuyen-doi-so")
    )
    assert response.status_code == 200
    assert "trùng với một chuyên mục" in response.content.decode()


# -- rating ------------------------------------------------------------------------------


def rate(client, item, score):
    return client.post(reverse("news:rate", args=[item.slug]), {"score": score}, follow=True)


def test_rating_one_per_browser_and_total_shown(client, reporter, board):
    from django.test import Client

    item = factories.published_article(author=reporter, approver=board)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Tổng số điểm của bài viết là: 0 trong 0 đánh giá" in page

    response = rate(client, item, 4)
    html = response.content.decode()
    assert "Cảm ơn bạn đã đánh giá" in html
    assert "Tổng số điểm của bài viết là: 4 trong 1 đánh giá" in html

    again = rate(client, item, 5).content.decode()  # same browser
    assert "đã đánh giá bài viết trước đó" in again
    assert "Tổng số điểm của bài viết là: 4 trong 1 đánh giá" in again

    other = Client()
    html = rate(other, item, 5).content.decode()
    assert "Tổng số điểm của bài viết là: 9 trong 2 đánh giá" in html


@pytest.mark.parametrize("score", ["0", "6", "", "abc", "-1", "3.5"])
def test_rating_refuses_bad_scores(client, reporter, board, score):
    item = factories.published_article(author=reporter, approver=board)
    html = rate(client, item, score).content.decode()
    assert "Hãy chọn số điểm từ 1 đến 5" in html
    item.refresh_from_db()
    assert item.rating_count == 0


def test_rating_limit_lets_an_office_rate_and_stops_a_script(reporter, board, settings, clock):
    """Twenty colleagues behind one office address all rate; a script that drops its
    cookie is stopped at the limit of the address, until the window has passed."""
    from django.test import Client

    limit = int(settings.RATE_LIMITS["rating"].split("/")[0])
    assert limit >= 20
    item = factories.published_article(author=reporter, approver=board)
    for _ in range(20):
        rate(Client(), item, 5)  # twenty different browsers from one address
    item.refresh_from_db()
    assert item.rating_count == 20
    for _ in range(limit - 20):
        rate(Client(), item, 5)
    html = rate(Client(), item, 5).content.decode()
    assert "quá nhiều lần" in html
    item.refresh_from_db()
    assert item.rating_count == limit
    clock.advance(minutes=11)
    rate(Client(), item, 5)
    item.refresh_from_db()
    assert item.rating_count == limit + 1


def test_rating_unpublished_article_is_404(client, reporter):
    item = factories.article(author=reporter)
    assert client.post(reverse("news:rate", args=[item.slug]), {"score": 5}).status_code == 404


# -- visit beacon ------------------------------------------------------------------------


def beacon(client, **data):
    return client.post(reverse("visit_beacon"), data)


def test_beacon_counts_visits_and_views(client, reporter, board):
    item = factories.published_article(author=reporter, approver=board)
    first = beacon(client, article=str(item.pk))
    assert first.status_code == 200
    counts = first.json()
    assert counts["today"] == 1 and counts["total"] >= 1 and counts["online"] == 1
    # Same browser within the window: neither another visit nor another view.
    second = beacon(client, article=str(item.pk)).json()
    assert second["today"] == 1
    item.refresh_from_db()
    assert item.view_count == 1
    from django.test import Client

    third = beacon(Client()).json()
    assert third["today"] == 2 and third["online"] == 2


def test_beacon_stops_a_script_without_cookies(reporter, board, settings, clock):
    """Browsers without the visitor cookie count as new visits: past the address's limit
    for them nothing more is counted, while a known browser behind it still is."""
    from django.test import Client

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "visit_new_browser": "5/10m"}
    item = factories.published_article(author=reporter, approver=board)
    known = Client()
    assert beacon(known, article=str(item.pk)).json()["today"] == 1
    for _ in range(8):  # a script that drops its cookies
        assert beacon(Client(), article=str(item.pk)).status_code == 200
    item.refresh_from_db()
    assert item.view_count == 1 + 4  # the known browser was the first of the five
    other = factories.published_article(author=reporter, approver=board)
    beacon(known, article=str(other.pk))  # the known browser is still counted
    other.refresh_from_db()
    assert other.view_count == 1
    counts = beacon(Client()).json()
    assert counts["today"] == 5


def test_beacon_refuses_get(client):
    assert client.get(reverse("visit_beacon")).status_code == 405


def test_pages_make_no_database_write(client, reporter, board):
    item = factories.published_article(author=reporter, approver=board)
    for path in (item.get_absolute_url(), item.get_absolute_url(), "/", "/tin-tuc/"):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200
        writes = [
            q["sql"]
            for q in ctx.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == []
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'data-beacon="/dem-truy-cap/"' in page
    assert f'data-item="{item.pk}"' in page


def _in_own_connection(func):
    """Run ``func`` in a thread: its own database connection, outside the test's
    transaction (what it writes is committed, as in production)."""
    out = {}

    def run():
        try:
            out["value"] = func()
        except Exception as exc:  # noqa: BLE001
            out["error"] = exc
        finally:
            connections.close_all()

    t = threading.Thread(target=run)
    t.start()
    t.join()
    if "error" in out:
        raise out["error"]
    return out.get("value")


def test_concurrent_beacons_lose_no_count(db, clock):
    """Eight connections hit the beacon at once, each with new browsers; every visit is
    counted. The test's own transaction stays out of the way (no flush of shared data)."""
    import datetime as dt

    from django.test import Client
    from django.utils import timezone

    from portal.core.models import OnlineVisitor

    # A day no other test uses, so that committed rows are easy to find and remove.
    clock.set(timezone.make_aware(dt.datetime(2001, 1, 1, 10, 0)))
    day = dt.date(2001, 1, 1)
    threads_n, hits = 8, 10
    barrier = threading.Barrier(threads_n)
    addresses = itertools.count(1)
    errors = []

    def worker():
        try:
            barrier.wait()
            for _ in range(hits):
                # A new browser (a new visit), each from its own address: no limit is reached.
                address = f"198.51.100.{next(addresses)}"
                response = Client(REMOTE_ADDR=address).post(reverse("visit_beacon"))
                assert response.status_code == 200
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    def cleanup():
        VisitDay.objects.filter(day=day).delete()
        OnlineVisitor.objects.filter(last_seen=clock.now).delete()

    _in_own_connection(cleanup)
    try:
        threads = [threading.Thread(target=worker) for _ in range(threads_n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        counted = _in_own_connection(lambda: VisitDay.objects.get(day=day).count)
        assert counted == threads_n * hits
        online = _in_own_connection(lambda: OnlineVisitor.objects.filter(last_seen=clock.now).count())
        assert online == threads_n * hits
    finally:
        _in_own_connection(cleanup)


def test_rate_limit_is_per_reader_behind_the_proxy(reporter, board, settings, clock):
    """Behind nginx (on loopback, named in TRUSTED_PROXIES) every request comes from
    127.0.0.1: readers are told apart by the address nginx appends to X-Forwarded-For. A
    header forged by anyone else, public or on the private network, is ignored."""
    from django.test import Client

    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rating": "5/10m"}
    item = factories.published_article(author=reporter, approver=board)
    url = reverse("news:rate", args=[item.slug])

    def count_after(peer: str, forwarded: list[str]) -> int:
        for address in forwarded:
            Client(REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=address).post(url, {"score": 5})
        item.refresh_from_db()
        return item.rating_count

    # Twelve readers behind the proxy, one rating each; a reader's own header comes first.
    assert count_after("127.0.0.1", [f"198.51.100.1, 203.0.113.{n}" for n in range(12)]) == 12
    # One public address forging the header is still one address.
    assert count_after("93.184.216.34", [f"203.0.113.{n}" for n in range(12)]) == 12 + 5
    # So is a colleague on the private network: being private earns no trust.
    assert count_after("10.20.0.7", [f"203.0.113.{n}" for n in range(12)]) == 12 + 5 + 5
    # Unless the operator names that address as the proxy.
    settings.TRUSTED_PROXIES = ["10.20.0.0/29"]
    assert count_after("10.20.0.7", [f"198.51.100.{n}" for n in range(12)]) == 12 + 5 + 5 + 12


def test_category_and_tag_addresses_typed_in_vietnamese(client, django_user_model):
    from news.models import Category, Tag

    root = django_user_model.objects.create_superuser("goc", "goc@mic.gov.vn", "mat-khau-thu-nghiem")
    client.force_login(root)
    response = client.post(
        reverse("admin:news_category_add"),
        {"name": "Đời sống số", "name_en": "Digital life", "slug": "Đời sống số", "order": 1},
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    assert Category.objects.get().slug == "doi-song-so"
    assert (
        client.post(
            reverse("admin:news_tag_add"), {"name": "Đô thị thông minh", "slug": "Đô thị thông minh"}
        ).status_code
        == 302
    )
    assert Tag.objects.get().slug == "do-thi-thong-minh"
    response = client.post(reverse("admin:news_tag_add"), {"name": "Ký hiệu", "slug": "!!!"})
    assert "Hãy nhập đường dẫn bằng chữ hoặc số." in response.content.decode()


# -- the findings of issue 10 ("Counters and ratings") ------------------------------------


def test_200_cookieless_beacons_count_no_more_than_the_new_browser_limit(reporter, board, settings):
    """A script posting 200 times without cookies from one address: only the address's
    allowance of new browsers counts visits and views (the issue saw 200 and 200)."""
    from django.test import Client

    limit = int(settings.RATE_LIMITS["visit_new_browser"].split("/")[0])
    item = factories.published_article(author=reporter, approver=board)
    before = VisitDay.objects.aggregate(n=Sum("count"))["n"] or 0
    for _ in range(200):
        assert beacon(Client(), article=str(item.pk)).status_code == 200
    item.refresh_from_db()
    assert item.view_count == limit
    assert (VisitDay.objects.aggregate(n=Sum("count"))["n"] or 0) - before == limit


def test_a_browser_counts_one_visit_and_one_view_per_window(reporter, board, clock):
    """Keeping the cookie and posting again and again adds nothing until 30 minutes have
    passed; dropping only the visit cookie of the old design does not help either."""
    from django.test import Client

    item = factories.published_article(author=reporter, approver=board)
    browser = Client()
    for _ in range(50):
        counts = beacon(browser, article=str(item.pk)).json()
        browser.cookies.pop("vs", None)
    item.refresh_from_db()
    assert (item.view_count, counts["today"]) == (1, 1)
    clock.advance(minutes=31)
    counts = beacon(browser, article=str(item.pk)).json()
    item.refresh_from_db()
    assert (item.view_count, counts["today"]) == (2, 2)


def test_an_invented_visitor_cookie_is_a_new_browser(reporter, board, settings):
    """A cookie the portal did not sign does not make a script a known browser."""
    from django.test import Client

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "visit_new_browser": "3/10m"}
    item = factories.published_article(author=reporter, approver=board)
    for n in range(10):
        browser = Client()
        browser.cookies["vid"] = f"{n:032x}"
        beacon(browser, article=str(item.pk))
    item.refresh_from_db()
    assert item.view_count == 3


@pytest.mark.parametrize("kind", ["draft", "pending", "withdrawn", "scheduled", "internal"])
def test_beacon_counts_nothing_for_an_item_readers_cannot_see(kind, reporter, board, board2, clock):
    """The issue counted views of a draft's id: only an item the reader may see counts."""
    import datetime as dt

    from django.test import Client

    if kind == "draft":
        item = factories.article(author=reporter)
    elif kind == "pending":
        item = factories.article(author=reporter)
        wf.transition(item=item, action=Action.SUBMIT, user=reporter)
    elif kind == "withdrawn":
        item = factories.published_article(author=reporter, approver=board)
        wf.transition(item=item, action=Action.WITHDRAW, user=board2, comment="Gỡ.")
    elif kind == "scheduled":
        item = factories.published_article(author=reporter, approver=board)
        Article.objects.filter(pk=item.pk).update(publish_at=clock.now + dt.timedelta(days=1))
    else:
        item = factories.published_article(author=reporter, approver=board)
        Article.objects.filter(pk=item.pk).update(is_internal=True)
    response = beacon(Client(), article=str(item.pk))
    assert response.status_code == 200
    assert "item" not in response.json()
    item.refresh_from_db()
    assert item.view_count == 0


def test_rotating_forwarded_for_counts_as_one_address(reporter, board, settings):
    """25 ratings with 25 made-up X-Forwarded-For from one peer: with nobody trusted
    (the default), they share the peer's limit."""
    from django.test import Client

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rating": "5/10m"}
    assert settings.TRUSTED_PROXIES == []
    item = factories.published_article(author=reporter, approver=board)
    for n in range(25):
        Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").post(
            reverse("news:rate", args=[item.slug]), {"score": 5}
        )
    item.refresh_from_db()
    assert item.rating_count == 5


@pytest.mark.usefixtures("shared_cache")
def test_cached_article_page_gets_a_fresh_rating_total_from_the_beacon(reporter, board):
    """The whole page is cached for readers; the beacon answers the article's current
    total, which the page's script writes over the cached one (with the same sentence)."""
    from django.test import Client

    item = factories.published_article(author=reporter, approver=board)
    first = Client().get(item.get_absolute_url())
    assert "Tổng số điểm của bài viết là: 0 trong 0 đánh giá" in first.content.decode()
    rate(Client(), item, 4)
    rate(Client(), item, 5)
    cached = Client().get(item.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit"
    page = cached.content.decode()
    assert 'data-template="Tổng số điểm của bài viết là: {x} trong {n} đánh giá"' in page
    data = beacon(Client(), article=str(item.pk)).json()
    assert data["item"] == {"rating_sum": 9, "rating_count": 2}
