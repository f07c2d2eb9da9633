"""Benchmark of social-media monitoring end to end on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netral_monitoring_bench \\
        .venv/bin/python bench/monitoring.py [--posts 1000000] [--runs 30] [--webhook-batches 5]

It drops and re-creates the database's schema and loads the demo, writes N synthetic posts
(generated here from the demo's templates and word pools, never corpus rows; 1% of them copies
of a few campaign captions, so near-duplicate clustering has work) to a JSONL file spread over
all 514 kab/kota, then times each part separately: reading the file (parse and check, alone),
taking it in as `netral monitor import` does (reading the file again, exact duplicates,
accounts, each batch scored by the detector with its items' elections, storage, MinHash/LSH
clusters; a file this large is read and prepared by a second process, see
`netral/monitoring/pipeline.py`), a scan of every item in the
chunks the scoring jobs use (after an import it must find nothing left to score; it prints how
many it scored), and re-importing the same file (all duplicates). End to end is the take-in
and the scan. It prints posts per second, the peak memory of the process and its reading
process, the triage queue's first page p50/p95 with all items stored (for a
kab/kota monitor and a national one, the query and the whole page), the webhook's items per
second in batches of 1,000 (scoring left to workers, as with a broker), the clusters, watched
accounts and first item pages and the API's list for the same two users, and, as references in
the same run, plain `json.loads` of the file and a bare primary-key page of the same table,
with the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NETRAL_DATA_DIR", tempfile.mkdtemp(prefix="netral-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netral.settings")


def _percentiles(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def _cpu() -> float:
    """CPU seconds used so far by this process, the processes it started and waited for (a
    large import's reading process) and its PostgreSQL backend (a local server): the work
    done, which a machine shared with other jobs stretches less than wall time."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    mine = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        server = float("nan")  # a server on another machine
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime + server


def _peak_mb() -> tuple[float, float]:
    """Peak memory of this process, and of the largest process it started (the reading
    process of a large import): both are held at once."""
    return (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    )


def write_posts(path: Path, n: int, seed: int = 17) -> None:
    from netral.monitoring import demo
    from netral.regions.models import Regency

    rng = random.Random(seed)
    regions = list(Regency.objects.values_list("code", "name"))
    copies = [demo.COPIED.format(c=f"Calon {k}", n=k, p=f"Daerah{k}") for k in range(1, 6)]
    platforms = ["facebook", "facebook", "instagram", "x", "tiktok"]
    with path.open("w", encoding="utf-8") as out:
        for i in tqdm(range(n), desc="posts", unit="post", file=sys.stderr, mininterval=2):
            code, name = rng.choice(regions)
            place = name.split()[-1]
            if rng.random() < 0.01:
                text = rng.choice(copies) + f" {rng.choice(demo.NAMES)}"
            else:
                pools = demo.PARTISAN if rng.random() < 0.3 else demo.NEUTRAL
                text = " ".join(rng.choice(p) for p in pools).format(
                    c=f"Calon {rng.randrange(1, 5)}",
                    n=rng.randrange(1, 5),
                    p=place,
                    d=rng.choice(demo.VILLAGES),
                    h=rng.choice(demo.DAYS),
                    k=rng.choice(demo.OFFICES),
                    w=rng.choice(demo.NAMES),
                )
            handle = f"akun{rng.randrange(n // 20 + 1)}"
            platform_ = rng.choice(platforms)
            out.write(
                json.dumps(
                    {
                        "platform": platform_,
                        "external_id": f"b{i}",
                        "url": f"https://www.{platform_}.com/{handle}/posts/b{i}",
                        "author_handle": handle,
                        "text": text,
                        "posted_at": f"2024-{rng.randrange(9, 12):02d}-{rng.randrange(1, 29):02d}T"
                        f"{rng.randrange(24):02d}:00:00+07:00",
                        "likes": rng.randrange(1000),
                        "region": code,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--webhook-batches", type=int, default=5)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time only the queue and the webhook, on the items a previous run stored",
    )
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from bench.loadkit import machine

    if connection.vendor != "postgresql":
        sys.exit("bench/monitoring.py needs PostgreSQL: set DATABASE_URL")
    from netral.cli import prepare_database

    if not args.reuse:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        prepare_database(demo=True, verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    settings.AXES_ENABLED = False  # force_login below is no login attempt to count
    from django.test import Client

    from netral.accounts.models import User
    from netral.accounts.services import token_create
    from netral.accounts.two_factor import SESSION_KEY as TWO_FACTOR
    from netral.monitoring import scoring, triage
    from netral.monitoring.formats import read_records
    from netral.monitoring.importer import file_import, source_for_file
    from netral.monitoring.models import Item, ScanChunk
    from netral.monitoring.sources import source_add

    stored = f"{Item.objects.count():,} stored items" if args.reuse else f"{args.posts:,} posts"
    print(f"machine: {machine()}; PostgreSQL; {stored}; runs {args.runs}")
    if not args.reuse:  # (--reuse: only the queue and the webhook, on the stored items)
        path = Path(os.environ["NETRAL_DATA_DIR"]) / "posts.jsonl"
        write_posts(path, args.posts)
        size = path.stat().st_size

        start = time.perf_counter()
        with path.open("rb") as fh:
            for line in fh:
                json.loads(line)
        t_json = time.perf_counter() - start

        start = time.perf_counter()
        with path.open("rb") as fh:
            bad = sum(1 for r in read_records(fh, name=path.name) if not hasattr(r, "raw"))
        t_read = time.perf_counter() - start

        source, _ = source_for_file(actor=None, name="bench")
        bar = tqdm(total=size, unit="B", unit_scale=True, desc="import", file=sys.stderr)
        done = [0]

        def progress(position: int) -> None:
            bar.update(position - done[0])
            done[0] = position

        start, cpu = time.perf_counter(), _cpu()
        with path.open("rb") as fh:
            report = file_import(
                actor=None, source=source, stream=fh, name=path.name, progress=progress
            )
        t_in, cpu_in = time.perf_counter() - start, _cpu() - cpu
        bar.close()
        with connection.cursor() as cursor:
            # What autovacuum's analyze does after a bulk load: the planner's row counts.
            cursor.execute("ANALYZE")

        first = Item.objects.filter(source=source).order_by("pk").values_list("pk", flat=True)[0]
        last = Item.objects.filter(source=source).order_by("-pk").values_list("pk", flat=True)[0]
        version = scoring.model_version()
        chunks = [
            ScanChunk(first_id=s, last_id=min(s + scoring.CHUNK - 1, last), version=version)
            for s in range(first, last + 1, scoring.CHUNK)
        ]
        chunks = ScanChunk.objects.bulk_create(chunks)
        start, cpu = time.perf_counter(), _cpu()
        rescored = 0
        for chunk in tqdm(chunks, desc="scan", unit="chunk", file=sys.stderr, mininterval=2):
            rescored += scoring.chunk_score(chunk.pk)
        t_score, cpu_score = time.perf_counter() - start, _cpu() - cpu

        start = time.perf_counter()
        with path.open("rb") as fh:
            again = file_import(actor=None, source=source, stream=fh, name=path.name)
        t_again = time.perf_counter() - start

        # The import reads the file itself (the read+check pass above only times parsing).
        total = t_in + t_score
        n = report.created
        scored = Item.objects.filter(source=source, scored_version=version).count()
        clusters = Item.objects.filter(source=source, cluster__isnull=False).count()
        print(
            f"file: {size / 1e6:.0f} MB; bad lines {bad}; stored {n:,}; duplicates "
            f"{report.duplicates:,}; scored {scored:,}; items in clusters {clusters:,}"
        )
        print(
            f"read+check   {t_read:8.1f} s  {args.posts / t_read:9.0f} posts/s   (reference "
            f"json.loads {t_json:.1f} s, ratio {t_read / t_json:.1f}x)"
        )
        print(
            f"take in      {t_in:8.1f} s  {args.posts / t_in:9.0f} posts/s   (dedup, accounts, "
            f"scoring, store, MinHash/LSH; {cpu_in:.1f} CPU-s with the reading process and the "
            "server's backend)"
        )
        print(
            f"scan after   {t_score:8.1f} s  {n / t_score:9.0f} posts/s   ({len(chunks)} chunks "
            f"of the scoring jobs, {rescored:,} items left to score; {cpu_score:.1f} CPU-s with "
            "the server's backend)"
        )
        print(
            f"end to end   {total:8.1f} s  {args.posts / total:9.0f} posts/s   "
            f"(take in, which reads the file, + scan; {cpu_in + cpu_score:.1f} CPU-s; "
            f"{total / t_json:.0f}x the json.loads reference; target: 1M in 600 s)"
        )
        print(
            f"re-import    {t_again:8.1f} s  {args.posts / t_again:9.0f} posts/s   "
            f"({again.created} stored again, {again.duplicates:,} duplicates)"
        )
        own, reader = _peak_mb()
        print(
            f"peak memory  {own + reader:8.0f} MB (target < 1024; this process {own:.0f} MB, its "
            f"reading process {reader:.0f} MB)"
        )

    with connection.cursor() as cursor:
        # What autovacuum does after a bulk insert (more than 20% of the table new): the
        # visibility map that lets counts be read from an index.
        cursor.execute("VACUUM ANALYZE monitoring_item")
    for username in ("monitor_oku", "bawaslu_ri"):
        user = User.objects.get(username=username)

        def page(user: Any = user) -> None:
            list(triage.queue(user).select_related("account__asn", "source")[:50])

        p50, p95 = _percentiles(page, args.runs)
        client = Client()
        client.force_login(user)
        if user.two_factor_stamp:  # past the second factor, as after a real login
            session = client.session
            session[TWO_FACTOR] = user.two_factor_stamp
            session.save()
        assert client.get("/staf/pemantauan/").status_code == 200, username

        w50, w95 = _percentiles(lambda c=client: c.get("/staf/pemantauan/"), args.runs)
        r50, _r95 = _percentiles(lambda: list(Item.objects.order_by("-pk")[:50]), args.runs)
        print(
            f"queue {username:<12} query p50 {p50:6.1f} ms p95 {p95:6.1f} ms; page p50 "
            f"{w50:6.1f} ms p95 {w95:6.1f} ms (target p95 < 200); reference pk page p50 "
            f"{r50:.1f} ms (ratio {p50 / max(r50, 0.01):.1f}x)"
        )
        # The other pages a monitor opens from the queue, with every item stored: the
        # near-duplicate clusters (a grouping over the clustered items in reach), the watched
        # accounts, and the queue's first item (its cluster, account and suggestions).
        first = triage.queue(user).values_list("pk", flat=True).first()
        pages = {"clusters": "/staf/pemantauan/kelompok/", "accounts": "/staf/pemantauan/akun/"}
        if first is not None:
            pages["item"] = f"/staf/pemantauan/unggahan/{first}/"
        # The API's list: every item in reach (any state) in the queue's order, with counts.
        api = Client(headers={"Authorization": f"Bearer {token_create(user=user, days=1)}"})
        calls = [(name, client, url) for name, url in pages.items()]
        calls.append(("api list", api, "/api/v1/monitoring/items"))
        timed = []
        for name, who, url in calls:
            assert who.get(url).status_code == 200, (username, url)
            q50, q95 = _percentiles(lambda c=who, u=url: c.get(u), args.runs)
            timed.append(f"{name} p50 {q50:.1f} ms p95 {q95:.1f} ms")
        print(f"pages {username:<12} " + "; ".join(timed))

    from django.db import transaction

    with transaction.atomic():
        _src, token = source_add(actor=None, name=f"bench-api-{int(time.time())}", kind="api")
    client = Client(headers={"Authorization": f"Bearer {token}"})
    rng = random.Random(5)
    scoring_enqueue = scoring.scan_enqueue
    # With a broker the webhook only queues the scoring; without one the in-process jobs would
    # score inside the request. Time the webhook as deployed with workers.
    import netral.monitoring.scoring as scoring_module

    scoring_module.scan_enqueue = lambda first_id, last_id, version=None: []
    times = []
    for b in range(args.webhook_batches):
        body = {
            "items": [
                {
                    "platform": "x",
                    "external_id": f"w{int(time.time())}-{b}-{i}",
                    "author_handle": f"pengirim{rng.randrange(500)}",
                    "text": f"Unggahan webhook {b} {i} tentang kegiatan warga",
                    "region": "16.01",
                }
                for i in range(1000)
            ]
        }
        start = time.perf_counter()
        answer = client.post("/api/v1/monitoring/items", body, content_type="application/json")
        times.append(time.perf_counter() - start)
        assert answer.status_code == 200, answer.content[:300]
    scoring_module.scan_enqueue = scoring_enqueue
    rate = 1000 / statistics.median(times)
    # Every batch is timed (the first included): the spread says how steady the median is.
    print(
        f"webhook      {args.webhook_batches} batches of 1,000: median "
        f"{statistics.median(times) * 1000:.0f} ms per batch, {rate:.0f} items/s "
        f"(target >= 2000); batches {' / '.join(f'{t * 1000:.0f}' for t in times)} ms"
    )


if __name__ == "__main__":
    main()
