"""Screenshots stored in clear before sealing existed are encrypted where they lie."""

from django.db import migrations


def seal_plain(apps, schema_editor):
    from netral.intake.rotation import reseal_rows

    reseal_rows(apps.get_model("monitoring", "Screenshot"), ("original", "stripped"), rotate=False)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_source_demo"), ("intake", "0002_seal_plain_files")]

    # Going back leaves the files sealed (see intake 0002).
    operations = [migrations.RunPython(seal_plain, migrations.RunPython.noop, elidable=True)]
