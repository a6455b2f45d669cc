"""Visits and article views: counted by the beacon, never by the page, and never lost
when many browsers hit the beacon at once from several processes."""

from __future__ import annotations

import multiprocessing

import pytest
from django.db import connections
from django.test import Client

from portal.core.counters import total_visits
from tests import factories

PROCESSES = 4
HITS = 30


def _hit(article_pk: int, barrier) -> None:
    client = Client()
    barrier.wait(timeout=30)
    try:
        for _ in range(HITS):
            client.cookies.clear()  # a new browser each time: a new visit
            response = client.post("/dem-truy-cap/", {"article": str(article_pk)})
            if response.status_code != 200:
                raise SystemExit(1)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_beacons_from_several_processes_lose_no_count(reporter, board):
    article = factories.published_article(author=reporter, approver=board)
    before = total_visits()
    connections.close_all()  # each process opens its own connection
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(PROCESSES)
    procs = [ctx.Process(target=_hit, args=(article.pk, barrier)) for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * PROCESSES
    article.refresh_from_db()
    assert article.view_count == PROCESSES * HITS
    assert total_visits() - before == PROCESSES * HITS


@pytest.mark.django_db
def test_article_page_does_not_write(reporter, board, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = factories.published_article(author=reporter, approver=board)
    with CaptureQueriesContext(connection) as ctx:
        assert Client().get(article.get_absolute_url()).status_code == 200
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert writes == []
    article.refresh_from_db()
    assert article.view_count == 0
