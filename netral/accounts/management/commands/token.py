from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
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
        create.add_argument(
            "--scope",
            choices=["read", "write"],
            default=None,
            help="read, or write (read and change); default: read for users who must use a "
            "second factor, write for others",
        )
        create.add_argument(
            "--days",
            type=int,
            default=None,
            help="lifetime in days; users who must use a second factor: at most "
            "NETRAL_2FA_TOKEN_MAX_DAYS (the default)",
        )
        revoke = sub.add_parser("revoke", help="revoke a token by its first 10 characters")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            try:
                user = User.objects.get(username=options["user"], is_active=True)
            except User.DoesNotExist as exc:
                raise CommandError(f"no active user named {options['user']!r}") from exc
            try:
                raw = token_create(
                    user=user, name=options["name"], scope=options["scope"], days=options["days"]
                )
            except ValidationError as exc:
                raise CommandError(
                    "; ".join(f"--{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
                ) from exc
            self.stdout.write(raw)
            return
        tokens = ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True)
        if tokens.count() != 1:
            raise CommandError(f"no single active token starts with {options['prefix']!r}")
        token_revoke(token=tokens.get())
        self.stdout.write("revoked")
