"""`netral monitor import FILE --source NAME`: a JSONL or CSV export in, batch by batch.

Good lines are kept in batches of 1,000 (each batch one transaction); every bad line is
reported with its number and field, and the summary says exactly what was kept. Importing the
same file again keeps nothing twice (duplicates are counted, not stored). Each batch is scored
before its insert, so its items are stored scored (no scoring jobs, no second write).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from netral.audit.services import log_action
from netral.monitoring import pipeline
from netral.monitoring.formats import FIELDS, Problem, Record, read_batches
from netral.monitoring.ingest import BATCH, Known, Outcome, fresh_positions, items_ingest
from netral.monitoring.models import Account, Cluster, Item, ItemBand, Platform, Source, SourceKind
from netral.monitoring.pipeline import Prepared

# The tables a file import fills, analysed as they grow (see `_Statistics`).
GROWN = (Item, ItemBand, Account, Cluster)


@dataclass
class ImportReport:
    lines: int = 0
    created: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    platform_assumed: int = 0  # lines kept as platform `other` (no column, default or address)
    first_id: int | None = None  # the items this import stored lie in [first_id, last_id]
    last_id: int | None = None
    placed: int = 0  # duplicates stored without a region that took the source's

    def summary(self) -> str:
        return _("%(c)d unggahan baru disimpan, %(d)d duplikat dilewati, %(p)d baris ditolak") % {
            "c": self.created,
            "d": self.duplicates,
            "p": len(self.problems),
        }


def source_for_file(
    *,
    actor: Any,
    name: str,
    mapping: dict[str, str] | None = None,
    platform: str = "",
    region: str = "",
) -> tuple[Source, bool]:
    """The named source, made a file source when new; a mapping or defaults given replace
    the stored ones (audited)."""
    if mapping is not None:
        wrong = sorted(v for v in mapping.values() if v not in FIELDS)
        if wrong:
            raise ValidationError(
                {
                    "mapping": _("Bidang tidak dikenal dalam pemetaan: %(f)s (pilih: %(ok)s)")
                    % {"f": ", ".join(wrong), "ok": ", ".join(FIELDS)}
                }
            )
    if platform and platform not in Platform.values:
        raise ValidationError({"platform": _("Platform tidak dikenal: %(p)s") % {"p": platform}})
    from netral.regions.models import Province, Regency

    province_id, regency_id = None, None
    if region:
        if Regency.objects.filter(pk=region).exists():
            province_id, regency_id = region.split(".")[0], region
        elif Province.objects.filter(pk=region).exists():
            province_id = region
        else:
            raise ValidationError(
                {"region": _("Kode wilayah tidak dikenal: %(r)s") % {"r": region}}
            )
    with transaction.atomic():
        source, created = Source.objects.get_or_create(
            name=name, defaults={"kind": SourceKind.FILE}
        )
        changed: dict[str, Any] = {}
        if mapping is not None and mapping != source.mapping:
            changed["mapping"] = mapping
        if platform and platform != source.default_platform:
            changed["default_platform"] = platform
        if region and (province_id, regency_id) != (source.province_id, source.regency_id):
            changed.update(province_id=province_id, regency_id=regency_id)
        for key, value in changed.items():
            setattr(source, key, value)
        if changed:
            source.save()
        if created or changed:
            log_action(
                actor,
                "monitoring.source_create" if created else "monitoring.source_update",
                source,
                {"name": name, **{k: str(v) for k, v in changed.items()}},
            )
    return source, created


def file_import(
    *,
    actor: Any,
    source: Source,
    stream: IO[bytes],
    name: str,
    progress: Callable[[int], None] | None = None,
    score: bool = True,
) -> ImportReport:
    """Import one file; `progress` hears the bytes read so far after each batch. `score`:
    each batch is scored before its insert (False stores the items unscored and queues
    nothing, for tests and benchmarks of the storage alone)."""
    report = ImportReport()
    statistics = _Statistics()

    def flush(
        batch: list[Record], prepared: Prepared | None = None, known: Known | None = None
    ) -> Outcome:
        outcome = Outcome()
        if batch:
            outcome = items_ingest(
                source=source,
                records=batch,
                actor=actor,
                score=score,
                inline=True,
                rerunnable=True,
                prepared=prepared,
                known=known,
            )
            report.created += len(outcome.created)
            if outcome.created:
                report.first_id = report.first_id or min(outcome.created)
                report.last_id = max(outcome.created)
            statistics.grown(len(outcome.created))
            report.duplicates += len(outcome.duplicates)
            if outcome.duplicates and source.province_id:
                report.placed += _unplaced_place(
                    actor, source, [i for _pos, i in outcome.duplicates]
                )
        return outcome

    def tally(records: list[Record], problems: list[Problem]) -> None:
        report.lines += len(records) + len(problems)
        report.problems.extend(problems)
        report.platform_assumed += sum(r.platform_assumed for r in records)

    path = getattr(stream, "name", None)
    if isinstance(path, str) and pipeline.usable(path, os.fstat(stream.fileno()).st_size):
        # A large file: read and prepared by a second process, stored here (see `pipeline`).
        plan = pipeline.plan_for(source=source, path=path, name=name, batch=BATCH, score=score)
        last: tuple[pipeline.Batch, Outcome] | None = None
        for part in pipeline.batches(plan, _fresh):
            tally(part.records, part.problems)
            known = part.known
            if last is not None:  # looked up before the batch before was stored: add it
                known = _known_add(known, *last)
            outcome = flush(part.records, part.prepared, known)
            last = (part, outcome)
            if progress is not None:
                progress(part.position)
        return report

    for records, problems in read_batches(
        stream,
        name=name,
        size=BATCH,
        mapping=source.mapping,
        default_platform=source.default_platform,
    ):
        tally(records, problems)
        flush(records)
        if progress is not None:
            progress(stream.tell())
    return report


def _fresh(batch: pipeline.Batch, previous: pipeline.Batch | None) -> list[int]:
    """The batch's posts to rate: not stored, nor in the batch before (not stored yet)."""
    earlier = list(zip(previous.records, previous.prepared.canon, strict=True)) if previous else []
    fresh, batch.known = fresh_positions(batch.records, batch.prepared.canon, earlier)
    return fresh


