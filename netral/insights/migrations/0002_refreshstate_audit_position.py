"""The case refresh remembers each audit shard's position instead of one sequence number (the
trail's numbers are no longer handed out in commit order). An empty position makes the next
refresh a full one, once."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_initial"), ("audit", "0002_shards")]

    operations = [
        migrations.RemoveField(model_name="refreshstate", name="last_seq"),
        migrations.AddField(
            model_name="refreshstate",
            name="audit_position",
            field=models.TextField(blank=True, default=""),
        ),
    ]
