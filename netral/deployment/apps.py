from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeploymentConfig(AppConfig):
    name = "netral.deployment"
    verbose_name = _("Penerapan")

    def ready(self) -> None:
        from netral.deployment import checks  # noqa: F401  (registers `check --deploy` checks)
