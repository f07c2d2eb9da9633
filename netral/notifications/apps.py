from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "netral.notifications"
    verbose_name = _("Notifikasi")

    def ready(self) -> None:
        # Make Netral's Celery app the current one whenever Django is set up, so that
        # @shared_task binds to it (and to its eager, broker-less default).
        import netral.celery  # noqa: F401
