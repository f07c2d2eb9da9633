from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "netral.registry"
    verbose_name = _("Register ASN")

    def ready(self) -> None:
        from netral.registry import policies  # noqa: F401  (registers the access rules)

    def load_reference_data(self) -> str:
        from netral.registry.agencies import agencies_load

        return agencies_load()

    def load_demo_data(self) -> str:
        from netral.registry.agencies import agencies_link_ppk

        return f"{agencies_link_ppk()} agencies tied to their PPK institution"
