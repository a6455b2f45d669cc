"""Scale data for the benchmark, in its own database (never the developers' ``portal``).

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/bench .venv/bin/python bench/generate.py
    (options: --articles 100000 --meetings 5000 --directives 20000 --years 20 --seed 5 --reset;
    a small database for a try: --articles 2000 --meetings 200 --directives 800 --years 2)

Creates the database if needed and migrates it, then, each generator idempotent:

- ``bench/news.py``: 12 categories and 100,000 published articles over the years (plus 1%
  internal and a few scheduled ones);
- every app's demo content (``manage.py load_demo``: statistics releases with their
  downloads, meetings), so the load test finds those pages;
- ``bench/stats.py``: a monthly release for every month of the years, every indicator;
- ``bench/meetings.py``: 5,000 meetings with 20,000 directives, units and people.

Every generated item is created and submitted by the user ``bench`` (Phóng viên) and
approved by ``bench-duyet`` (Ban Biên tập); its workflow fields, audit rows and revisions
come from ``portal.editorial.services.replay`` and its search document from
``portal.search.services.index_items`` (``bench/common.py``). Then ``VACUUM ANALYZE``. The full
size takes several minutes on the 2-core machine (about 2.5 ms an article); the small one above 15 s.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Run as a script, this folder comes first on the path: ``bench/news.py`` must not hide the
# ``news`` app. The generators are imported as the ``bench`` package instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:54329/bench"


def ensure_database(url: str) -> None:
    import psycopg2

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    conn.close()


def reset_articles() -> None:
    """Delete the articles with their revisions, audit rows and search documents. The audit
    tables refuse DELETE (a trigger): this throwaway database bypasses it for the one
    statement (``session_replication_role``, a superuser's setting)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from news.models import Article
    from portal.editorial.models import Revision, TransitionLog
    from portal.search.models import SearchDocument

    ct = ContentType.objects.get_for_model(Article)
    with transaction.atomic(), connection.cursor() as cur:
        for model in (SearchDocument, Revision, TransitionLog):
            cur.execute("SET LOCAL session_replication_role = replica")
            cur.execute(f"DELETE FROM {model._meta.db_table} WHERE content_type_id = %s", [ct.pk])  # noqa: S608
        cur.execute("SET LOCAL session_replication_role = DEFAULT")
        cur.execute(f"TRUNCATE {Article._meta.db_table} CASCADE")
    print("deleted the generated articles")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000, help="articles in all (default 100,000)")
    parser.add_argument("--meetings", type=int, default=5000, help="generated meetings (default 5,000)")
    parser.add_argument("--directives", type=int, default=None, help="directives in all (default 4 per meeting)")
    parser.add_argument("--years", type=int, default=20, help="years of articles, releases and meetings")
    parser.add_argument("--reset", action="store_true", help="delete the generated articles first")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--reindex", action="store_true", help="only write the search documents of the articles again, then VACUUM"
    )
    args = parser.parse_args()

    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if url.rsplit("/", 1)[1].split("?")[0] in {"portal", "postgres"}:
        print("Refusing to fill the development database; use DATABASE_URL=.../bench", file=sys.stderr)
        return 2
    ensure_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import common, meetings, news, stats
    from news.models import Article

    started = time.monotonic()
    call_command("migrate", "--noinput", "-v", "0", "--run-syncdb")
    call_command("createcachetable", "-v", "0")
    if args.reindex:
        news.reindex(stdout=sys.stdout)
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE search_searchdocument")
        return 0
    if args.reset:
        reset_articles()
    author, approver = common.users()
    rng = random.Random(args.seed)
    out = sys.stdout

    t0 = time.monotonic()
    made = news.generate(
        author=author, approver=approver, stdout=out, rng=rng, articles=args.articles, years=args.years
    )
    print(f"news: {made} articles in {time.monotonic() - t0:.0f} s")
    # The apps' demo content (idempotent): statistics releases with their downloads and
    # meetings, so that the load test finds those pages.
    call_command("load_demo", stdout=io.StringIO())
    t0 = time.monotonic()
    stats.generate(author=author, approver=approver, stdout=out, rng=rng, years=args.years)
    print(f"stats: generated in {time.monotonic() - t0:.0f} s")
    t0 = time.monotonic()
    directives = args.directives if args.directives is not None else 4 * args.meetings
    meetings.generate(author=author, approver=approver, stdout=out, rng=rng, meetings=args.meetings,
                      directives=directives, years=args.years)  # fmt: skip
    print(f"meetings: generated in {time.monotonic() - t0:.0f} s")

    # The indexes come from the migrations (BENCHMARKS.md, "Indexes"). VACUUM sets the
    # visibility map that index-only scans need (autovacuum does it on a live server).
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    print(f"done in {time.monotonic() - started:.0f} s: {Article.objects.count()} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
