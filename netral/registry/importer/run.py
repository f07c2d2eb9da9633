"""One import of a registry file, from the file to the merge, with its `ImportRun` kept up to
date for the progress bar (terminal) and the progress page (web).

Reading and checking run outside any transaction, so that the progress the run records is seen
by other connections; the rows only reach the registry in the final merge, one transaction.
Atomic mode merges nothing when any row is refused; partial mode merges the valid rows; a dry run
merges and rolls back, so that its counts are exactly what a real run would do.
"""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netral.audit.services import log_action
from netral.registry import policies
from netral.registry.importer import staging
from netral.registry.importer.checks import Context, Record, Refusal, RowChecker
from netral.registry.importer.columns import (
    REJECT_COLUMN,
    REJECT_LINE,
    REJECT_REASON,
    HeaderError,
    Layout,
    layout,
)
from netral.registry.importer.reader import FileProblem, Source
from netral.registry.models import Agency, ImportRun

BATCH = 5000
KEEP_REFUSALS = 200  # shown on the page and in the run; the rejects file has all of them
Progress = Callable[[ImportRun], None]


@dataclass(frozen=True)
class Options:
    mode: str = ImportRun.Mode.ATOMIC
    full: bool = False
    agency_code: str = ""
    dry_run: bool = False


class ImportProblem(ValueError):
    """The import cannot start (bad options, a file that is not a registry file)."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def run_create(*, actor: Any, source_name: str, options: Options) -> ImportRun:
    """A queued run with its options checked (ImportProblem names what is wrong)."""
    agency = None
    if options.mode not in ImportRun.Mode.values:
        raise ImportProblem(_("Mode harus atomic atau partial."))
    if options.agency_code:
        agency = Agency.objects.filter(code__iexact=options.agency_code.strip()).first()
        if agency is None:
            raise ImportProblem(_("Instansi %(c)s tidak dikenal.") % {"c": options.agency_code})
    if options.full and agency is None:
        raise ImportProblem(_("Impor penuh (--full) memerlukan satu instansi (--agency KODE)."))
    user = actor if getattr(actor, "is_authenticated", False) else None
    if user is not None:
        if not policies.may_import(user):
            raise ImportProblem(_("Anda tidak berwenang mengimpor data ASN."))
        if (
            agency is not None
            and not policies.importable_agencies(user).filter(pk=agency.pk).exists()
        ):
            raise ImportProblem(
                _("Instansi %(c)s di luar wewenang impor Anda.") % {"c": agency.code}
            )
    return ImportRun.objects.create(
        created_by=user,
        actor_label=user.get_username() if user else "sistem",
        source_name=source_name[:255],
        mode=options.mode,
        full=options.full,
        agency=agency,
        dry_run=options.dry_run,
    )


def _context(run: ImportRun) -> Context:
    if run.agency_id is not None:
        return Context.load(
            allowed={run.agency_id},
            allowed_note=_("Impor ini hanya untuk instansi %(c)s.")
            % {"c": run.agency.code if run.agency else ""},
        )
    user = run.created_by
    if user is not None and not (user.is_superuser or policies.sees_all(user)):
        ids = set(policies.importable_agencies(user).values_list("pk", flat=True))
        return Context.load(allowed=ids)
    return Context.load()


class _Rejects:
    """The rejected rows as a CSV file to fix and re-import: the file's own columns, then the
    line, the column(s) and the reason(s)."""

    def __init__(self, header: list[Any]) -> None:
        self.handle = tempfile.TemporaryFile("w+b")  # noqa: SIM115  (closed in `close`)
        self.text = io.TextIOWrapper(self.handle, encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.text)
        self.writer.writerow(
            [*("" if h is None else h for h in header), REJECT_LINE, REJECT_COLUMN, REJECT_REASON]
        )
        self.count = 0

    def add(self, cells: list[Any], refusals: list[Refusal]) -> None:
        self.count += 1
        self.writer.writerow(
            [
                *("" if c is None else c for c in cells),
                refusals[0].line,
                " | ".join(dict.fromkeys(r.column for r in refusals)),
                " | ".join(r.reason for r in refusals),
            ]
        )

    def save_to(self, run: ImportRun) -> None:
        self.text.flush()
        self.handle.seek(0)
        run.rejects.save(f"ditolak-{run.pk}.csv", File(self.handle), save=False)

    def close(self) -> None:
        self.text.close()


def _tick(run: ImportRun, rows: int, done: int, progress: Progress | None) -> None:
    run.rows_done, run.bytes_done = rows, done
    run.heartbeat_at = timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(
        rows_done=rows,
        bytes_done=done,
        bytes_total=run.bytes_total,
        phase=run.phase,
        heartbeat_at=run.heartbeat_at,
    )
    if progress is not None:
        progress(run)


def _duplicates(nips: array[int], lines: array[int]) -> dict[int, int]:
    """Every line whose NIP an earlier line already has → that earlier line."""
    if not nips:
        return {}
    keys = np.frombuffer(nips, dtype=np.int64)
    where = np.frombuffer(lines, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    repeat = np.flatnonzero(ordered[1:] == ordered[:-1]) + 1
    found: dict[int, int] = {}
    for position in repeat:
        first = position
        while first > 0 and ordered[first - 1] == ordered[position]:
            first -= 1
        found[int(where[order[position]])] = int(where[order[first]])
    return found


def _read(run: ImportRun, path: Path, progress: Progress | None) -> tuple[dict[str, Any], Any]:
    """Check every row, stage the valid ones; return the counts and the rejects file."""
    with Source(path) as source:
        file_layout = layout(source.header)
        run.bytes_total = source.total
        checker = RowChecker(file_layout, _context(run))
        rejects = _Rejects(source.header)
        batch: list[Record] = []
        nips: array[int] = array("q")
        lines: array[int] = array("q")
        rows = refused = 0
        staging.create()
        for line, cells in source.rows():
            rows += 1
            result = checker.check(line, cells)
            if isinstance(result, list):
                refused += 1
                rejects.add(cells, result)
                run.refusals.extend(
                    r._asdict() for r in result[:KEEP_REFUSALS] if len(run.refusals) < KEEP_REFUSALS
                )
                continue
            batch.append(result)
            nips.append(int(result.nip))
            lines.append(line)
            if len(batch) >= BATCH:
                staging.load(batch)
                batch.clear()
                _tick(run, rows, source.done, progress)
        staging.load(batch)
        _tick(run, rows, source.done, progress)
    doubled = _duplicates(nips, lines)
    del nips, lines
    if doubled:
        refused += len(doubled)
        staging.drop_lines(doubled)
        _reject_duplicates(run, path, file_layout, doubled, rejects)
    counts = {
        "rows": rows,
        "valid": rows - refused,
        "refused": refused,
        "ignored_columns": file_layout.ignored,
        "provided": sorted(file_layout.index),
    }
    return counts, rejects


def _reject_duplicates(
    run: ImportRun, path: Path, file_layout: Layout, doubled: dict[int, int], rejects: _Rejects
) -> None:
    """A second pass picks the doubled lines' cells for the rejects file."""
    column, at = file_layout.header_of("nip"), file_layout.index["nip"]
    with Source(path) as again:
        for line, cells in again.rows():
            first = doubled.get(line)
            if first is None:
                continue
            nip = str(cells[at]) if at < len(cells) else ""
            refusal = Refusal(
                line,
                column,
                nip,
                _("NIP yang sama sudah ada di baris %(f)d; baris ini dilewati.") % {"f": first},
            )
            rejects.add(cells, [refusal])
            if len(run.refusals) < KEEP_REFUSALS:
                run.refusals.append(refusal._asdict())
    run.refusals.sort(key=lambda r: r["line"])


