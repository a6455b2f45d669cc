"""A release gets the schedule and expiry indexes every editorial model has (declared once
on ``EditorialModel``): the next scheduled change reads one index entry per model."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0004_approval_integrity"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="release",
            index=models.Index(condition=models.Q(("live", True)), fields=["publish_at"], name="release_schedule_idx"),
        ),
        migrations.AddIndex(
            model_name="release",
            index=models.Index(
                condition=models.Q(("expire_at__isnull", False), ("live", True)),
                fields=["expire_at"],
                name="release_expiry_idx",
            ),
        ),
    ]
