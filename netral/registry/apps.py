from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "netral.registry"
    verbose_name = _("Register ASN")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from netral.cases.models import CaseSubject
        from netral.insights.measures import register
        from netral.registry import policies  # noqa: F401  (registers the access rules)
        from netral.registry.caselinks import link_known_nip
        from netral.registry.measures import RegistryMeasures

        post_save.connect(link_known_nip, sender=CaseSubject, dispatch_uid="registry-link-nip")
        register(RegistryMeasures())

    def load_reference_data(self) -> str:
        from netral.registry.agencies import agencies_load

        return agencies_load()

    def load_demo_data(self) -> str:
        from netral.registry.agencies import agencies_link_ppk
        from netral.registry.demo import registry_demo_load

        linked = agencies_link_ppk()
        return f"{linked} agencies tied to their PPK institution; {registry_demo_load()}"
