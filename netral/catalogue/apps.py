from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "netral.catalogue"
    verbose_name = _("Katalog hukum")

    def ready(self) -> None:
        from netral.catalogue import policies  # noqa: F401

    def load_reference_data(self) -> str:
        from netral.catalogue.loader import load_reference_data

        return load_reference_data()
