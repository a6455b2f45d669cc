"""Indexes found with the benchmark's 5,000 meetings (meetings/bench.py).

- ``meeting_start_idx``: the meeting lists (``selectors.listed_meetings``: the /giao-ban/
  page, the calendar feed, the home section) are ordered by ``-start_at, -id`` and filtered
  by "readable in full OR public summary published", an OR over two tables that no index
  answers; PostgreSQL read every meeting and sorted them (about 4-5 ms). It now walks this
  index and stops after the page: 0.1 ms (anonymous), 0.04 ms (staff).
- the next scheduled change (``portal.core.cache.compute_next_change``, once per
  publication generation): ``MIN(publish_at)`` and ``MIN(expire_at)`` ``WHERE live AND … >
  now`` read the whole meetings and summaries tables (about 3 ms at 5,000 meetings); they
  now read one index entry, as for articles (news migration 0004).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_reminder_labels"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["-start_at", "-id"], name="meeting_start_idx"),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(condition=models.Q(("live", True)), fields=["publish_at"], name="meeting_schedule_idx"),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(
                condition=models.Q(("expire_at__isnull", False), ("live", True)),
                fields=["expire_at"],
                name="meeting_expiry_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="publicsummary",
            index=models.Index(condition=models.Q(("live", True)), fields=["publish_at"], name="summary_schedule_idx"),
        ),
        migrations.AddIndex(
            model_name="publicsummary",
            index=models.Index(
                condition=models.Q(("expire_at__isnull", False), ("live", True)),
                fields=["expire_at"],
                name="summary_expiry_idx",
            ),
        ),
    ]
