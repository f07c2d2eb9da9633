from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "netral.demo"
    verbose_name = _("Data demo")

    def load_demo_data(self) -> str:
        from netral.demo.people import load_people

        return load_people()
