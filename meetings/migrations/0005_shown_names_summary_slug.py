from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_list_and_schedule_indexes")]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="shown_names",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="tên đơn vị, cán bộ khi duyệt"
            ),
        ),
        # Added empty, filled by 0006, made unique by 0007 (three transactions: PostgreSQL
        # refuses to alter a table with pending deferred-constraint events).
        migrations.AddField(
            model_name="publicsummary",
            name="slug",
            field=models.SlugField(blank=True, db_index=False, default="", max_length=300),
            preserve_default=False,
        ),
    ]
