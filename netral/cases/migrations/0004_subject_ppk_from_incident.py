from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_authority_code")]

    operations = [
        migrations.AddField(
            model_name="casesubject",
            name="ppk_from_incident",
            field=models.BooleanField(
                default=False, verbose_name="PPK diduga dari tempat kejadian"
            ),
        ),
    ]
