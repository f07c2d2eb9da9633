from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "netral.intake"
    verbose_name = _("Laporan masyarakat")

    def ready(self) -> None:
        from netral.intake import policies  # noqa: F401  (registers the access rules)

    def load_demo_data(self) -> str:
        from netral.intake.demo import load_demo_reports

        return load_demo_reports()
