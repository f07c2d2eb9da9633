"""Evidence files stored in clear before sealing existed are encrypted where they lie."""

from django.db import migrations


def seal_plain(apps, schema_editor):
    from netral.intake.rotation import reseal_rows

    reseal_rows(apps.get_model("intake", "Evidence"), ("original", "stripped"), rotate=False)


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    # Going back leaves the files sealed: they were never meant to be in clear, and every
    # version from this one on opens both forms.
    operations = [migrations.RunPython(seal_plain, migrations.RunPython.noop, elidable=True)]
