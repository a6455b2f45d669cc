from django.db import migrations


def seed(apps, schema_editor):
    """Aliases added to ask/aliases.py since 0002 (what exists is left alone)."""
    from ask.aliases import seed as load

    load(
        apps.get_model("ask", "IndicatorAlias"),
        apps.get_model("ask", "IndicatorOptions"),
        apps.get_model("stats", "Indicator"),
    )


class Migration(migrations.Migration):
    dependencies = [("ask", "0003_stored_norm")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
