from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "netral.audit"
    verbose_name = _("Jejak audit")

    def ready(self) -> None:
        from netral.audit import policies  # noqa: F401
