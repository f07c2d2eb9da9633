from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "netral.deadlines"
    verbose_name = _("Tenggat dan kalender kerja")

    def ready(self) -> None:
        from netral.deadlines import policies  # noqa: F401

    def load_reference_data(self) -> str:
        from netral.deadlines.loader import load_reference_data

        return load_reference_data()
