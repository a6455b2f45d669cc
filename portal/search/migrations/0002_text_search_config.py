from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'portal_vi') THEN
    CREATE TEXT SEARCH CONFIGURATION portal_vi (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION portal_vi
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunSQL(CREATE, "DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_vi;"),
    ]
