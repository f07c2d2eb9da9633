"""Taking items in, whatever the source: one path for files, feeds, the API and capture.

`items_ingest` drops exact duplicates (the same platform and post id, or the same canonical
URL, already stored or earlier in the batch), stores the rest with their raw form and hash,
makes accounts of their authors (tied at once when an ASN declared the account), groups
near-duplicates and scores the new items: a file import scores each batch before inserting it
(`inline`), so its items are written once, scored; the API, feeds and capture queue them for the
scoring jobs (a caller waiting on the answer, and a worker may do the detector's work). One
audit entry per batch says what was kept; every item row names its capturer and capture time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from netral.access.actors import actor_of
from netral.audit.services import log_action
from netral.monitoring import clusters, dedup
from netral.monitoring.accounts import accounts_for
from netral.monitoring.bulk import rows_insert
from netral.monitoring.formats import Record
from netral.monitoring.models import Item, Source
from netral.monitoring.pipeline import Prepared, ratings_take
from netral.regions.models import Province, Regency

BATCH = 1000


@dataclass
class Outcome:
    created: list[int] = field(default_factory=list)
    # (position in the batch, id of the item already stored or earlier in the batch)
    duplicates: list[tuple[int, int]] = field(default_factory=list)
    # position in the batch → the id of its item (new or the one it duplicates)
    ids: dict[int, int] = field(default_factory=dict)


def sha256(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def region_of(
    code: str, regencies: AbstractSet[str], provinces: AbstractSet[str]
) -> tuple[str | None, str | None]:
    code = code.strip()
    if code in regencies:
        return code.split(".")[0], code
    if code in provinces:
        return code, None
    return None, None


def stored_by_id(keys: Sequence[tuple[str, str]]) -> QuerySet[Item]:
    """Stored items with these (platform, external id) keys."""
    q = Q()
    for platform in {p for p, _e in keys}:
        q |= Q(platform=platform, external_id__in=[e for p, e in keys if p == platform])
    # The unique index is partial (external_id <> ''): PostgreSQL proves an IN list of more
    # than 100 values implies it only when the query says so, else it reads the whole table.
    return Item.objects.filter(q).exclude(external_id="")


def stored_by_url(urls: Sequence[str]) -> QuerySet[Item]:
    """Stored items with these canonical URLs (same partial-index condition as above)."""
    return Item.objects.filter(canonical_url__in=urls).exclude(canonical_url="")


def _existing(
    records: Sequence[Record], canon: Sequence[str]
) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    by_id: dict[tuple[str, str], int] = {}
    keys = [(r.platform, r.external_id) for r in records if r.external_id]
    if keys:
        for pk, platform, ext in stored_by_id(keys).values_list("pk", "platform", "external_id"):
            by_id[(platform, ext)] = pk
    urls = [c for c in canon if c]
    by_url = dict(stored_by_url(urls).values_list("canonical_url", "pk")) if urls else {}
    return by_id, by_url


# The stored items found for a batch's records: by (platform, external id), by canonical URL.
Known = tuple[dict[tuple[str, str], int], dict[str, int]]


def fresh_positions(
    records: Sequence[Record], canon: Sequence[str], earlier: Sequence[tuple[Record, str]] = ()
) -> tuple[list[int], Known]:
    """Positions of the records that are neither stored nor a copy of an `earlier` record (a
    batch not stored yet) or of one before them in `records`: what a file import's reading
    process rates (`pipeline`); and the stored items found, for `items_ingest`."""
    known = _existing(records, canon)
    fresh, _stored, _copies = _sort_out(records, canon, known, earlier)
    return fresh, known


def _sort_out(
    records: Sequence[Record],
    canon: Sequence[str],
    known: Known,
    earlier: Sequence[tuple[Record, str]] = (),
) -> tuple[list[int], list[tuple[int, int]], list[tuple[int, int]]]:
    """Where each record stands, by (platform, external id) and by canonical URL: new (its
    position); stored (its position and the stored item's id); or a copy of a record before
    it, in `records` (its position and that record's) or in `earlier` (position -1)."""
    by_id, by_url = known
    seen_ids = {(r.platform, r.external_id): -1 for r, _u in earlier if r.external_id}
    seen_urls = {u: -1 for _r, u in earlier if u}
    new: list[int] = []
    stored: list[tuple[int, int]] = []
    copies: list[tuple[int, int]] = []
    for pos, (record, url) in enumerate(zip(records, canon, strict=True)):
        key = (record.platform, record.external_id)
        found = by_id.get(key) if record.external_id else None
        found = found or (by_url.get(url) if url else None)
        if found is not None:
            stored.append((pos, found))
            continue
        first = seen_ids.get(key) if record.external_id else None
        first = first if first is not None else (seen_urls.get(url) if url else None)
        if first is not None:
            copies.append((pos, first))
            continue
        if record.external_id:
            seen_ids[key] = pos
        if url:
            seen_urls[url] = pos
        new.append(pos)
    return new, stored, copies


def items_ingest(
    *,
    source: Source,
    records: Sequence[Record],
    actor: Any = None,
    captured_by: Any = None,
    score: bool = True,
    inline: bool = False,
    rerunnable: bool = False,
    prepared: Prepared | None = None,
    known: Known | None = None,
) -> Outcome:
    """Store a batch (at most a few thousand records); see the module's description.

    `score`: score the new items, before their insert when `inline` (and alert after it, in
    the same transaction), else in scan chunks queued after commit. Scoring after the insert
    rewrites every new row through all the item table's indexes, which costs several times
    the detector's own work; a chunk that meets items scored inline skips them.

    `rerunnable`: the caller can take the whole batch in again after a crash (a file import:
    every batch is idempotent, and its report is only given at the end). Its commit then does
    not wait for the WAL to reach the disk (`synchronous_commit = off` for this transaction
    only): a server crash loses at most the last moment's batches, never leaves one half
    stored, and running the import again stores them. Never for the API, whose caller is told
    that its items are stored.

    `prepared`: what a file import's reading process worked out for these records (their
    canonical URLs, hashes, band keys and ratings; see `pipeline`), used instead of working it
    out here. `known`: the stored items with the same keys, when the caller has just looked
    them up (a file import has, to find what to rate; it adds the batch it stored since).

    Retried once, looking everything up again, when a concurrent batch stored one of the same
    posts first (the unique constraints are the final word on duplicates)."""
    try:
        return _ingest(
            source, records, actor, captured_by, score, inline, rerunnable, prepared, known
        )
    except IntegrityError:
        return _ingest(
            source, records, actor, captured_by, score, inline, rerunnable, prepared, None
        )


@transaction.atomic
def _ingest(
    source: Source,
    records: Sequence[Record],
    actor: Any,
    captured_by: Any,
    score: bool,
    inline: bool,
    rerunnable: bool,
    prepared: Prepared | None,
    known: Known | None,
) -> Outcome:
    outcome = Outcome()
    if not records:
        return outcome
    if rerunnable and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
    canon = prepared.canon if prepared else [dedup.canonical(r.url) for r in records]
    known = known if known is not None else _existing(records, canon)
    label = actor_of(captured_by or actor).label
    regions = {r.region for r in records if r.region}
    regencies = set(Regency.objects.filter(pk__in=regions).values_list("pk", flat=True))
    provinces = set(Province.objects.filter(pk__in=regions).values_list("pk", flat=True))
    new, outcome.duplicates, later = _sort_out(records, canon, known)  # later: copies in batch
    keep = [(pos, records[pos], canon[pos]) for pos in new]
    if not keep:
        outcome.ids = dict(outcome.duplicates)
        _log(actor, source, outcome, len(records))
        return outcome
    accounts = accounts_for([r for _, r, _ in keep])
    now = timezone.now()
    rows = []
    for pos, r, url in keep:
        account = accounts.get((r.platform, r.author_handle)) if r.author_handle else None
        province, regency = region_of(r.region, regencies, provinces)
        asn = account.asn if account is not None else None
        if asn is not None:
            province, regency = asn.province_id, asn.regency_id
        elif province is None:
            province, regency = source.province_id, source.regency_id
        rows.append(
            Item(
                source=source,
                platform=r.platform,
                external_id=r.external_id,
                url=r.url,
                canonical_url=url,
                account=account,
                author_handle=r.author_handle,
                author_name=r.author_name,
                author_id=r.author_id,
                text=r.text,
                posted_at=r.posted_at,
                seen_at=r.posted_at or now,
                media=r.media,
                counts=r.counts,
                raw=r.raw,
                sha256=(prepared and prepared.sha[pos]) or sha256(r.raw),
                captured_at=now,
                captured_by=captured_by,
                captured_by_label=label,
                province_id=province,
                regency_id=regency,
                tied=asn is not None,
            )
        )
    positions = [pos for pos, _r, _u in keep]
    if score and inline:
        from netral.monitoring.scoring import items_rate

        items_rate(ratings_take(rows, prepared, positions) if prepared else rows)
    keys: list[list[int]] | None = None
    if prepared:  # (a post found stored when its batch was looked up has none: deleted since)
        ready = [prepared.keys[p] for p in positions]
        keys = [
            dedup.band_keys(i.text) if k is None else k for k, i in zip(ready, rows, strict=True)
        ]
    placement = clusters.place(rows, keys)
    with transaction.atomic():
        rows_insert(rows)
    created = rows
    outcome.created = [item.pk for item in created]
    outcome.ids = dict(outcome.duplicates)
    outcome.ids.update({pos: item.pk for (pos, _r, _u), item in zip(keep, created, strict=True)})
    for pos, first in later:
        outcome.duplicates.append((pos, outcome.ids[first]))
        outcome.ids[pos] = outcome.ids[first]
    clusters.settle(created, placement)
    _log(actor, source, outcome, len(records))
    if score and inline:
        from netral.monitoring.alerts import alert_due
        from netral.monitoring.scoring import alerts_due

        alert_due(alerts_due(created))
    elif score and outcome.created:
        from netral.monitoring.scoring import scan_enqueue

        scan_enqueue(min(outcome.created), max(outcome.created))
    return outcome


def _log(actor: Any, source: Source, outcome: Outcome, total: int) -> None:
    data: dict[str, Any] = {
        "source": source.name,
        "received": total,
        "created": len(outcome.created),
        "duplicates": len(outcome.duplicates),
    }
    if outcome.created:
        data["first_id"], data["last_id"] = min(outcome.created), max(outcome.created)
    log_action(actor, "monitoring.ingest", source, data)


def chunked(records: Iterable[Record], size: int = BATCH) -> Iterable[list[Record]]:
    batch: list[Record] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
