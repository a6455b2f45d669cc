"""Visits and article views: counted by the beacon, never by the page, and never lost
when many browsers hit the beacon at once from several processes."""

from __future__ import annotations

import multiprocessing

import pytest
from django.db import connection
from django.test import Client

from portal.core.counters import total_visits
from tests import factories
from tests.perf.beacon_worker import hit

PROCESSES = 4
HITS = 30


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_beacons_from_several_processes_lose_no_count(reporter, board):
    article = factories.published_article(author=reporter, approver=board)
    before = total_visits()
    # Spawned, not forked: a forked child would share this process's database socket
    # (and, after the browser tests, its event-loop state).
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(PROCESSES)
    db_name = connection.settings_dict["NAME"]
    procs = [ctx.Process(target=hit, args=(db_name, article.pk, HITS, barrier)) for _ in range(PROCESSES)]
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
