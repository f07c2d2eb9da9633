from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
        ("cases", "0004_subject_ppk_from_incident"),
    ]

    operations = [
        migrations.AddField(
            model_name="casesubject",
            name="proven_violations",
            field=models.ManyToManyField(
                blank=True,
                related_name="proven_subjects",
                to="catalogue.violation",
                verbose_name="pelanggaran terbukti",
            ),
        ),
    ]
