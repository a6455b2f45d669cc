"""The schedule and expiry indexes are declared once, on ``EditorialModel``, named after the
model (``%(class)s_schedule_idx``): the public summary's two are renamed to match."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_summary_slug_unique"),
    ]

    operations = [
        migrations.RenameIndex(
            model_name="publicsummary",
            new_name="publicsummary_schedule_idx",
            old_name="summary_schedule_idx",
        ),
        migrations.RenameIndex(
            model_name="publicsummary",
            new_name="publicsummary_expiry_idx",
            old_name="summary_expiry_idx",
        ),
    ]
