"""Time the answers of "Hỏi số liệu" on this database (the bench's 20 years of releases):
``manage.py ask_bench [--rounds 20]``. Prints p50/p95/max of the answer alone (the two
queries and the sentence) and of the whole page through Django's test client, and the
number of queries per answer. Writes nothing (the counts are not flushed)."""

from __future__ import annotations

import statistics
import time

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

QUESTIONS = [
    "Thuê bao smartphone tháng 1/2022 là bao nhiêu?",
    "so thue bao smarphone thang 01 nam 2022",
    "Sự cố tấn công mạng tháng 1 tăng hay giảm?",
    "Doanh thu công nghiệp ICT so với cùng kỳ?",
    "tổng sự cố năm 2015",
    "sự cố quý II/2019",
    "botnet tháng nào cao nhất năm 2020",
    "xu hướng thuê bao smartphone",
    "thuê bao smartphone từ tháng 1 đến tháng 12/2010",
    "DVCTT mới nhất",
    "số bưu cục tháng 1/2022",
    "thuê bao tháng 1/2022",
]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class Command(BaseCommand):
    help = "Đo thời gian trả lời của Hỏi số liệu (p50, p95) trên cơ sở dữ liệu hiện tại."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=20)

    def handle(self, *args, rounds, **options):
        from ask import counting
        from ask.answers import ask

        user = AnonymousUser()
        for q in QUESTIONS:  # warm-up
            ask(q, user=user)
        timings, queries = [], []
        for _ in range(rounds):
            for q in QUESTIONS:
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    ask(q, user=user)
                    timings.append((time.perf_counter() - start) * 1000)
                queries.append(len(ctx.captured_queries))
        self.stdout.write(
            f"answer: n={len(timings)} p50={statistics.median(timings):.2f} ms p95={pct(timings, 95):.2f} ms "
            f"max={max(timings):.2f} ms; queries per answer: {min(queries)}–{max(queries)}"
        )
        client = Client()
        page_timings = []
        flush = counting.flush
        counting.flush = lambda: False  # measuring writes nothing
        try:
            for _ in range(rounds):
                for q in QUESTIONS:
                    start = time.perf_counter()
                    response = client.get("/thong-ke/hoi/", {"q": q}, HTTP_HOST="127.0.0.1", secure=True)
                    page_timings.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200, response.status_code
        finally:
            counting.flush = flush
        self.stdout.write(
            f"page:   n={len(page_timings)} p50={statistics.median(page_timings):.2f} ms "
            f"p95={pct(page_timings, 95):.2f} ms max={max(page_timings):.2f} ms"
        )
