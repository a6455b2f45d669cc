"""Keep in the row what ranks a candidate: the title's, the keywords' and the exact words'
vectors and the plain title are compressed in place (``STORAGE MAIN``), not stored apart
like the body and the full vector (``toast_tuple_target = 256``, migration 0003). Ranking
200 candidates then reads 200 rows, not 200 rows and their out-of-line values.

``VACUUM FULL`` rewrites the rows already there; it cannot run in a transaction.
"""

from django.db import migrations

COLUMNS = ("title", "title_plain", "title_vector", "keywords_vector", "exact_vector")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("search", "0004_ranking_fields")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE search_searchdocument " + ", ".join(f"ALTER COLUMN {c} SET STORAGE MAIN" for c in COLUMNS),
            "ALTER TABLE search_searchdocument " + ", ".join(f"ALTER COLUMN {c} SET STORAGE EXTENDED" for c in COLUMNS),
        ),
        migrations.RunSQL("VACUUM FULL search_searchdocument", migrations.RunSQL.noop),
    ]
