from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "netral.elections"
    verbose_name = _("Pemilihan")

    def ready(self) -> None:
        from netral.elections import policies  # noqa: F401
        from netral.elections.detection import connect

        connect()

    def load_reference_data(self) -> str:
        from netral.elections.loader import load_reference_data

        return load_reference_data()
