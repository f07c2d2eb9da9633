from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "netral.insights"
    verbose_name = _("Dasbor dan laporan")

    def ready(self) -> None:
        from netral.insights import median, policies  # noqa: F401  (access rules; MEDIAN on SQLite)

    def load_reference_data(self) -> str:
        from netral.insights.risk import ensure_default_weights

        return ensure_default_weights()

    def load_demo_data(self) -> str:
        # Runs after the cases and reports apps loaded theirs (INSTALLED_APPS order): the
        # summaries then hold the demo's figures from the first page view on.
        from netral.insights import public
        from netral.insights.refresh import refresh_all

        result = refresh_all()
        public.publish()
        return f"{result}; halaman transparansi diterbitkan"
