from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "netral.cases"
    verbose_name = _("Penanganan perkara")

    def ready(self) -> None:
        from netral.cases import policies  # noqa: F401

    def load_demo_data(self) -> str:
        from netral.cases.demo import load_demo_cases

        return load_demo_cases()
