from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netral.accounts.models import User
from netral.accounts.two_factor.services import two_factor_reset


class Command(BaseCommand):
    help = (
        "Second factor: `netral twofactor reset --user USERNAME` removes a user's devices and "
        "backup codes (a lost phone); the next login sets up a new one. Audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        reset = sub.add_parser("reset", help="remove the user's second factor")
        reset.add_argument("--user", required=True, help="the staff user's username")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist as exc:
            raise CommandError(f"no user named {options['user']!r}") from exc
        two_factor_reset(user=user)
        self.stdout.write(f"second factor removed for {user.username}: set up at next login")
