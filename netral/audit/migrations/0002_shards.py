"""From one chain to several: existing entries become shard 0 (same numbers, their plain
SHA-256 hashes kept and still verified as such), the old head row becomes shard 0's head.

The first keyed entry of shard 0 chains onto the last old one, and the first checkpoint
(`netral audit checkpoint`) records where the old entries end, so that they cannot be rewritten
afterwards without the key either.
"""

from typing import Any

from django.db import migrations, models
from django.db.models import F


def to_shard_zero(apps: Any, schema_editor: Any) -> None:
    entry = apps.get_model("audit", "AuditEntry")
    head = apps.get_model("audit", "AuditHead")
    # Queryset updates: the model's append-only save() is not involved (historical model).
    entry.objects.update(shard=0, shard_seq=F("seq"), scheme=1)
    if not head.objects.filter(id=0).exists():
        head.objects.filter(id=1).update(id=0)


def back_to_one_chain(apps: Any, schema_editor: Any) -> None:
    entry = apps.get_model("audit", "AuditEntry")
    head = apps.get_model("audit", "AuditHead")
    if entry.objects.exclude(scheme=1).exists():
        raise RuntimeError("keyed audit entries exist: the single chain cannot hold them")
    head.objects.filter(id=0).update(id=1)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="shard",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="rantai"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="shard_seq",
            field=models.BigIntegerField(null=True, verbose_name="nomor dalam rantai"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="scheme",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.RunPython(to_shard_zero, back_to_one_chain),
        migrations.AlterField(
            model_name="auditentry",
            name="shard_seq",
            field=models.BigIntegerField(verbose_name="nomor dalam rantai"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="scheme",
            field=models.PositiveSmallIntegerField(default=2),
        ),
        migrations.AlterField(
            model_name="audithead",
            name="id",
            field=models.PositiveSmallIntegerField(default=0, primary_key=True, serialize=False),
        ),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.UniqueConstraint(
                fields=("shard", "shard_seq"), name="audit_entry_shard_seq"
            ),
        ),
    ]
