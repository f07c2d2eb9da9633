from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "netral.audit"
    verbose_name = _("Jejak audit")

    def ready(self) -> None:
        from django.contrib import admin

        from netral.audit import policies  # noqa: F401
        from netral.audit.admin import audit_every_admin

        # The admin has discovered every app's admin module by now (it is installed first).
        audit_every_admin(admin.site)
