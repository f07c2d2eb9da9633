"""`netral monitor ...`: social-media monitoring from the command line.

netral monitor import FILE --source NAME [--mapping MAP.json] [--platform P] [--region CODE]
netral monitor source add NAME --kind api|feed [--url URL] [--region CODE]
netral monitor poll            poll the RSS/Atom feeds now
netral monitor scan --resume   queue again the scoring chunks a stopped worker left
netral monitor rescore [--all] score again after a model change
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from netral.access.actors import SystemActor

SHOWN_PROBLEMS = 200


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{f}: {' '.join(m)}" for f, m in exc.message_dict.items())
    return "; ".join(exc.messages)


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them
    help = "Social-media monitoring: import files, add sources, poll feeds, (re)score items."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import",
            help="import a JSONL or CSV export, each batch scored before it is stored "
            "(docs/monitoring-format.md)",
        )
        imp.add_argument("file", type=Path)
        imp.add_argument("--source", required=True, help="source name (made when new)")
        imp.add_argument(
            "--mapping",
            type=Path,
            help='JSON object {"their column": "netral field"} kept with the source',
        )
        imp.add_argument("--platform", default="", help="platform of rows that do not say")
        imp.add_argument(
            "--region",
            default="",
            help="Kemendagri code of the region of rows that do not say (16.01)",
        )
        imp.add_argument("--no-progress", action="store_true")
        src = sub.add_parser("source", help="add an API or feed source")
        src_sub = src.add_subparsers(dest="source_action", required=True)
        add = src_sub.add_parser("add")
        add.add_argument("name")
        add.add_argument("--kind", choices=["api", "feed", "file"], required=True)
        add.add_argument("--url", default="", help="feed address (kind feed)")
        add.add_argument("--region", default="")
        add.add_argument("--platform", default="")
        sub.add_parser("poll", help="poll the RSS/Atom feeds now")
        scan = sub.add_parser("scan", help="queue the scoring chunks left unfinished")
        scan.add_argument("--resume", action="store_true", required=True)
        rescore = sub.add_parser("rescore", help="score the items again (after a model change)")
        rescore.add_argument(
            "--all", action="store_true", help="every item, not only those scored by another model"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            getattr(self, f"_{action}")(options)
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from exc

    def _import(self, options: dict[str, Any]) -> None:
        from netral.monitoring.formats import FormatError
        from netral.monitoring.importer import file_import, import_notes, source_for_file
        from netral.monitoring.pipeline import ReaderStopped

        path: Path = options["file"]
        mapping = None
        if options["mapping"]:
            try:
                mapping = json.loads(options["mapping"].read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(
                    f"{options['mapping']}: cannot read the mapping ({exc})"
                ) from exc
            if not isinstance(mapping, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
            ):
                raise CommandError(
                    f"{options['mapping']}: the mapping must be a JSON object "
                    '{"their column": "netral field"}'
                )
        try:  # before the source is made: a file that cannot be read changes nothing
            stream = path.open("rb")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
        with stream:
            actor = SystemActor("monitoring.import")
            source, created = source_for_file(
                actor=actor,
                name=options["source"],
                mapping=mapping,
                platform=options["platform"],
                region=options["region"],
            )
            if created:
                self.stderr.write(_("sumber berkas baru: %(name)s") % {"name": source.name})
            size = path.stat().st_size
            bar = tqdm(
                total=size,
                unit="B",
                unit_scale=True,
                desc=path.name,
                file=sys.stderr,
                disable=options["no_progress"] or None,
            )
            done = [0]

            def progress(position: int) -> None:
                bar.update(max(0, position - done[0]))
                done[0] = position

            try:
                report = file_import(
                    actor=actor, source=source, stream=stream, name=path.name, progress=progress
                )
            except FormatError as exc:
                raise CommandError(f"{path}: {exc}; nothing was imported") from exc
            except ReaderStopped as exc:
                # The batches stored before stay; importing the file again stores the rest.
                raise CommandError(
                    _("%(path)s: %(why)s; impor lagi berkas yang sama untuk menyimpan sisanya")
                    % {"path": path, "why": exc}
                ) from exc
            finally:
                bar.update(max(0, size - done[0]))
                bar.close()
        for problem in report.problems[:SHOWN_PROBLEMS]:
            self.stderr.write(f"{path.name}: {problem}")
        if len(report.problems) > SHOWN_PROBLEMS:
            more = len(report.problems) - SHOWN_PROBLEMS
            self.stderr.write(_("… dan %(n)d baris ditolak lainnya") % {"n": more})
        if len(report.problems) > 1:  # hundreds of lines often share one cause: name it once
            tally = Counter(problem.field or "-" for problem in report.problems)
            counts = ", ".join(f"{name} {n}" for name, n in tally.most_common())
            self.stderr.write(_("baris ditolak per kolom: %(counts)s") % {"counts": counts})
        self.stdout.write(f"{path.name}: {report.summary()}")
        for note in import_notes(report, source):
            self.stdout.write(f"{path.name}: {note}")

    def _source(self, options: dict[str, Any]) -> None:
        from netral.monitoring.sources import source_add

        source, token = source_add(
            actor=SystemActor("monitoring.cli"),
            name=options["name"],
            kind=options["kind"],
            url=options["url"],
            region=options["region"],
            platform=options["platform"],
        )
        self.stdout.write(f"source {source.name} ({source.kind}) added")
        if token:
            self.stdout.write(f"token (shown once; send as Authorization: Bearer TOKEN): {token}")

    def _poll(self, options: dict[str, Any]) -> None:
        from netral.monitoring.feeds import feeds_poll

        for name, result in feeds_poll().items():
            self.stdout.write(f"{name}: {result}")

    def _scan(self, options: dict[str, Any]) -> None:
        from netral.monitoring.scoring import scan_resume

        self.stdout.write(f"{scan_resume()} chunks queued again")

    def _rescore(self, options: dict[str, Any]) -> None:
        from netral.monitoring.scoring import rescore

        self.stdout.write(f"{rescore(everything=options['all'])} chunks queued")
