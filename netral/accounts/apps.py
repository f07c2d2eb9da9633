from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "netral.accounts"
    verbose_name = _("Lembaga dan pengguna")

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from netral.accounts import lockout, policies  # noqa: F401  (registers access rules)

        user_locked_out.connect(lockout.mail_unlock_link, dispatch_uid="netral-unlock-mail")
