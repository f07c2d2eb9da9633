from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreventionConfig(AppConfig):
    name = "netral.prevention"
    verbose_name = _("Pencegahan")

    def ready(self) -> None:
        from netral.insights.measures import register
        from netral.prevention import events, policies, pressure, quiz  # noqa: F401  (access rules)
        from netral.prevention.measures import PreventionMeasures

        register(PreventionMeasures())

    def load_reference_data(self) -> str:
        from netral.prevention.pact_text import pact_templates_load
        from netral.prevention.quiz_bank import quiz_bank_load

        return f"{pact_templates_load()}, {quiz_bank_load()}"

    def load_demo_data(self) -> str:
        from netral.prevention.demo import demo_load

        return demo_load()
