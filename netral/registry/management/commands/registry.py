"""`netral registry import FILE`, `netral registry synth --rows N --out FILE`,
`netral registry search TEXT` (format of the files: docs/registry-format.md)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from netral.accounts.models import User
from netral.registry import synth
from netral.registry.importer import ImportProblem, Options, import_run, run_create
from netral.registry.models import Asn, ImportRun
from netral.registry.search import Filters, search
from netral.registry.vocab import PositionKind


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them
    help = "Import, generate and search the ASN registry (format: docs/registry-format.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import a CSV or XLSX registry file")
        imp.add_argument("file", type=Path)
        imp.add_argument(
            "--mode",
            choices=ImportRun.Mode.values,
            default="atomic",
            help="atomic: nothing changes if a row is refused (default); "
            "partial: keep the valid rows",
        )
        imp.add_argument(
            "--full",
            action="store_true",
            help="the file lists all of --agency's ASN: those missing are marked "
            "no longer listed (never deleted)",
        )
        imp.add_argument("--agency", default="", help="agency code (16.01, KEMENAG)")
        imp.add_argument("--dry-run", action="store_true", help="check and count, change nothing")
        imp.add_argument(
            "--rejects",
            type=Path,
            help="where to write the refused rows (default: FILE-ditolak.csv)",
        )
        imp.add_argument("--user", help="import as this user (their agencies only)")
        gen = sub.add_parser("synth", help="write a realistic fake registry file")
        gen.add_argument("--rows", type=int, required=True)
        gen.add_argument("--seed", type=int, default=0)
        gen.add_argument(
            "--bad-share",
            type=float,
            default=0.0,
            help="share of rows with a mistake the import refuses (0–1)",
        )
        gen.add_argument(
            "--regency", action="append", default=[], help="only these kab/kota (code, repeatable)"
        )
        gen.add_argument("--out", type=Path, required=True, help="FILE.csv or FILE.xlsx")
        gen.add_argument("--bad-lines", type=Path, help="write 'line,mistake' of the bad rows")
        find = sub.add_parser("search", help="find ASN by NIP or name")
        find.add_argument("text", nargs="?", default="")
        find.add_argument("--user", help="search as this user (what they may see)")
        find.add_argument("--agency", default="")
        find.add_argument("--unit", default="")
        find.add_argument("--region", default="")
        find.add_argument("--kind", default="", choices=["", *PositionKind.values])
        find.add_argument("--limit", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import":
            self._import(options)
        elif action == "synth":
            self._synth(options)
        else:
            self._search(options)

    def _user(self, username: str | None) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username).select_related("institution").first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        return user

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"cannot read {path}: no such file")
        try:
            run = run_create(
                actor=self._user(options["user"]),
                source_name=path.name,
                options=Options(
                    mode=options["mode"],
                    full=options["full"],
                    agency_code=options["agency"],
                    dry_run=options["dry_run"],
                ),
            )
        except ImportProblem as exc:
            raise CommandError(str(exc)) from exc
        bar = tqdm(
            total=100,
            unit="%",
            desc="impor",
            disable=not sys.stderr.isatty(),
            bar_format="{desc}: {percentage:3.0f}%|{bar}| {postfix}",
        )

        def progress(current: ImportRun) -> None:
            bar.n = current.percent
            bar.set_postfix_str(f"{current.rows_done:,} baris", refresh=True)

        run = import_run(run, path, progress=progress)
        bar.close()
        self._report(run, path, options.get("rejects"))

    def _report(self, run: ImportRun, path: Path, rejects_to: Path | None) -> None:
        if run.state == ImportRun.State.FAILED:
            raise CommandError(f"{path}: {run.error}")
        c = run.counts
        out = self.stdout.write
        if c.get("ignored_columns"):
            out(f"kolom diabaikan: {', '.join(c['ignored_columns'])}")
        for r in run.refusals[:50]:
            out(
                f"{path.name}:{r['line']}: kolom {r['column']}: {r['reason']} "
                f"(tertulis: {r['value']!r})"
            )
        if c["refused"] > 50:
            out(f"… {c['refused'] - 50} baris ditolak lainnya ada di berkas penolakan")
        if run.rejects:
            target = rejects_to or path.with_name(f"{path.stem}-ditolak.csv")
            with run.rejects.open("rb") as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            out(f"baris ditolak: {target} (perbaiki lalu impor lagi)")
        summary = f"{c['rows']} baris dibaca, {c['valid']} sah, {c['refused']} ditolak"
        if run.state == ImportRun.State.REFUSED:
            self.stderr.write(
                f"{summary}. Mode atomik: tidak ada yang diubah. "
                "Perbaiki baris di atas, atau gunakan --mode partial."
            )
            raise SystemExit(1)
        verb = "akan" if run.dry_run else "telah"
        out(
            f"{summary}. {c.get('created', 0)} ASN baru, {c.get('updated', 0)} diperbarui, "
            f"{c.get('unchanged', 0)} tidak berubah, {c.get('deactivated', 0)} ditandai tidak "
            f"tercantum, {c.get('units_created', 0)} unit kerja baru ({verb} disimpan"
            f"{'; uji coba, tidak ada yang diubah' if run.dry_run else ''})."
        )
        if c.get("full_skipped"):
            out("--full: tidak ada yang ditandai tidak tercantum karena ada baris ditolak.")

    def _synth(self, options: dict[str, Any]) -> None:
        if options["rows"] < 1 or not 0 <= options["bad_share"] <= 1:
            raise CommandError("--rows must be at least 1 and --bad-share between 0 and 1")
        out: Path = options["out"]
        with tqdm(
            total=options["rows"], unit="baris", desc="synth", disable=not sys.stderr.isatty()
        ) as bar:
            bad = synth.write(
                out,
                rows=options["rows"],
                seed=options["seed"],
                bad_share=options["bad_share"],
                regencies=options["regency"] or None,
                progress=bar.update,
            )
        if options["bad_lines"]:
            options["bad_lines"].write_text(
                "line,mistake\n" + "".join(f"{k},{v}\n" for k, v in sorted(bad.items())),
                encoding="utf-8",
            )
        self.stdout.write(f"{options['rows']} rows written to {out} ({len(bad)} with a mistake)")

    def _search(self, options: dict[str, Any]) -> None:
        user = self._user(options["user"])
        result = search(
            user,
            options["text"],
            Filters(
                agency=options["agency"],
                unit=options["unit"],
                region=options["region"],
                kind=options["kind"],
            ),
            limit=options["limit"],
            base=None if user else Asn.objects.all(),
        )
        for hit in result.hits:
            a = hit.asn
            self.stdout.write(
                f"{hit.score:5.1f}  {a.nip}  {a.name:<40.40}  {a.agency.code:<8}  "
                f"{(a.work_unit.name if a.work_unit else ''):<30.30}  "
                f"{a.regency_id or a.province_id}  {'; '.join(hit.reasons)}"
            )
        self.stdout.write(f"{result.total} ditemukan")
