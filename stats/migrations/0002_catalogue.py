from django.db import migrations


def forwards(apps, schema_editor):
    from stats.catalogue import load

    load(apps.get_model("stats", "Sector"), apps.get_model("stats", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("stats", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
