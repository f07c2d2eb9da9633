from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "netral.accounts"
    verbose_name = _("Lembaga dan pengguna")

    def ready(self) -> None:
        from netral.accounts import policies  # noqa: F401  (registers access rules)
