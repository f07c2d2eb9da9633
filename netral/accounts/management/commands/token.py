from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netral.accounts.models import ApiToken, User
from netral.accounts.services import token_create, token_revoke


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them
    help = "API tokens: `netral token create --user USERNAME` prints a new token once."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token and print it")
        create.add_argument("--user", required=True, help="the staff user's username")
        create.add_argument("--name", default="", help="what the token is for")
        revoke = sub.add_parser("revoke", help="revoke a token by its first 10 characters")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            try:
                user = User.objects.get(username=options["user"], is_active=True)
            except User.DoesNotExist as exc:
                raise CommandError(f"no active user named {options['user']!r}") from exc
            self.stdout.write(token_create(user=user, name=options["name"]))
            return
        tokens = ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True)
        if tokens.count() != 1:
            raise CommandError(f"no single active token starts with {options['prefix']!r}")
        token_revoke(token=tokens.get())
        self.stdout.write("revoked")
