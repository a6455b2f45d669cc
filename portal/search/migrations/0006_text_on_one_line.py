"""The summary and body of each document on one line, composed (``services.one_line``), as
documents are now written: a search's snippets are cut from them as they are, without
going over each result's whole text first. Only the rows that change are written."""

from django.db import migrations


def one_line(text: str) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", text or "").split())


def forwards(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    rows = SearchDocument.objects.order_by("pk").values_list("pk", "summary", "body")
    changed = []
    for pk, summary, body in rows.iterator(chunk_size=2000):
        if one_line(summary) != summary or one_line(body) != body:
            changed.append(SearchDocument(pk=pk, summary=one_line(summary), body=one_line(body)))
        if len(changed) >= 500:
            SearchDocument.objects.bulk_update(changed, ["summary", "body"])
            changed = []
    SearchDocument.objects.bulk_update(changed, ["summary", "body"])


class Migration(migrations.Migration):
    dependencies = [("search", "0005_inline_ranking_columns")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