class _DryRun(Exception):
    pass


def _merge(run: ImportRun, counts: dict[str, Any]) -> None:
    staging.index()
    now = timezone.now()
    # A full import deactivates only when every row was read: a refused row may be a listed ASN.
    full = run.agency_id if run.full and counts["refused"] == 0 else None
    try:
        with transaction.atomic():
            merged = staging.merge(
                provided=set(counts["provided"]),
                run_id=run.pk,
                actor_id=run.created_by_id,
                actor_label=run.actor_label,
                now=now,
                full_agency_id=full,
                staged=counts["valid"],
            )
            counts.update(merged)
            counts["unchanged"] = counts["valid"] - merged["created"] - merged["updated"]
            if run.dry_run:
                raise _DryRun
            log_action(
                run.created_by,
                "registry.import",
                run,
                {
                    "file": run.source_name,
                    "sha256": run.sha256,
                    "mode": run.mode,
                    "full": run.full,
                    "agency": run.agency.code if run.agency else "",
                    **{k: v for k, v in counts.items() if isinstance(v, int)},
                },
            )
    except _DryRun:
        pass
    if run.full and full is None:
        counts["full_skipped"] = True


def import_run(run: ImportRun, path: Path, *, progress: Progress | None = None) -> ImportRun:
    """Run a queued import on a local file; the run records the outcome (never raises for a
    bad file: the run's state and error say what happened)."""
    run.state, run.started_at, run.phase = ImportRun.State.RUNNING, timezone.now(), "read"
    run.sha256 = _sha256(path)
    run.refusals = []
    run.save()
    rejects = None
    try:
        counts, rejects = _read(run, path, progress)
        if counts["refused"] and run.mode == ImportRun.Mode.ATOMIC:
            run.state = ImportRun.State.REFUSED
        else:
            run.phase = "merge"
            _tick(run, counts["rows"], run.bytes_total, progress)
            _merge(run, counts)
            run.state = ImportRun.State.DONE
        run.counts = counts
        if rejects.count:
            rejects.save_to(run)
    except (FileProblem, HeaderError) as exc:
        run.state, run.error = ImportRun.State.FAILED, str(exc)
    finally:
        if rejects is not None:
            rejects.close()
        staging.drop()
    run.phase, run.finished_at = "", timezone.now()
    run.bytes_done = run.bytes_total
    run.save()
    if progress is not None:
        progress(run)
    return run
