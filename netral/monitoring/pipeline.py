"""A large file import on two cores: a second process reads the file and does the part of each
batch that needs no database, a batch or two ahead of this one, which stores them.

Half of a batch's work reads nothing stored: parsing its lines, their canonical URLs and
hashes, the MinHash band keys of their texts, and the detector's scores (the elections are read
once, before the file). A second process (`read`) does that part and hands each batch over as
its records with a `Prepared`; this process keeps what needs the database (duplicates,
accounts, the insert, clusters), as a one-process import does, through the same `items_ingest`.
The detector only rates the posts this process found new (a file imported again costs no
scoring): it looks a batch up while the other process rates the batch before. What is stored
is the same either way, bytes included: the tests import one file both ways.

A post is rated with the region its line or its source gives. The account's ASN, found here,
may place it elsewhere (an ASN's own work unit comes first); such a post, or one whose day is
not the day it was rated for (a capture across midnight), is rated again here.

Only for a file larger than `PIPELINE_BYTES`, with a second core to run on: starting the
process (Django, the model) costs about two seconds.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue as queues
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from netral.monitoring import dedup
from netral.monitoring.formats import Problem, Record, read_batches
from netral.monitoring.models import Item, Source
from netral.monitoring.reader import run

PIPELINE_BYTES = 4 * 1024 * 1024  # about 10,000 posts
AHEAD = 3  # batches the reading process may be ahead: bounds the memory both hold
_WAIT = 1.0  # seconds between checks that the reading process still runs


class ReaderStopped(Exception):
    """The reading process ended without finishing the file (killed, out of memory)."""


@dataclass
class Prepared:
    """What the reading process worked out for each record of a batch, in order: the
    canonical URLs of all (duplicates are found by them), the rest for the new posts only
    (None for the others)."""

    canon: list[str]  # canonical URL
    posts: list[Any]  # scoring.Post each is rated for (its place and day), or None
    sha: list[str | None]  # SHA-256 of the raw form
    keys: list[list[int] | None]  # MinHash band keys
    ratings: list[Any]  # scoring.Rating


@dataclass
class Batch:
    index: int
    records: list[Record]
    problems: list[Problem]  # the bad lines read since the previous batch
    prepared: Prepared
    position: int  # bytes of the file read so far
    wanted: list[int] = field(default_factory=list)  # positions of the posts not yet stored
    known: Any = None  # what `wanted` found stored (ingest.Known), for the insert


@dataclass(frozen=True)
class Plan:
    """Everything the reading process needs: it never opens the database."""

    path: str
    name: str
    mapping: dict[str, str]
    default_platform: str
    batch: int
    province: str | None  # the source's region, for lines without one
    regency: str | None
    regencies: frozenset[str]
    provinces: frozenset[str]
    score: bool
    elections: tuple[Any, ...]  # scoring's elections with their spans
    detection: tuple[Any, ...]  # the detector's elections
    language: str


def usable(path: str, size: int) -> bool:
    """Whether a file this size is worth a second process, and a second core is there."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    # A daemonic process (a Celery worker's pool) may not start one of its own.
    alone = multiprocessing.current_process().daemon
    return cores > 1 and not alone and size >= PIPELINE_BYTES and os.path.isfile(path)


def plan_for(*, source: Source, path: str, name: str, batch: int, score: bool) -> Plan:
    from netral.elections.detection import detection_elections
    from netral.monitoring.scoring import elections_all
    from netral.regions.models import Province, Regency

    return Plan(
        path=path,
        name=name,
        mapping=dict(source.mapping or {}),
        default_platform=source.default_platform,
        batch=batch,
        province=source.province_id,
        regency=source.regency_id,
        regencies=frozenset(Regency.objects.values_list("pk", flat=True)),
        provinces=frozenset(Province.objects.values_list("pk", flat=True)),
        score=score,
        elections=tuple(elections_all()) if score else (),
        detection=tuple(detection_elections()) if score else (),
        language=get_language() or "id",
    )


def batches(plan: Plan, wanted: Callable[[Batch, Batch | None], list[int]]) -> Iterator[Batch]:
    """The file's batches, read and prepared by a second process, in the file's order.

    The detector's work is only worth doing for the posts not stored yet (a file imported
    again is all duplicates): `wanted(batch, previous)` gives the positions of the new ones,
    looked up here while the other process rates the batch before; `previous` is that batch,
    not stored yet. A batch comes out rated, one behind the batch being looked up.

    A failure there (a file in no known layout, say) is raised here as it was raised there;
    a reading process that dies without a word (killed) ends the import with a message. The
    batches stored before stay stored: importing the file again stores the rest."""
    context = multiprocessing.get_context("spawn")  # a fresh process: no shared connections
    to_main: Any = context.Queue()  # bounded by the reader: at most AHEAD batches unrated
    to_reader: Any = context.Queue()
    reader = context.Process(target=run, args=(pickle.dumps(plan), to_main, to_reader), daemon=True)
    reader.start()
    parsed: dict[int, Batch] = {}
    rated: dict[int, list[Any]] = {}
    total: list[int] = []  # the number of batches, once the reader reached the file's end

    def receive() -> None:
        while True:
            try:
                kind, index, payload = to_main.get(timeout=_WAIT)
                break
            except queues.Empty:
                if not reader.is_alive():
                    raise ReaderStopped(
                        _("proses pembaca berkas berhenti (kode %(c)s)") % {"c": reader.exitcode}
                    ) from None
        if kind == "failed":
            raise payload
        if kind == "parsed":
            parsed[index] = payload
        elif kind == "rated":
            rated[index] = payload
        else:
            total.append(index)

    try:
        asked: Batch | None = None  # looked up, being rated
        index = 0
        while True:
            while index not in parsed and not (total and index >= total[0]):
                receive()
            current = parsed.pop(index, None)
            if current is not None:
                current.wanted = wanted(current, asked)
                to_reader.put((index, current.wanted))
            if asked is not None:
                while asked.index not in rated:
                    receive()
                done = asked.prepared
                for pos, (sha, keys, rating) in zip(
                    asked.wanted, rated.pop(asked.index), strict=True
                ):
                    done.sha[pos], done.keys[pos], done.ratings[pos] = sha, keys, rating
                yield asked
            if current is None:
                return
            asked, index = current, index + 1
    finally:
        if reader.is_alive():
            reader.terminate()
        reader.join()
        to_main.close()
        to_reader.close()


