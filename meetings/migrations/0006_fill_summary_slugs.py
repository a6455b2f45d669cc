"""Each public summary gets its own address, made from its public title and distinct from
every meeting's (the internal record's slug is never shown to readers)."""

from django.db import migrations
from django.utils.text import slugify


def _slugify(value: str, max_length: int) -> str:
    value = (value or "").replace("đ", "d").replace("Đ", "D").replace("/", "-")
    return slugify(value)[:max_length].strip("-")


RESERVED = {"nhiem-vu", "lich", "tai-lieu", "tien-do"}


def fill(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    PublicSummary = apps.get_model("meetings", "PublicSummary")
    taken = set(Meeting.objects.values_list("slug", flat=True)) | RESERVED
    for summary in PublicSummary.objects.order_by("id"):
        base = _slugify(summary.title, 274) or "tom-tat"
        candidate, n = base, 2
        while candidate in taken:
            candidate = f"{base}-{n}"
            n += 1
        taken.add(candidate)
        PublicSummary.objects.filter(pk=summary.pk).update(slug=candidate)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_shown_names_summary_slug")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
