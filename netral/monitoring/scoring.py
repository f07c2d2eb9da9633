"""Scoring items with `netral.detection`, in chunks run as jobs.

A scan is cut into chunks of item ids (`ScanChunk`); each chunk is one job (in-process without
a broker, on any Celery worker with one). A chunk scores only the items that do not yet carry
the current model version, so a chunk run twice (a worker killed mid-chunk, then
`netral monitor scan --resume` or the scheduled resume) scores nothing twice and alerts
nobody twice. Each item is scored with the election of its region and date.

A file import does not go through chunks: it scores each batch with `items_rate` before the
insert. Chunks are for what arrives with a caller waiting (the API, capture by hand), feeds,
`netral monitor rescore` and what a killed worker left.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from netral.detection.model import MODEL_PATH
from netral.detection.operating import is_alert
from netral.jobs import enqueue
from netral.monitoring.bulk import rows_update
from netral.monitoring.models import Item, ScanChunk

CHUNK = 500
STEP = 250  # items per detect_many call and per bulk update
STALE = dt.timedelta(minutes=15)  # a running chunk untouched this long is picked up again
_FIELDS = [
    "label",
    "score",
    "subtype",
    "violations",
    "evidence",
    "scored_version",
    "scored_at",
    "election",
]
# What scoring and alerting read of an item (not its raw form, media or triage).
_READ = [
    "text",
    "posted_at",
    "captured_at",
    "province_id",
    "regency_id",
    "tied",
    "score",
    "alerted_at",
    "platform",
    "author_handle",
    "scored_version",
]


@cache
def model_version() -> str:
    """The shipped model's file hash: a retrained model makes every item due again."""
    digest = hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class _Election:
    pk: int
    code: str
    province: str | None
    regency: str | None
    start: dt.date
    end: dt.date


def elections_all() -> list[_Election]:
    """Every stored election with the span of days it scores posts in."""
    from netral.elections.models import Election

    out = []
    for e in Election.objects.all():
        start = min(d for d in (e.registration, e.voting_day - dt.timedelta(days=365)) if d)
        out.append(
            _Election(
                e.pk,
                e.code,
                e.province_id,
                e.regency_id,
                start,
                e.voting_day + dt.timedelta(days=30),
            )
        )
    return out


def election_for(
    elections: Sequence[_Election], *, province: str | None, regency: str | None, day: dt.date
) -> _Election | None:
    """The election of a place and day: the most local one running then (a kab/kota's
    Pilkada before the province's, before a national one), the nearest voting day first."""
    best: tuple[int, int, _Election] | None = None
    for e in elections:
        if not (e.start <= day <= e.end):
            continue
        if e.regency is not None:
            rank = 0 if e.regency == regency else None
        elif e.province is not None:
            rank = 1 if e.province == province else None
        else:
            rank = 2
        if rank is None:
            continue
        key = (rank, abs((e.end - day).days))
        if best is None or key < best[:2]:
            best = (*key, e)
    return best[2] if best else None


def _detector(code: str | None) -> Any:
    from netral.elections.detection import detection_elections, detector_for

    known = {e.code for e in detection_elections()}
    return detector_for(code if code in known else None)


def scan_enqueue(first_id: int, last_id: int, *, version: str | None = None) -> list[int]:
    """Cut [first_id, last_id] into chunks and queue one job each (after commit)."""
    from netral.monitoring.tasks import score_chunk

    version = version or model_version()
    chunks = [
        ScanChunk(first_id=start, last_id=min(start + CHUNK - 1, last_id), version=version)
        for start in range(first_id, last_id + 1, CHUNK)
    ]
    made = ScanChunk.objects.bulk_create(chunks)
    for chunk in made:
        enqueue(score_chunk, chunk.pk)
    return [c.pk for c in made]


