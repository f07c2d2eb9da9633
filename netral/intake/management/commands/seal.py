from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netral.intake import rotation
from netral.intake.sealing import SealError


class Command(BaseCommand):
    help = (
        "Sealed data at rest: `netral seal files` encrypts evidence files still stored in clear "
        "(idempotent); `netral seal rotate` re-encrypts identities and files under the first "
        "key of NETRAL_IDENTITY_KEY, after which the other keys can be dropped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("files", help="encrypt files stored in clear")
        sub.add_parser("rotate", help="re-encrypt everything under the first key")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "files":
                done = rotation.files_seal()
                values = None
            else:
                done, values = rotation.keys_rotate()
        except SealError as exc:
            raise CommandError(str(exc)) from exc
        line = f"files: {done.sealed} sealed, {done.rotated} re-sealed, {done.current} unchanged"
        if values is not None:
            line += f"; identities and codes re-encrypted: {values}"
        self.stdout.write(line)
        for name in done.missing:
            self.stderr.write(f"missing from storage: {name}")
