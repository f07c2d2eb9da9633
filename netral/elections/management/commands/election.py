"""`netral election export ID > file.yaml`, `netral election import file.yaml`,
`netral election list`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netral.catalogue.yamlutil import DataFileError
from netral.elections import yamlio
from netral.elections.models import Election
from netral.elections.services import election_export, election_import


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them
    help = "Export, import or list elections (format: docs/election-format.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write one election as YAML to standard output")
        export.add_argument("id", help="election code (pilpres-2019) or numeric id")
        imp = sub.add_parser("import", help="create or replace an election from a YAML file")
        imp.add_argument("file", type=Path)
        sub.add_parser("list", help="list the elections")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "export":
            self.stdout.write(election_export(self._find(options["id"])), ending="")
        elif action == "import":
            self._import(options["file"])
        else:
            for e in Election.objects.all():
                det = e.candidate_determination.isoformat() if e.candidate_determination else "-"
                self.stdout.write(
                    f"{e.pk:>4}  {e.code:<22} {e.kind:<8} "
                    f"penetapan {det}  pemungutan {e.voting_day}  {e.name}"
                )

    def _find(self, ident: str) -> Election:
        election = Election.objects.filter(code=ident).first()
        if election is None and ident.isdigit():
            election = Election.objects.filter(pk=int(ident)).first()
        if election is None:
            raise CommandError(f"no election with code or id {ident!r} (see: netral election list)")
        return election

    def _import(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
        try:
            spec = yamlio.parse(text, name=path.name)
            election, created = election_import(actor=None, spec=spec)
        except DataFileError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        verb = "created" if created else "replaced"
        self.stdout.write(
            f"{verb} {election.code}: {election.name} ({election.contestants.count()} contestants)"
        )
