from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "netral.monitoring"
    verbose_name = _("Pemantauan media sosial")

    def ready(self) -> None:
        from netral.insights.measures import register
        from netral.monitoring import policies  # noqa: F401  (registers the access rules)
        from netral.monitoring.measures import MonitoringMeasures

        register(MonitoringMeasures())

    def load_demo_data(self) -> str:
        from netral.monitoring.demo import load_demo

        return load_demo()
