from django.db import migrations


def seed(apps, schema_editor):
    from ask.aliases import seed as load

    load(
        apps.get_model("ask", "IndicatorAlias"),
        apps.get_model("ask", "IndicatorOptions"),
        apps.get_model("stats", "Indicator"),
    )


class Migration(migrations.Migration):
    dependencies = [("ask", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
