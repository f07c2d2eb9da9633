"""Keep the summaries current, incrementally.

Cases: every change to a case is in the audit trail in the same transaction (services call
`log_action` with the case). So the refresh reads the entries after the position it last saw
(`netral.audit.cursor`: each audit shard's committed end), rebuilds the facts of the cases they
name, and remembers the new position: no scan of the register, and nothing missed whichever code
path (a form, the API, the sweep) made the change.

Providers (measures.py): each is asked for the buckets touched since its last run, with a
margin for transactions that were still open then; replacing a bucket twice is harmless.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from netral.audit import cursor
from netral.cases.models import Case
from netral.insights import facts
from netral.insights.measures import Bucket, Provider, providers
from netral.insights.models import MeasureTotal, MeasureValue, RefreshState

CASES = "cases"
BATCH = 500
# A provider's transaction may commit a little after the refresh started; look back this far.
PROVIDER_MARGIN = dt.timedelta(minutes=10)


@dataclass
class RefreshResult:
    cases: int = 0
    buckets: int = 0
    kept: int = 0  # jurisdictions whose default figures were computed ahead (cache.py)
    ms: int = 0

    def __str__(self) -> str:
        return (
            f"{self.cases} perkara, {self.buckets} ember ukuran, "
            f"{self.kept} wilayah disiapkan, {self.ms} ms"
        )


def _state(name: str) -> RefreshState:
    state, _created = RefreshState.objects.get_or_create(name=name)
    return state


def stamp() -> str:
    """Changes with every refresh that changed something (the generation) and every full run
    (its time, which also tells apart two databases loaded alike): a key for kept figures. A
    run that found nothing new leaves it, so figures stay kept across the five-minute runs."""
    row = RefreshState.objects.filter(name=CASES).values_list("generation", "rebuilt_at").first()
    return f"{row[0]}:{row[1].isoformat() if row[1] else ''}" if row else "0:"


def _stale_case_ids(after: cursor.Position, upto: cursor.Position) -> list[int]:
    ids = (
        cursor.between(after, upto)
        .filter(object_type="cases.case")
        .values_list("object_id", flat=True)
        .distinct()
    )
    return sorted({int(i) for i in ids if i.isdigit()})


def refresh_cases(*, full: bool = False) -> int:
    """Rebuild the facts of the cases changed since the last run (all cases with full=True)."""
    state = _state(CASES)
    head = cursor.now()
    whole = full or not state.audit_position
    if whole:
        ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = _stale_case_ids(cursor.Position.decode(state.audit_position), head)
    for start in range(0, len(ids), BATCH):
        facts.rebuild(ids[start : start + BATCH])
    RefreshState.objects.filter(pk=CASES).update(
        audit_position=head.encode() or "-",
        generation=F("generation") + (1 if ids else 0),
        **({"rebuilt_at": timezone.now()} if whole else {}),
    )
    return len(ids)


def refresh_provider(provider: Provider, *, full: bool = False) -> int:
    name = f"area:{provider.area}"
    state = _state(name)
    started = timezone.now()
    since = None if full or state.last_at is None else state.last_at - PROVIDER_MARGIN
    count = 0
    regions: set[tuple[str | None, str | None]] = set()
    with transaction.atomic():
        if since is None:
            MeasureValue.objects.filter(measure__startswith=f"{provider.area}.").delete()
        chunk: list[Bucket] = []
        for b in provider.buckets(since):
            chunk.append(b)
            if len(chunk) >= BUCKET_CHUNK:
                count += _replace(chunk, regions)
                chunk = []
        count += _replace(chunk, regions)
        retotal(provider.area, None if since is None else regions)
        RefreshState.objects.filter(pk=name).update(last_at=started)
    if count:  # (the look-back margin hands the same buckets again: those change nothing)
        RefreshState.objects.filter(pk=CASES).update(generation=F("generation") + 1)
    return count


BUCKET_CHUNK = 5000
_KEY = ("measure", "election_id", "province_id", "regency_id", "day")


def _replace(buckets: list[Bucket], regions: set[tuple[str | None, str | None]]) -> int:
    """Replace these buckets whole, a chunk at a time: find the rows already there by their
    measures and days (a few thousand at most), delete the ones with the same key and another
    value, insert the new values. A provider that repeats a bucket leaves its last value.
    Adds the regions of changed buckets to `regions`; returns how many buckets changed."""
    if not buckets:
        return 0
    fresh = {(b.measure, b.election_id, b.province_id, b.regency_id, b.day): b for b in buckets}
    there = MeasureValue.objects.filter(
        measure__in={k[0] for k in fresh}, day__in={k[4] for k in fresh}
    ).values_list("pk", *_KEY, "value", "n")
    stale: list[int] = []
    same: dict[tuple[Any, ...], int] = {}  # key → the row that already holds its value
    for pk, *rest, value, n in there.iterator(chunk_size=5000):
        key = tuple(rest)
        b = fresh.get(key)
        if b is None:
            continue
        if key in same or (value, n) != (b.value, b.n):  # (a twin row: both go)
            stale.append(pk)
            if key in same:
                stale.append(same.pop(key))
        else:
            same[key] = pk
    for start in range(0, len(stale), BUCKET_CHUNK):
        MeasureValue.objects.filter(pk__in=stale[start : start + BUCKET_CHUNK]).delete()
    changed = [b for k, b in fresh.items() if k not in same]
    regions.update((b.province_id, b.regency_id) for b in changed)
    MeasureValue.objects.bulk_create(
        [
            MeasureValue(
                measure=b.measure,
                election_id=b.election_id,
                province_id=b.province_id,
                regency_id=b.regency_id,
                day=b.day,
                value=b.value,
                n=b.n,
            )
            for b in changed
        ],
        batch_size=2000,
    )
    return len(changed)


def retotal(area: str, regions: set[tuple[str | None, str | None]] | None = None) -> int:
    """Sum an area's day buckets into its totals (MeasureTotal): all of them, or those of the
    regions whose buckets were replaced (every measure and election of those regions is summed
    again, which also covers a bucket that went to zero)."""
    buckets = MeasureValue.objects.filter(measure__startswith=f"{area}.")
    totals = MeasureTotal.objects.filter(measure__startswith=f"{area}.")
    if regions is not None:
        if not regions:
            return 0
        where = Q()
        for province_id, regency_id in regions:
            where |= Q(province_id=province_id, regency_id=regency_id)
        # One OR per region is a long WHERE for a national refresh; the kab/kota codes alone
        # (with the province- and nation-wide buckets) select the same rows in one IN.
        regencies = {r for _p, r in regions if r is not None}
        if len(regions) > 50:
            where = Q(regency_id__in=regencies) | Q(
                regency=None, province_id__in={p for p, r in regions if r is None} - {None}
            )
            if (None, None) in regions:
                where |= Q(regency=None, province=None)
        buckets, totals = buckets.filter(where), totals.filter(where)
    rows = [
        MeasureTotal(
            measure=r["measure"],
            election_id=r["election_id"],
            province_id=r["province_id"],
            regency_id=r["regency_id"],
            value=r["v"] or 0,
            n=r["k"] or 0,
        )
        for r in buckets.values("measure", "election_id", "province_id", "regency_id")
        .annotate(v=Sum("value"), k=Sum("n"))
        .order_by()
    ]
    with transaction.atomic():
        totals.delete()
        MeasureTotal.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def refresh_all(*, full: bool = False) -> RefreshResult:
    """The job: cases first, then every registered area's measures, then the national
    dashboards computed ahead for their first readers."""
    from netral.insights.cache import keep_defaults  # (cache reads this module's stamp)

    began = time.perf_counter()
    result = RefreshResult(cases=refresh_cases(full=full))
    for provider in providers().values():
        result.buckets += refresh_provider(provider, full=full)
    result.ms = int(1000 * (time.perf_counter() - began))
    _state(CASES)
    RefreshState.objects.filter(pk=CASES).update(
        last_run_at=timezone.now(), last_duration_ms=result.ms, last_rows=result.cases
    )
    result.kept = keep_defaults()
    result.ms = int(1000 * (time.perf_counter() - began))
    return result
