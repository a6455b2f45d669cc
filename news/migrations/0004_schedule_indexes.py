"""Indexes for the next scheduled change (``portal.core.cache.compute_next_change``).

Once per publication generation (after every publish, withdrawal or edit), the page cache
and the values kept under the generation ask for the earliest publish or expiry time
still ahead among live items. ``MIN(expire_at) … WHERE live AND expire_at > now`` read the
whole articles table (42 ms at 100,000 articles, BENCHMARKS.md); ``MIN(publish_at)`` went
through a list index. Both now read one index entry.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_public_list_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(condition=models.Q(("live", True)), fields=["publish_at"], name="article_schedule_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("expire_at__isnull", False), ("live", True)),
                fields=["expire_at"],
                name="article_expiry_idx",
            ),
        ),
    ]
