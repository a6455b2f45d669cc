"""What readers see, and when: scheduled publishing and expiry by the clock alone, and
internal items hidden from anonymous readers everywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from portal.editorial import services as wf
from portal.editorial.enums import Action, State
from tests import factories

HOUR = dt.timedelta(hours=1)

pytestmark = pytest.mark.usefixtures("reader_cache")


def listings(client, item):
    """Every place an anonymous reader may meet ``item``: name -> page text."""
    return {
        "home": client.get("/").content.decode(),
        "list": client.get("/tin-tuc/").content.decode(),
        "category": client.get(item.category.get_absolute_url()).content.decode(),
        "rss": client.get("/rss/").content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
        "search": client.get("/tim-kiem/", {"q": "kỳ lân biển"}).content.decode(),
    }


@pytest.fixture
def unicorn(reporter):
    return {
        "title": "Kỳ lân biển xuất hiện tại hội nghị",
        "lead": "Một tin về kỳ lân biển.",
        "body": "<p>Kỳ lân biển là từ khoá để tìm.</p>",
        "author": reporter,
    }


def test_scheduled_article_appears_by_itself(
    client, clock, reporter, board, unicorn, django_capture_on_commit_callbacks
):
    clock.set(timezone.make_aware(dt.datetime(2023, 2, 1, 8, 0)))
    item = factories.article(**unicorn)
    at = timezone.make_aware(dt.datetime(2023, 2, 1, 15, 0))
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.SUBMIT, user=reporter)
        wf.transition(item=item, action=Action.PUBLISH, user=board, publish_at=at)
    item.refresh_from_db()
    assert item.state == State.PUBLISHED and item.is_scheduled
    assert item.publish_at == at

    for name, text in listings(client, item).items():
        assert item.title not in text, f"{name} shows a scheduled article before its time"
    assert client.get(item.get_absolute_url()).status_code == 404

    clock.set(at - dt.timedelta(minutes=1))
    assert client.get(item.get_absolute_url()).status_code == 404

    clock.set(at + dt.timedelta(seconds=1))  # nobody acts; the clock moves
    for name, text in listings(client, item).items():
        assert item.slug in text or item.title in text, f"{name} misses the article once its time came"
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200
    assert "Thứ tư, 01/02/2023 15:00" in page.content.decode()


def test_publish_time_set_in_the_form_is_kept(clock, reporter, board, unicorn):
    clock.set(timezone.make_aware(dt.datetime(2023, 2, 1, 8, 0)))
    at = timezone.make_aware(dt.datetime(2023, 2, 3, 7, 30))
    item = factories.article(publish_at=at, **unicorn)
    wf.transition(item=item, action=Action.SUBMIT, user=reporter)
    wf.transition(item=item, action=Action.PUBLISH, user=board)
    item.refresh_from_db()
    assert item.publish_at == at and item.is_scheduled


def test_expiry_takes_article_down_by_itself(client, clock, reporter, board, unicorn):
    clock.set(timezone.make_aware(dt.datetime(2023, 3, 1, 9, 0)))
    expire = timezone.make_aware(dt.datetime(2023, 3, 2, 9, 0))
    item = factories.published_article(
        author=reporter, approver=board, expire_at=expire, **{k: v for k, v in unicorn.items() if k != "author"}
    )
    for name, text in listings(client, item).items():
        assert item.slug in text or item.title in text, f"{name} misses a live article"
    assert client.get(item.get_absolute_url()).status_code == 200

    clock.set(expire + dt.timedelta(seconds=1))
    for name, text in listings(client, item).items():
        assert item.title not in text and item.slug not in text, f"{name} still shows an expired article"
    assert client.get(item.get_absolute_url()).status_code == 404


def test_internal_article_hidden_from_anonymous_everywhere(client, reporter, board, staff_reader, unicorn):
    item = factories.published_article(
        author=reporter, approver=board, is_internal=True, **{k: v for k, v in unicorn.items() if k != "author"}
    )
    for name, text in listings(client, item).items():
        assert item.title not in text and item.slug not in text, f"{name} shows an internal article to anonymous"
    assert client.get(item.get_absolute_url()).status_code == 404

    client.force_login(staff_reader)
    for name in ("home", "list", "category", "search"):
        text = listings(client, item)[name]
        assert item.title in text, f"staff do not see the internal article on {name}"
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200
    assert "Nội bộ" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    # Feeds and the sitemap are public documents: never internal items.
    assert item.title not in client.get("/rss/").content.decode()
    assert item.slug not in client.get("/sitemap.xml").content.decode()


def test_unpublished_states_never_reach_readers(client, reporter, editor, board, unicorn):
    items = [
        factories.article_in_state(state, author=reporter, editor=editor, board=board, title=f"Kỳ lân biển {state}")
        for state in (State.DRAFT, State.PENDING, State.RETURNED, State.WITHDRAWN)
    ]
    for item in items:
        assert client.get(item.get_absolute_url()).status_code == 404
        for name, text in listings(client, item).items():
            assert item.title not in text, f"{name} shows a {item.state} article"


def test_withdrawn_article_leaves_search_and_feed(client, reporter, board, unicorn, django_capture_on_commit_callbacks):
    item = factories.published_article(
        author=reporter, approver=board, **{k: v for k, v in unicorn.items() if k != "author"}
    )
    assert item.title in client.get("/tim-kiem/", {"q": "kỳ lân biển"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.WITHDRAW, user=board, comment="Gỡ theo yêu cầu.")
    for name, text in listings(client, item).items():
        assert item.title not in text, f"{name} still shows a withdrawn article"
