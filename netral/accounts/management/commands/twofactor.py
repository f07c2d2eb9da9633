from __future__ import annotations

import base64
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp

from netral.accounts.models import User
from netral.accounts.two_factor.services import two_factor_reset
from netral.demo.people import DEMO_TOTP_SECRET


def demo_code() -> str:
    """What an authenticator app holding the demo secret shows now."""
    return f"{totp(base64.b32decode(DEMO_TOTP_SECRET)):06d}"


class Command(BaseCommand):
    help = (
        "Second factor: `netral twofactor reset --user USERNAME` removes a user's devices and "
        "backup codes (a lost phone); the next login sets up a new one. Audited. "
        "`netral twofactor demo-code` prints the demo accounts' current code (demo only)."
    )
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        reset = sub.add_parser("reset", help="remove the user's second factor")
        reset.add_argument("--user", required=True, help="the staff user's username")
        sub.add_parser(
            "demo-code",
            help="the current code of the published demo secret (for trying the demo without "
            "an authenticator app; the secret is never valid on a real installation)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "demo-code":
            self.stdout.write(demo_code())
            return
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist as exc:
            raise CommandError(f"no user named {options['user']!r}") from exc
        two_factor_reset(user=user)
        self.stdout.write(f"second factor removed for {user.username}: set up at next login")