def scan_resume() -> int:
    """Queue again the chunks a killed worker left (pending, or running and stale)."""
    from netral.monitoring.tasks import score_chunk

    stale = timezone.now() - STALE
    ids = list(
        ScanChunk.objects.filter(
            Q(status=ScanChunk.Status.PENDING, created_at__lt=stale)
            | Q(status=ScanChunk.Status.RUNNING, started_at__lt=stale)
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for pk in ids:
            enqueue(score_chunk, pk)
    return len(ids)


def rescore(*, everything: bool = False) -> int:
    """Queue a scan of every item (after a model change only the outdated ones are scored;
    with everything=True, all)."""
    with transaction.atomic():
        if everything:
            Item.objects.update(scored_version="")
        bounds = Item.objects.order_by("pk").values_list("pk", flat=True)
        first, last = (
            bounds.first(),
            Item.objects.order_by("-pk").values_list("pk", flat=True).first(),
        )
        if first is None or last is None:
            return 0
        return len(scan_enqueue(first, last))


def chunk_score(chunk_id: int) -> int:
    """Score the chunk's due items; returns how many were scored here."""
    now = timezone.now()
    claimed = (
        ScanChunk.objects.filter(pk=chunk_id)
        .exclude(status=ScanChunk.Status.DONE)
        .update(status=ScanChunk.Status.RUNNING, started_at=now)
    )
    if not claimed:
        return 0
    chunk = ScanChunk.objects.get(pk=chunk_id)
    elections: list[_Election] | None = None  # read once something is due
    done = 0
    cursor = chunk.first_id - 1
    while True:
        batch = list(
            Item.objects.filter(pk__gt=cursor, pk__lte=chunk.last_id)
            .exclude(scored_version=chunk.version)
            .only(*_READ)
            .order_by("pk")[:STEP]
        )
        if not batch:
            break
        cursor = batch[-1].pk
        elections = elections_all() if elections is None else elections
        done += items_score(batch, elections=elections, version=chunk.version)
        ScanChunk.objects.filter(pk=chunk_id).update(
            started_at=timezone.now(), scored=chunk.scored + done
        )
    ScanChunk.objects.filter(pk=chunk_id).update(
        status=ScanChunk.Status.DONE, finished_at=timezone.now(), scored=chunk.scored + done
    )
    return done


def items_score(
    items: Sequence[Item],
    *,
    elections: Sequence[_Election] | None = None,
    version: str | None = None,
) -> int:
    """Score and store these stored items, then alert for those that call for it."""
    from netral.monitoring.alerts import alert_due

    items_rate(items, elections=elections, version=version)
    rows = [(item.pk, *(getattr(item, _column(f)) for f in _FIELDS)) for item in items]
    with transaction.atomic():
        rows_update(Item, _FIELDS, rows)
        alert_due(alerts_due(items))
    return len(items)


def items_rate(
    items: Sequence[Item],
    *,
    elections: Sequence[_Election] | None = None,
    version: str | None = None,
) -> None:
    """Set the scored fields (election, label, score, subtype, violations, evidence, model
    version, time) of these items, stored or not yet: the one place where an item is scored,
    for a chunk (which then updates the rows) and for a file import (which inserts them
    scored, so no second write of every row and its indexes)."""
    elections = elections_all() if elections is None else elections
    posts = [Post(i.text or "", i.province_id, i.regency_id, post_day(i)) for i in items]
    ratings_apply(items, posts_rate(posts, elections), version=version)


def post_day(item: Item) -> dt.date:
    """The day an item is scored for: its post's, else its capture's."""
    return timezone.localdate(item.posted_at or item.captured_at)


class Post(NamedTuple):
    """What the score of an item depends on: its text, place and day."""

    text: str
    province: str | None
    regency: str | None
    day: dt.date


@dataclass(frozen=True)
class Rating:
    """The detector's verdict on one post, as an item stores it."""

    election_id: int | None
    label: str
    score: float
    subtype: str
    violations: list[str]
    evidence: list[dict[str, Any]]


def posts_rate(
    posts: Sequence[Post],
    elections: Sequence[_Election],
    detector: Callable[[str | None], Any] | None = None,
) -> list[Rating]:
    """Each post's rating with the election of its place and day. Needs no database once the
    elections are read, so a file import's second process rates its batches (`pipeline`);
    `detector` gives the detector of an election code there."""
    detector = detector or _detector
    by_code: dict[str | None, list[int]] = defaultdict(list)
    elected: list[int | None] = []
    # Many posts share a place and a day: look their election up once.
    found: dict[tuple[str | None, str | None, dt.date], _Election | None] = {}
    for n, post in enumerate(posts):
        place = (post.province, post.regency, post.day)
        if place not in found:
            found[place] = election_for(
                elections, province=post.province, regency=post.regency, day=post.day
            )
        election = found[place]
        elected.append(election.pk if election else None)
        by_code[election.code if election else None].append(n)
    ratings: list[Rating | None] = [None] * len(posts)
    for code, group in by_code.items():
        results = detector(code).detect_many([(posts[n].text, posts[n].day) for n in group])
        for n, result in zip(group, results, strict=True):
            ratings[n] = Rating(
                election_id=elected[n],
                label=result.label,
                score=round(float(result.score), 4),
                subtype=result.subtype or "",
                violations=list(result.violations),
                evidence=[e.as_dict() for e in result.evidence][:20],
            )
    return [r for r in ratings if r is not None]


def ratings_apply(
    items: Sequence[Item], ratings: Sequence[Rating], *, version: str | None = None
) -> None:
    """Set the scored fields of these items from their ratings, in order."""
    version = version or model_version()
    now = timezone.now()
    for item, rating in zip(items, ratings, strict=True):
        item.election_id = rating.election_id
        item.label, item.score = rating.label, rating.score
        item.subtype = rating.subtype
        # Each item its own lists: a rating may be shared (the same post in two places).
        item.violations = list(rating.violations)
        item.evidence = list(rating.evidence)
        item.scored_version, item.scored_at = version, now


def alerts_due(items: Sequence[Item]) -> list[Item]:
    """The scored items that call for an alert not yet sent (`alert_due` claims each once)."""
    return [i for i in items if i.tied and is_alert(i.score) and i.alerted_at is None]


def _column(name: str) -> str:
    return "election_id" if name == "election" else name
