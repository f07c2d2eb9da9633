"""Audited writes per second with concurrent writers on PostgreSQL: one chain against shards.

    .venv/bin/python bench/audit.py \
        --database-url postgres://postgres@127.0.0.1:5432/netral_audit_bench \
        [--writers 8] [--seconds 8] [--runs 3] [--shards 16]

Each writer is a process with its own connection. One audited write is what a service does: a
transaction that updates a row of its own object and appends the audit entry for it
(`log_action`), then commits. The reference, measured in the same run and alternating with the
new path, is the single chain (NETRAL_AUDIT_SHARDS=1: every write locks the one head row until
it commits, as before issue 10 item 6); then the same writers with `--shards` chains. At the
end `netral audit verify` walks every entry written. The database is dropped and recreated.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loadkit import machine, recreate_database

OBJECTS_PER_WRITER = 50


def _setup_django(database_url: str, data_dir: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["NETRAL_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netral.settings")
    os.environ["NETRAL_LOG_LEVEL"] = "ERROR"
    import django

    django.setup()


def _prepare(writers: int) -> None:
    from django.core.management import call_command
    from django.db import connections

    from netral.accounts.models import User

    call_command("migrate", interactive=False, verbosity=0)
    User.objects.bulk_create(
        User(username=f"bench-{w}-{i}") for w in range(writers) for i in range(OBJECTS_PER_WRITER)
    )
    connections.close_all()


def _writer(
    index: int, shards: int, start_at: float, seconds: float, work_ms: float, results: Any
) -> None:
    """One writer: audited writes on its own objects until the time is up."""
    from django.conf import settings
    from django.db import connections, transaction
    from django.utils import timezone

    from netral.accounts.models import User
    from netral.audit.services import log_action

    settings.AUDIT_SHARDS = shards
    objects = list(User.objects.filter(username__startswith=f"bench-{index}-"))
    rng = random.Random(index)
    done = errors = 0
    time.sleep(max(0.0, start_at - time.time()))
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        obj = rng.choice(objects)
        try:
            with transaction.atomic():
                User.objects.filter(pk=obj.pk).update(last_login=timezone.now())
                log_action(None, "bench.write", obj, {"writer": index, "n": done})
                if work_ms:
                    time.sleep(work_ms / 1000)  # the rest of a request's work, lock held
            done += 1
        except Exception:  # a deadlock or a lost connection counts, and the writer goes on
            errors += 1
    connections.close_all()
    results.put((done, errors, seconds))


def _measure(writers: int, shards: int, seconds: float, work_ms: float) -> tuple[float, int]:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    start_at = time.time() + 1.0  # every writer starts together, after its fork and query
    procs = [
        context.Process(target=_writer, args=(w, shards, start_at, seconds, work_ms, results))
        for w in range(writers)
    ]
    for p in procs:
        p.start()
    got = [results.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    done = sum(g[0] for g in got)
    return done / seconds, sum(g[1] for g in got)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", required=True, help="postgres://…/NAME (dropped and recreated)"
    )
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shards", type=int, default=16)
    parser.add_argument(
        "--work-ms",
        type=float,
        default=0.0,
        help="time each transaction spends after its audit entry (default 0)",
    )
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("--database-url must be a PostgreSQL URL")

    data_dir = tempfile.mkdtemp(prefix="netral-audit-bench-")
    recreate_database(args.database_url)
    _setup_django(args.database_url, data_dir)
    from django.db import connection, connections

    _prepare(args.writers)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    connections.close_all()

    single: list[float] = []
    sharded: list[float] = []
    errors = 0
    for run in range(1, args.runs + 1):
        for shards, into in ((1, single), (args.shards, sharded)):
            rate, failed = _measure(args.writers, shards, args.seconds, args.work_ms)
            into.append(rate)
            errors += failed
            print(
                f"run {run}: {shards:>3} chain(s): {rate:8.1f} audited writes/s"
                + (f" ({failed} failed)" if failed else ""),
                file=sys.stderr,
            )

    from netral.audit.services import verify_chain  # (main before the shards has it too)

    report = verify_chain()
    connections.close_all()
    ref, new = statistics.median(single), statistics.median(sharded)
    print(
        f"\nNetral audit benchmark: {args.writers} concurrent writers x {args.seconds:g} s, "
        f"PostgreSQL {version}, {args.runs} runs, median"
        + (f", {args.work_ms:g} ms of work per transaction after the entry" if args.work_ms else "")
    )
    print(f"machine: {machine()}")
    print(f"{'path':<44}{'runs (writes/s)':<30}{'median':>10}")
    for label, rates in (
        ("one chain (reference, the old path)", single),
        (f"{args.shards} chains (sharded)", sharded),
    ):
        runs = ", ".join(f"{r:.0f}" for r in rates)
        print(f"{label:<44}{runs:<30}{statistics.median(rates):>10.1f}")
    print(f"ratio sharded / one chain: {new / ref:.2f}x")
    print(
        f"failed transactions: {errors}; audit verify: "
        f"{'intact' if report.ok else 'BROKEN ' + report.reason}, {report.checked} entries"
    )


if __name__ == "__main__":
    main()
