from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "netral.retention"
    verbose_name = _("Retensi data pribadi")
