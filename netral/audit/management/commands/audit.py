from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netral.audit.services import verify_chain


class Command(BaseCommand):
    help = "Audit trail: `netral audit verify` checks the hash chain end to end."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="exit 0 if the chain is intact, 1 naming the first break")

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.ok:
            raise CommandError(f"audit chain BROKEN: {report.reason}")
        self.stdout.write(f"audit chain intact: {report.checked} entries verified")
