"""A user's second-factor stamp; API tokens get an expiry and a scope (both empty for tokens
made before: see netral.accounts.tokens for how such tokens are limited)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='two_factor_stamp',
            field=models.CharField(blank=True, default='', editable=False, max_length=32),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='berlaku sampai'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='scope',
            field=models.CharField(blank=True, choices=[('read', 'hanya baca'), ('write', 'baca dan ubah')], default='', max_length=8, verbose_name='cakupan'),
        ),
    ]
