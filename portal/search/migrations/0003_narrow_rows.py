"""Keep the rows of the search index narrow: the text (body, summary) and the text vector
are stored apart (TOAST) as soon as a row passes 256 bytes, instead of 2 kB.

A search reads the matching rows for their visibility and publish time before it ranks
the newest of them (``services.SearchResults``): with the text in the row, a common word's
26,000 matches among 100,000 documents were spread over 17,000 pages (173 MB); with narrow
rows the table is 20 MB and fits in memory. The text is still read, only for the page of
results shown (its highlighted snippets).

``VACUUM FULL`` rewrites the rows already there (seconds for 100,000 documents; the table
is locked meanwhile). It cannot run in a transaction, hence ``atomic = False``.
"""

from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("search", "0002_text_search_config")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE search_searchdocument SET (toast_tuple_target = 256)",
            "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
        ),
        migrations.RunSQL("VACUUM FULL search_searchdocument", migrations.RunSQL.noop),
    ]
