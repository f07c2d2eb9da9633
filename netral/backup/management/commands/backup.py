from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from netral.backup.create import create
from netral.backup.keys import PassphraseError
from netral.backup.restore import RestoreError, restore


def _passphrase(options: dict[str, Any], *, confirm: bool) -> str | None:
    if options.get("passphrase_file"):
        try:
            return Path(options["passphrase_file"]).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise CommandError(f"--passphrase-file: cannot read it ({exc.strerror})") from None
    if os.environ.get("NETRAL_BACKUP_PASSPHRASE"):
        return os.environ["NETRAL_BACKUP_PASSPHRASE"]
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass("Passphrase for the keys: ")
    if confirm and getpass.getpass("The same passphrase again: ") != first:
        raise CommandError("the two passphrases differ")
    return first


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them
    help = (
        "Backups: `netral backup create [--output FILE] [--with-keys]` writes the database, "
        "the uploaded files and a manifest of hashes; `netral backup restore FILE` restores "
        "onto an empty data folder and checks counts and the audit chain."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        make = sub.add_parser("create", help="write a backup archive (.tar.gz)")
        make.add_argument(
            "--output",
            type=Path,
            help="archive file (default: netral-backup-YYYYMMDD-HHMMSS.tar.gz here)",
        )
        make.add_argument(
            "--with-keys",
            action="store_true",
            help="include the identity and secret keys, encrypted with a "
            "passphrase (NETRAL_BACKUP_PASSPHRASE, --passphrase-file or asked)",
        )
        make.add_argument("--passphrase-file", help="file holding the passphrase")
        back = sub.add_parser("restore", help="restore an archive onto an empty data folder")
        back.add_argument("archive", type=Path)
        back.add_argument("--passphrase-file", help="file holding the passphrase")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = sys.stderr.isatty()
        try:
            if options["action"] == "create":
                self._create(options, progress)
            else:
                self._restore(options, progress)
        except (RestoreError, PassphraseError) as exc:
            raise CommandError(str(exc)) from None

    def _create(self, options: dict[str, Any], progress: bool) -> None:
        output = options["output"] or Path(
            f"netral-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        )
        passphrase = None
        if options["with_keys"]:
            passphrase = _passphrase(options, confirm=True)
            if passphrase is None:
                raise CommandError(
                    "--with-keys needs a passphrase: NETRAL_BACKUP_PASSPHRASE or "
                    "--passphrase-file FILE"
                )
        if output.exists():
            raise CommandError(f"{output} exists already: choose another --output")
        try:
            manifest = create(output, passphrase=passphrase, progress=progress)
        except BaseException:
            output.unlink(missing_ok=True)  # never leave half an archive that looks whole
            raise
        rows = sum(manifest["counts"].values())
        keys = (
            "keys included, encrypted"
            if manifest["keys"]
            else "keys NOT included: keep NETRAL_IDENTITY_KEY safe elsewhere"
        )
        self.stdout.write(
            f"backup written to {output}: {rows} rows, {len(manifest['files'])} files, {keys}"
        )

    def _restore(self, options: dict[str, Any], progress: bool) -> None:
        archive = options["archive"]
        if not archive.is_file():
            raise CommandError(f"{archive}: no such file")
        result = restore(archive, passphrase=_passphrase(options, confirm=False), progress=progress)
        for note in result.notes:
            self.stdout.write(f"note: {note}")
        rows = sum(result.counts.values())
        if result.problems:
            raise CommandError(
                "restored, but it does not check out:\n  " + "\n  ".join(result.problems)
            )
        self.stdout.write(
            f"restored {rows} rows and {result.files} files; counts match the "
            "manifest and the audit chain is intact"
        )
