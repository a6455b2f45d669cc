"""The anonymous page cache: what an anonymous reader sees right after each change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client

from portal import pagecache
from portal.editorial import services as wf
from portal.editorial.enums import Action
from portal.pagecache import schedule
from tests import factories

pytestmark = pytest.mark.django_db


def tag_shown(body: str, name: str) -> bool:
    """The article page names the tag (a link to its tag page)."""
    import re

    return re.search(r'class="tag"[^>]*>' + re.escape(name) + "</a>", body) is not None


def get(client, url):
    response = client.get(url)
    return response, response.content.decode()


def warm(url):
    """Two anonymous requests: the second must come from the cache."""
    Client().get(url)
    response, body = get(Client(), url)
    assert response["X-Page-Cache"] == "hit", url
    return body


def test_second_anonymous_request_is_a_hit_and_the_same_page(shared_cache, reporter, board):
    a = factories.published_article(author=reporter, approver=board, title="Hội nghị giao ban quý IV")
    first, body1 = get(Client(), "/tin-tuc/")
    second, body2 = get(Client(), "/tin-tuc/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert body1 == body2
    assert a.title in body2


def test_publish_is_visible_at_once_on_every_page(shared_cache, reporter, board):
    old = factories.published_article(author=reporter, approver=board, title="Tin cũ về viễn thông")
    new = factories.article(author=reporter, title="Tin mới về chuyển đổi số", cat=old.category)
    url = new.get_absolute_url()
    for page in ("/", "/tin-tuc/", old.category.get_absolute_url(), "/rss/", "/sitemap.xml"):
        assert new.slug not in warm(page)
    assert Client().get(url).status_code == 404
    assert Client().get(url).status_code == 404  # cached 404

    wf.transition(item=new, action=Action.SUBMIT, user=reporter)
    wf.transition(item=new, action=Action.PUBLISH, user=board)

    for page in ("/", "/tin-tuc/", old.category.get_absolute_url(), "/rss/", "/sitemap.xml"):
        assert new.slug in Client().get(page).content.decode(), page
    response, body = get(Client(), url)
    assert response.status_code == 200 and new.title in body
    response, body = get(Client(), "/tim-kiem/?q=chuyen+doi+so")
    assert new.title in body


def test_withdraw_removes_from_every_page(shared_cache, reporter, board):
    item = factories.published_article(author=reporter, approver=board, title="Tin sẽ bị gỡ khỏi cổng")
    url = item.get_absolute_url()
    for page in ("/", "/tin-tuc/", "/rss/", "/sitemap.xml", "/tim-kiem/?q=tin+se+bi+go"):
        assert item.slug in warm(page), page
    assert warm(url)

    wf.transition(item=item, action=Action.WITHDRAW, user=board, comment="Thông tin chưa chính xác")

    for page in ("/", "/tin-tuc/", "/rss/", "/sitemap.xml", "/tim-kiem/?q=tin+se+bi+go"):
        assert item.slug not in Client().get(page).content.decode(), page
    assert Client().get(url).status_code == 404


def test_edit_after_publish_keeps_old_version_until_approved(shared_cache, reporter, board, board2):
    item = factories.published_article(author=reporter, approver=board, title="Tiêu đề đã duyệt")
    url = item.get_absolute_url()
    assert "Tiêu đề đã duyệt" in warm(url)

    item.title = "Tiêu đề sửa chưa duyệt"
    with transaction.atomic():  # as the admin saves it
        assert wf.save_existing(item=item, user=board) is True
        wf.record_deferred_change(item=item, user=board, m2m={})
    body = Client().get(url).content.decode()
    assert "Tiêu đề đã duyệt" in body and "chưa duyệt" not in body

    item.refresh_from_db()
    wf.transition(item=item, action=Action.SUBMIT, user=board)
    assert "chưa duyệt" not in Client().get(url).content.decode()
    wf.transition(item=item, action=Action.PUBLISH, user=board2)
    body = Client().get(url).content.decode()
    assert "Tiêu đề sửa chưa duyệt" in body


def test_scheduled_publish_appears_when_its_time_comes(shared_cache, clock, reporter, board):
    factories.published_article(author=reporter, approver=board, title="Tin đã có")
    later = clock.now + dt.timedelta(hours=2)
    item = factories.published_article(author=reporter, approver=board, at=later, title="Tin hẹn giờ đăng")
    assert item.live and item.publish_at == later
    assert "Tin hẹn giờ đăng" not in warm("/tin-tuc/")
    assert Client().get(item.get_absolute_url()).status_code == 404

    clock.advance(hours=1, minutes=59)
    assert "Tin hẹn giờ đăng" not in Client().get("/tin-tuc/").content.decode()

    clock.advance(minutes=1, seconds=1)  # no request, no worker: only the clock moved
    response, body = get(Client(), "/tin-tuc/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tin hẹn giờ đăng" in body
    assert Client().get(item.get_absolute_url()).status_code == 200


def test_scheduled_expiry_removes_when_its_time_comes(shared_cache, clock, reporter, board):
    item = factories.published_article(
        author=reporter, approver=board, title="Thông báo có thời hạn", expire_at=clock.now + dt.timedelta(hours=3)
    )
    assert "Thông báo có thời hạn" in warm("/tin-tuc/")
    assert warm(item.get_absolute_url())
    clock.advance(hours=3, seconds=1)
    assert "Thông báo có thời hạn" not in Client().get("/tin-tuc/").content.decode()
    assert Client().get(item.get_absolute_url()).status_code == 404


def test_page_expiry_never_passes_the_next_scheduled_change(shared_cache, clock, reporter, board):
    at = clock.now + dt.timedelta(minutes=3)
    factories.published_article(author=reporter, approver=board, at=at)
    assert schedule.next_change(clock.now) == at
    assert schedule.expiry(pagecache.generation(), clock.now) == at


def test_staff_share_their_own_cached_pages(shared_cache, reporter, board, staff_reader, editor):
    internal = factories.published_article(
        author=reporter, approver=board, title="Bản tin nội bộ của Bộ", is_internal=True
    )
    public_body = warm("/tin-tuc/")
    assert "Bản tin nội bộ của Bộ" not in public_body

    first, second = Client(), Client()
    first.force_login(staff_reader)
    second.force_login(editor)
    response, body = get(first, "/tin-tuc/")
    assert response["X-Page-Cache"] == "miss" and "Bản tin nội bộ của Bộ" in body
    response, body = get(second, "/tin-tuc/")
    assert response["X-Page-Cache"] == "hit" and "Bản tin nội bộ của Bộ" in body
    get(first, internal.get_absolute_url())
    response, body = get(second, internal.get_absolute_url())
    assert response["X-Page-Cache"] == "hit" and "Bản tin nội bộ của Bộ" in body
    assert "no-store" in response["Cache-Control"]  # still never kept by a browser or a proxy

    wf.transition(item=internal, action=Action.WITHDRAW, user=board, comment="Gỡ để kiểm tra")
    assert "Bản tin nội bộ của Bộ" not in second.get("/tin-tuc/").content.decode()
    assert second.get(internal.get_absolute_url()).status_code == 404


def test_staff_pages_not_marked_shared_are_never_stored(shared_cache, staff_reader):
    staff = Client()
    staff.force_login(staff_reader)
    for _ in range(2):
        response = staff.get("/giao-ban/")
        assert response.status_code == 200 and response["X-Page-Cache"] == "miss"


def test_signed_in_readers_who_are_not_staff_get_no_cached_page(shared_cache, reporter, board, django_user_model):
    factories.published_article(author=reporter, approver=board)
    reader = django_user_model.objects.create_user("bandoc", password="x")  # noqa: S106
    client = Client()
    client.force_login(reader)
    warm("/tin-tuc/")
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/tin-tuc/")


def test_anonymous_never_receive_a_staff_page_or_internal_item(shared_cache, reporter, board, staff_reader):
    internal = factories.published_article(author=reporter, approver=board, title="Chỉ đạo nội bộ", is_internal=True)
    staff = Client()
    staff.force_login(staff_reader)
    for _ in range(2):
        assert "Chỉ đạo nội bộ" in staff.get("/tin-tuc/").content.decode()
        assert staff.get(internal.get_absolute_url()).status_code == 200
    response, body = get(Client(), "/tin-tuc/")
    assert "Chỉ đạo nội bộ" not in body
    assert Client().get(internal.get_absolute_url()).status_code == 404
    assert Client().get(internal.get_absolute_url()).status_code == 404


def test_admin_and_signed_in_pages_are_never_stored(shared_cache, board):
    client = Client()
    client.force_login(board)
    assert client.get("/admin/").status_code == 200
    response = Client().get("/admin/")
    assert response.status_code == 302
    assert "X-Page-Cache" not in response


def test_private_responses_and_cookies_are_not_stored(shared_cache, reporter, board):
    item = factories.published_article(author=reporter, approver=board)
    # A browser with pending messages gets a fresh page (and it is not stored).
    client = Client()
    client.cookies["messages"] = "x"
    assert "X-Page-Cache" not in client.get(item.get_absolute_url())
    # The beacon (POST, sets cookies) is never cached.
    assert "X-Page-Cache" not in Client().post("/dem-truy-cap/")


def test_the_cached_article_holds_no_token_and_its_rating_form_works(shared_cache, reporter, board):
    item = factories.published_article(author=reporter, approver=board)
    url = item.get_absolute_url()
    Client().get(url)
    for _ in range(2):
        client = Client(enforce_csrf_checks=True)
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit"
        assert "csrfmiddlewaretoken" not in response.content.decode() and not response.cookies
        assert client.post(url + "danh-gia/", {"score": "4"}).status_code == 303
    item.refresh_from_db()
    assert item.rating_count == 2


def test_a_page_with_a_csrf_token_is_never_stored(shared_cache, rf):
    """Such a page sets the CSRF cookie: whoever rendered it, it is never shared."""
    from django.http import HttpResponse
    from django.middleware.csrf import CsrfViewMiddleware, get_token

    from portal.pagecache.middleware import PageCacheMiddleware

    def view(request):
        return HttpResponse(get_token(request))

    app = PageCacheMiddleware(CsrfViewMiddleware(view))
    bodies = {app(rf.get("/form/", HTTP_COOKIE=f"csrftoken={c * 32}")).content for c in ("a", "b")}
    assert len(bodies) == 2
    assert app(rf.get("/form/"))["X-Page-Cache"] == "miss"


def test_languages_have_separate_entries(shared_cache, reporter, board):
    vi = warm("/")
    en = warm("/en/")
    assert vi != en
    assert 'lang="vi"' in vi and 'lang="en"' in en


def test_content_changed_signal_invalidates(shared_cache):
    from portal.editorial.signals import content_changed

    before = pagecache.generation()
    content_changed.send(sender=object, item=None)
    assert pagecache.generation() != before


def test_cache_off_and_process_local_cache_do_not_cache(settings, shared_cache):
    settings.PAGE_CACHE = False
    assert "X-Page-Cache" not in Client().get("/")
    settings.PAGE_CACHE = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "X-Page-Cache" not in Client().get("/")


def test_conditional_get_answers_304(shared_cache):
    Client().get("/tin-tuc/")
    response = Client().get("/tin-tuc/")
    etag = response["ETag"]
    assert Client().get("/tin-tuc/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_uploads_have_validators_and_public_caching(rf, tmp_path):
    from portal.core import media

    (tmp_path / "anh.webp").write_bytes(b"RIFF0000WEBPVP8 " + b"0" * 100)

    def get_upload(**headers):
        return media.serve(rf.get("/media/anh.webp", **headers), "anh.webp", document_root=str(tmp_path))

    response = get_upload()
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert response["Last-Modified"] and response["ETag"]
    assert get_upload(HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert get_upload(HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304
    assert get_upload(HTTP_IF_NONE_MATCH='"autre"').status_code == 200


def test_writes_by_other_receivers_of_a_transition_are_shown(shared_cache, reporter, board):
    """A receiver of the transition that writes after the first bump (the search index,
    slug redirects…): a page rendered before its write is never served afterwards."""
    from news.models import Article
    from portal.editorial.signals import transitioned

    item = factories.article(author=reporter, title="Tiêu đề khi duyệt")

    def render_then_write(sender, **kwargs):
        assert "Tiêu đề khi duyệt" in Client().get("/tin-tuc/").content.decode()  # stored now
        Article.objects.filter(pk=item.pk).update(title="Tiêu đề sau mọi bộ nhận")

    wf.transition(item=item, action=Action.SUBMIT, user=reporter)
    transitioned.connect(render_then_write, sender=Article, dispatch_uid="test_render_then_write")
    try:
        Client().get("/")  # a new middleware: the page cache's last receiver goes last again
        wf.transition(item=item, action=Action.PUBLISH, user=board)
    finally:
        transitioned.disconnect(sender=Article, dispatch_uid="test_render_then_write")
    assert "Tiêu đề sau mọi bộ nhận" in Client().get("/tin-tuc/").content.decode()


def test_embargoed_statistics_appear_when_the_embargo_ends(shared_cache, clock, reporter, board):
    """A release approved with a future release time is under embargo: its page, its
    downloads and the index do not show it, even from the cache, until the clock says so."""
    from stats.catalogue import INDICATORS, load
    from stats.models import Indicator, Release, Sector

    if Indicator.objects.count() < len(INDICATORS):
        load(Sector, Indicator)
    release = wf.save_new(item=Release(year=2026, month=9), user=reporter)
    wf.transition(item=release, action=Action.SUBMIT, user=reporter)
    wf.transition(item=release, action=Action.PUBLISH, user=board, publish_at=clock.now + dt.timedelta(hours=2))
    page, download = "/thong-ke/2026-09/", "/thong-ke/2026-09.xlsx"
    for _ in range(2):
        assert Client().get(page).status_code == 404
        assert Client().get(download).status_code == 404
    assert page not in warm("/thong-ke/")

    clock.advance(hours=2, seconds=1)
    assert Client().get(page).status_code == 200
    assert Client().get(download).status_code == 200
    assert page in Client().get("/thong-ke/").content.decode()


# -- the page cache off: values kept under the generation (portal.pagecache.remember) -----


@pytest.fixture
def cache_off(shared_cache, settings, monkeypatch):
    """Production with ``PAGE_CACHE=0``: every page is rendered, but the categories, a
    category's newest articles, an article's tags and the lists' counts are kept under the
    publication generation. Lists of two per page, so that the count shows in the pager."""
    settings.PAGE_CACHE = False
    monkeypatch.setattr("news.views.PAGE_SIZE", 2)
    return shared_cache


def related(body: str) -> str:
    return body.split('id="h-related"', 1)[1].split("</aside>", 1)[0]


def test_cache_off_related_list_and_count_follow_publish_and_withdraw(cache_off, reporter, board):
    first = factories.published_article(author=reporter, approver=board, title="Tin thứ nhất của chuyên mục")
    cat = first.category
    url, cat_url = first.get_absolute_url(), cat.get_absolute_url()
    for _ in range(2):  # the second request reads what the first one kept
        assert "Chưa có tin khác" in related(Client().get(url).content.decode())
        assert "Trang 1 / 1" not in Client().get(cat_url).content.decode()  # one page: no pager
    second = factories.article(author=reporter, cat=cat, title="Tin thứ hai của chuyên mục")
    third = factories.article(author=reporter, cat=cat, title="Tin thứ ba của chuyên mục")
    for item in (second, third):
        wf.transition(item=item, action=Action.SUBMIT, user=reporter)
        wf.transition(item=item, action=Action.PUBLISH, user=board)

    body = Client().get(url).content.decode()
    assert "X-Page-Cache" not in Client().get(url)
    assert second.title in related(body) and third.title in related(body)
    assert "Trang 1 / 2" in Client().get(cat_url).content.decode()
    assert "Trang 1 / 2" in Client().get("/tin-tuc/").content.decode()
    assert third.title in Client().get(second.get_absolute_url()).content.decode()

    wf.transition(item=third, action=Action.WITHDRAW, user=board, comment="Gỡ để kiểm tra")
    body = Client().get(url).content.decode()
    assert third.title not in related(body) and second.title in related(body)
    assert "Trang 1 / 2" not in Client().get(cat_url).content.decode()
    assert third.title not in Client().get(second.get_absolute_url()).content.decode()


def test_cache_off_related_list_and_count_follow_the_clock(cache_off, clock, reporter, board):
    first = factories.published_article(author=reporter, approver=board, title="Tin đang hiển thị")
    cat = first.category
    expiring = factories.published_article(
        author=reporter, approver=board, cat=cat, title="Tin sắp hết hạn", expire_at=clock.now + dt.timedelta(hours=1)
    )
    later = factories.published_article(
        author=reporter, approver=board, cat=cat, title="Tin hẹn giờ", at=clock.now + dt.timedelta(hours=2)
    )
    url = first.get_absolute_url()
    for _ in range(2):
        body = Client().get(url).content.decode()
        assert expiring.title in related(body) and later.title not in related(body)
        assert "Trang 1 / 1" not in Client().get(cat.get_absolute_url()).content.decode()

    clock.advance(hours=1, seconds=1)  # the expiry passes: nobody acts
    body = Client().get(url).content.decode()
    assert expiring.title not in related(body) and later.title not in related(body)

    clock.advance(hours=1)  # the scheduled publish time passes
    body = Client().get(url).content.decode()
    assert later.title in related(body)
    assert "Trang 1 / 1" not in Client().get(cat.get_absolute_url()).content.decode()
    factories.published_article(author=reporter, approver=board, cat=cat, title="Tin thứ ba")
    assert "Trang 1 / 2" in Client().get(cat.get_absolute_url()).content.decode()


def test_cache_off_renames_in_the_admin_show_at_once(cache_off, reporter, board):
    from news.models import Tag

    tag = Tag.objects.create(name="Chữ ký số", slug="chu-ky-so")
    item = factories.published_article(author=reporter, approver=board, title="Tin có thẻ")
    item.tags.set([tag])
    pagecache.bump(reason="tags set outside the workflow in this test")
    cat = item.category
    url = item.get_absolute_url()
    for _ in range(2):
        body = Client().get(url).content.decode()
        assert tag_shown(body, "Chữ ký số") and cat.name in body

    admin = Client()
    admin.force_login(board)
    response = admin.post(
        f"/admin/news/category/{cat.pk}/change/", {"name": "Chuyên mục đổi tên", "slug": cat.slug, "order": 3}
    )
    assert response.status_code == 302
    response = admin.post(f"/admin/news/tag/{tag.pk}/change/", {"name": "Chữ ký số công cộng", "slug": tag.slug})
    assert response.status_code == 302

    body = Client().get(url).content.decode()
    assert "Chuyên mục đổi tên" in body and tag_shown(body, "Chữ ký số công cộng")
    assert "Chuyên mục đổi tên" in Client().get("/tin-tuc/").content.decode()


def test_cache_off_staff_see_internal_related_articles_anonymous_never(cache_off, reporter, board, staff_reader):
    first = factories.published_article(author=reporter, approver=board, title="Tin công khai")
    internal = factories.published_article(
        author=reporter, approver=board, cat=first.category, title="Tin nội bộ cùng chuyên mục", is_internal=True
    )
    staff = Client()
    staff.force_login(staff_reader)
    for _ in range(2):
        assert internal.title in related(staff.get(first.get_absolute_url()).content.decode())
        assert internal.title not in related(Client().get(first.get_absolute_url()).content.decode())
        assert internal.title in staff.get("/tin-tuc/").content.decode()
        assert internal.title not in Client().get("/tin-tuc/").content.decode()


def test_cache_off_process_local_cache_keeps_nothing(settings, reporter, board):
    """Without a shared cache the generation is not tracked: nothing is kept, each request
    reads the database (correct on any number of workers)."""
    settings.PAGE_CACHE = False
    assert not pagecache.tracked()
    calls = []
    assert pagecache.remember("k", lambda: calls.append(1) or len(calls)) == 1
    assert pagecache.remember("k", lambda: calls.append(1) or len(calls)) == 2


def test_cache_off_edit_after_publish_shows_only_once_approved(cache_off, reporter, board, board2):
    from news.models import Tag

    item = factories.published_article(
        author=reporter, approver=board, title="Tiêu đề đã duyệt", body="<p>Nội dung đã duyệt.</p>"
    )
    url = item.get_absolute_url()
    for _ in range(2):
        body = Client().get(url).content.decode()
        assert "Tiêu đề đã duyệt" in body and "Nội dung đã duyệt." in body

    item.title = "Tiêu đề sửa chưa duyệt"
    item.body = "<p>Nội dung sửa.</p>"
    tag = Tag.objects.create(name="Thẻ mới duyệt", slug="the-moi-duyet")
    with transaction.atomic():  # as the admin saves it
        assert wf.save_existing(item=item, user=board) is True
        wf.record_deferred_change(item=item, user=board, m2m={"tags": [tag.pk]})
    body = Client().get(url).content.decode()
    assert "Tiêu đề đã duyệt" in body and "chưa duyệt" not in body and "Nội dung sửa." not in body
    assert "Thẻ mới duyệt" not in body

    item.refresh_from_db()
    wf.transition(item=item, action=Action.SUBMIT, user=board)
    wf.transition(item=item, action=Action.PUBLISH, user=board2)
    body = Client().get(url).content.decode()
    assert "Tiêu đề sửa chưa duyệt" in body and "Nội dung sửa." in body and "Nội dung đã duyệt." not in body
    assert "<title>Tiêu đề sửa chưa duyệt" in body
    assert tag_shown(body, "Thẻ mới duyệt")
