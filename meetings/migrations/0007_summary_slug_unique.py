"""Public summaries: one address each (filled by 0006)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_fill_summary_slugs"),
    ]

    operations = [
        migrations.AlterField(
            model_name="publicsummary",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Để trống: tự tạo từ tiêu đề công khai (bỏ dấu, “đ” thành “d”).",
                max_length=300,
                unique=True,
                verbose_name="đường dẫn công khai",
            ),
        ),
    ]
