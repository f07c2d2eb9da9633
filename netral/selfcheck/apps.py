from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfcheckConfig(AppConfig):
    name = "netral.selfcheck"
    verbose_name = _("Cek mandiri unggahan")