def _known_add(known: Known, batch: pipeline.Batch, outcome: Outcome) -> Known:
    """`known` with the items of a batch stored since it was found."""
    by_id, by_url = dict(known[0]), dict(known[1])
    for pos, (record, url) in enumerate(zip(batch.records, batch.prepared.canon, strict=True)):
        pk = outcome.ids.get(pos)
        if pk is None:
            continue
        if record.external_id:
            by_id.setdefault((record.platform, record.external_id), pk)
        if url:
            by_url.setdefault(url, pk)
    return by_id, by_url


def _unplaced_place(actor: Any, source: Source, ids: list[int]) -> int:
    """Give the source's region to its items among `ids` stored without one and not tied to an
    ASN: an export imported first without `--region` is placed by importing it again with it
    (its lines are all duplicates by then). Another source's copy of a post keeps what its own
    import said, and a region already set never changes. The region chooses the election a
    post is scored with, so placed items are scored again."""
    from netral.monitoring.scoring import scan_enqueue

    with transaction.atomic():
        unplaced = Item.objects.filter(pk__in=ids, source=source, province__isnull=True, tied=False)
        placing = list(unplaced.values_list("pk", flat=True))
        if not placing:
            return 0
        Item.objects.filter(pk__in=placing).update(
            province_id=source.province_id, regency_id=source.regency_id, scored_version=""
        )
        region = source.regency_id or source.province_id
        log_action(
            actor, "monitoring.items_place", source, {"count": len(placing), "region": region}
        )
        scan_enqueue(min(placing), max(placing))
    return len(placing)


def import_notes(report: ImportReport, source: Source) -> list[str]:
    """What a person needs to know after an import beyond its counts: what the detector found
    among the new items (each batch is scored before its insert), and which items only national
    offices will see, with the option that places them."""
    from netral.detection.operating import ALERT_SCORE

    notes = []
    if report.platform_assumed:
        notes.append(
            _(
                "%(n)d baris tanpa platform (tanpa kolom platform, platform bawaan sumber, atau "
                "alamat) dibaca sebagai platform 'Lainnya'; tetapkan dengan --platform"
            )
            % {"n": report.platform_assumed}
        )
    if report.placed:
        notes.append(
            _("%(n)d unggahan yang tersimpan tanpa wilayah kini di wilayah %(r)s")
            % {"n": report.placed, "r": source.regency_id or source.province_id}
        )
    if report.first_id is None or report.last_id is None:
        return notes
    new = Item.objects.filter(source=source, pk__range=(report.first_id, report.last_id))
    tally = new.aggregate(
        scored=Count("pk", filter=~Q(scored_version="")),
        partisan=Count("pk", filter=Q(label="partisan")),
        alert=Count("pk", filter=Q(score__gte=ALERT_SCORE)),
        tied=Count("pk", filter=Q(tied=True)),
        placeless=Count("pk", filter=Q(province__isnull=True)),
    )
    if tally["scored"]:
        notes.append(
            _(
                "dinilai detektor: %(scored)d; partisan: %(partisan)d (skor ≥ %(cut).2f: "
                "%(alert)d); terkait ASN: %(tied)d"
            )
            % {**tally, "cut": ALERT_SCORE}
        )
    if tally["placeless"]:
        notes.append(
            _(
                "%(n)d unggahan tanpa wilayah: hanya kantor nasional yang melihatnya di antrean; "
                "beri kolom region, atau impor lagi dengan --region KODE (mis. 16.01): unggahan "
                "tersimpan tanpa wilayah ikut ditempatkan"
            )
            % {"n": tally["placeless"]}
        )
    return notes


class _Statistics:
    """ANALYZE of the tables an import fills, each time the items it added since the last
    ANALYZE reach the number of items counted then (after the first batch into an empty
    table, then at each doubling: about ten times for a million items).

    PostgreSQL plans with the row counts and value spreads of its last ANALYZE. Autovacuum
    may be off (it is on the benchmark's server) or lag behind a bulk load, and plans made for
    an empty table read whole tables once it holds a million rows. A doubling keeps the cost
    small (each ANALYZE samples at most 30,000 rows per table)."""

    def __init__(self) -> None:
        self.on = connection.vendor == "postgresql"
        self.counted = self._items() if self.on else 0
        self.added = 0

    @staticmethod
    def _items() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = %s::regclass",
                [Item._meta.db_table],
            )
            row = cursor.fetchone()
        return int(row[0]) if row else 0

    def grown(self, created: int) -> None:
        self.added += created
        if not self.on or not self.added or self.added < self.counted:
            return
        tables_analyze(GROWN)
        self.counted, self.added = self._items(), 0


def tables_analyze(models: tuple[type[Any], ...]) -> None:
    """ANALYZE these models' tables (PostgreSQL; run between batches, outside them)."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {names}")