def read(plan: Plan, to_main: Any, to_reader: Any) -> None:
    """The reading process (started by `reader.run`): parse the file and prepare its batches,
    up to AHEAD ahead of the batches rated; rate the new posts of each batch when asked
    (asks first: the importing process waits for them)."""
    from django.utils import translation

    translation.activate(plan.language)
    try:
        detector = _rater(plan)
        parent = multiprocessing.parent_process()
        with open(plan.path, "rb") as stream:
            parts = read_batches(
                stream,
                name=plan.name,
                size=plan.batch,
                mapping=plan.mapping,
                default_platform=plan.default_platform,
            )
            # The records and posts of the batches handed over, not yet rated.
            held: dict[int, tuple[list[Record], list[Any]]] = {}
            index, done = 0, False
            while True:
                try:
                    request = to_reader.get_nowait()
                except queues.Empty:
                    request = None
                if request is None and not done and len(held) < AHEAD:
                    part = next(parts, None)
                    if part is None:
                        done = True
                        to_main.put(("end", index, None))
                        continue
                    records, problems = part
                    prepared = prepare(plan, records)
                    held[index] = (records, prepared.posts)
                    batch = Batch(index, records, problems, prepared, stream.tell())
                    to_main.put(("parsed", index, batch))
                    index += 1
                    continue
                while request is None:
                    if done and not held:
                        return
                    try:
                        request = to_reader.get(timeout=_WAIT)
                    except queues.Empty:
                        if parent is not None and not parent.is_alive():
                            return
                number, positions = request
                records, posts = held.pop(number)
                to_main.put(("rated", number, _rate(plan, detector, records, posts, positions)))
    except BaseException as exc:  # told to the importing process, which raises it
        to_main.put(("failed", 0, exc))


def _rate(
    plan: Plan, detector: Any, records: list[Record], posts: list[Any], positions: list[int]
) -> list[tuple[str, list[int], Any]]:
    """The hash, band keys and rating of the new posts (at `positions`)."""
    from netral.monitoring.ingest import sha256
    from netral.monitoring.scoring import posts_rate

    ratings: list[Any] = [None] * len(positions)
    if detector is not None and positions:
        ratings = posts_rate([posts[p] for p in positions], plan.elections, detector)
    return [
        (sha256(records[p].raw), dedup.band_keys(records[p].text), rating)
        for p, rating in zip(positions, ratings, strict=True)
    ]


def _rater(plan: Plan) -> Any:
    if not plan.score:
        return None
    from netral.detection.model import load_model
    from netral.elections.detection import detector_among

    model = load_model()
    known = {e.code for e in plan.detection}
    made: dict[str | None, Any] = {}

    def detector(code: str | None) -> Any:
        # As `monitoring.scoring` picks one, from the elections read before the file.
        return detector_among(plan.detection, made, code if code in known else None, model)

    return detector


def prepare(plan: Plan, records: Sequence[Record]) -> Prepared:
    """What all of a batch's records need: canonical URLs (to find duplicates by) and, when
    scoring, the place and day each is rated for; the rest comes for the new posts only."""
    from netral.monitoring.ingest import region_of
    from netral.monitoring.scoring import Post

    posts: list[Any] = [None] * len(records)
    if plan.score:
        now = timezone.now()
        posts = []
        for r in records:
            province, regency = region_of(r.region, plan.regencies, plan.provinces)
            if province is None:
                province, regency = plan.province, plan.regency
            posts.append(Post(r.text, province, regency, timezone.localdate(r.posted_at or now)))
    empty: list[Any] = [None] * len(records)
    return Prepared(
        canon=[dedup.canonical(r.url) for r in records],
        posts=posts,
        sha=list(empty),
        keys=list(empty),
        ratings=list(empty),
    )


def ratings_take(rows: Sequence[Item], prepared: Prepared, positions: Sequence[int]) -> list[Item]:
    """Give each new item (of the records at `positions`) the rating made for it, when it
    was made for the item's own place and day; returns the items left to rate here."""
    from netral.monitoring.scoring import Post, post_day, ratings_apply

    rated: list[Item] = []
    taken = []
    left = []
    for item, pos in zip(rows, positions, strict=True):
        post, rating = prepared.posts[pos], prepared.ratings[pos]
        if rating is not None and post == Post(
            item.text, item.province_id, item.regency_id, post_day(item)
        ):
            rated.append(item)
            taken.append(rating)
        else:
            left.append(item)
    ratings_apply(rated, taken)
    return left
