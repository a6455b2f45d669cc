"""Partial covering indexes for what anonymous readers see (live, not internal).

The news list (page N, its count) and a category page read these by an index-only scan:
``expire_at`` is included so the expiry test needs no visit to the table, and the
``publish_at <= now()`` test is part of the index condition. Before them, page 500 of the
list read 10,000 table rows and the count went through the whole table (BENCHMARKS.md).

``IF NOT EXISTS``: ``bench/generate.py`` used to create the same two indexes by hand in
the bench database; migrating such a database keeps them instead of failing.
"""

from django.db import migrations, models

PUBLIC = models.Q(("is_internal", False), ("live", True))


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_featured_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    'CREATE INDEX IF NOT EXISTS "article_public_idx" ON "news_article" '
                    '("language", "publish_at" DESC, "id" DESC) INCLUDE ("expire_at") '
                    'WHERE (NOT "is_internal" AND "live")',
                    reverse_sql='DROP INDEX IF EXISTS "article_public_idx"',
                ),
                migrations.RunSQL(
                    'CREATE INDEX IF NOT EXISTS "article_public_cat_idx" ON "news_article" '
                    '("category_id", "language", "publish_at" DESC, "id" DESC) INCLUDE ("expire_at") '
                    'WHERE (NOT "is_internal" AND "live")',
                    reverse_sql='DROP INDEX IF EXISTS "article_public_cat_idx"',
                ),
            ],
            state_operations=[
                migrations.AddIndex(
                    model_name="article",
                    index=models.Index(
                        condition=PUBLIC,
                        fields=["language", "-publish_at", "-id"],
                        include=("expire_at",),
                        name="article_public_idx",
                    ),
                ),
                migrations.AddIndex(
                    model_name="article",
                    index=models.Index(
                        condition=PUBLIC,
                        fields=["category", "language", "-publish_at", "-id"],
                        include=("expire_at",),
                        name="article_public_cat_idx",
                    ),
                ),
            ],
        ),
    ]
