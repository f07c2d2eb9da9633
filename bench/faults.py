"""Faults under load, with figures: what a client sees and what the database keeps.

    .venv/bin/python bench/faults.py \
        --database-url postgres://postgres@127.0.0.1:5432/netral_faults [--port 8161] \
        [--redis-port 6390] [--scenario pg-kill,redis-down,worker-kill]

- pg-kill: report submissions from 50 clients that retry with the same Idempotency-Key; half-way
  every PostgreSQL backend of the database is killed (pg_terminate_backend). Counts: accepted,
  lost, duplicated, answers by status.
- redis-down: a private redis-server is the broker; it is stopped while clients submit and read
  pages. Counts: answers while it is down, jobs parked in the backlog, jobs sent once it is back.
- worker-kill: a sweep over N overdue cases runs on a Celery worker that is killed (SIGKILL)
  part-way; a new worker runs the sweep again (as beat's next hour would). Counts: stages done
  before the kill, after, and audited twice (duplicates).

(A full disk during an upload is a CI test: tests/intake/test_disk_full.py.) Traffic stays on
127.0.0.1; every loop is bounded. The database in --database-url is dropped and recreated.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loadkit import (
    NETRAL,
    Connection,
    Ledger,
    Site,
    lost_and_duplicated,
    machine,
    run_bounded,
    submit,
)


def _sql(url: str, query: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(query, params)  # type: ignore[arg-type]
        return list(cur.fetchall()) if cur.description else []


def pg_kill(site: Site, seconds: float) -> None:
    ledger = Ledger()

    async def step(conn: Connection) -> tuple[bool, float]:
        status, latency = await submit(conn, ledger, retries=8, pause=0.5)
        return status in (200, 201), latency

    name = site.database_url.rsplit("/", 1)[1]
    killed: list[int] = []

    def killer() -> None:
        time.sleep(seconds / 2)
        rows = _sql(
            site.database_url.rsplit("/", 1)[0] + "/postgres",
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        killed.append(int(rows[0][0]))  # type: ignore[call-overload]

    import threading

    thread = threading.Thread(target=killer)
    thread.start()
    figures = run_bounded(site.port, 50, seconds, 100_000, step)
    thread.join()
    accepted, lost, duplicated = lost_and_duplicated(ledger, site.database_url)
    print(figures.line("submit (retrying)"))
    print(
        f"pg-kill: {killed[0] if killed else 0} backends killed half-way; answers by status "
        f"{dict(sorted(ledger.statuses.items()))}; accepted {accepted}, lost {lost}, "
        f"duplicated {duplicated}"
    )


def _redis(port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            shutil.which("redis-server") or "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    return server


def _parked(site: Site) -> int:
    return int(_sql(site.database_url, "SELECT count(*) FROM jobs_pendingjob")[0][0])  # type: ignore[call-overload]


def redis_down(site: Site, redis: subprocess.Popen[bytes], seconds: float) -> None:
    ledger = Ledger()

    async def step(conn: Connection) -> tuple[bool, float]:
        status, latency = await submit(conn, ledger)
        return status == 201, latency

    up = run_bounded(site.port, 10, seconds / 2, 10_000, step)
    print(up.line("submit, Redis up"))
    redis.terminate()
    redis.wait(timeout=30)
    down = run_bounded(site.port, 10, seconds / 2, 10_000, step)
    print(down.line("submit, Redis DOWN"))
    pages = run_bounded(site.port, 10, seconds / 4, 10_000, _page("/lapor/"))
    print(pages.line("GET /lapor/, Redis DOWN"))
    parked = _parked(site)
    back = _redis(int(site.extra_env["NETRAL_BROKER_URL"].rsplit(":", 1)[1].split("/")[0]))
    retried = site.netral("jobs", "retry", "--all").strip()
    print(
        f"redis-down: jobs parked while down {parked}; after Redis came back: {retried}; "
        f"left in the backlog {_parked(site)}"
    )
    accepted, lost, duplicated = lost_and_duplicated(ledger, site.database_url)
    print(f"redis-down: accepted {accepted}, lost {lost}, duplicated {duplicated}")
    back.terminate()
    back.wait(timeout=30)


def _page(path: str):  # type: ignore[no-untyped-def]
    async def step(conn: Connection) -> tuple[bool, float]:
        start = time.perf_counter()
        try:
            status, _ = await conn.request("GET", path)
        except (TimeoutError, OSError, asyncio.IncompleteReadError):
            conn.close()
            return False, 0.0
        return status == 200, time.perf_counter() - start

    return step


SWEPT = (
    "SELECT count(*) FROM cases_casestage WHERE overdue_marked_at IS NOT NULL "
    "OR reminder_sent_at IS NOT NULL"
)
OPEN_PAST_DUE = (
    "SELECT count(*) FROM cases_casestage WHERE completed_at IS NULL AND due < CURRENT_DATE"
)
DUPLICATES = (
    "SELECT count(*) FROM (SELECT object_id, data_json FROM audit_auditentry WHERE "
    "action IN ('case.stage_reminder', 'case.stage_overdue') GROUP BY object_id, "
    "data_json HAVING count(*) > 1) d"
)


def _worker(site: Site) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [NETRAL, "worker", "--concurrency", "1"],
        env=site.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _count(site: Site, query: str) -> int:
    return int(_sql(site.database_url, query)[0][0])  # type: ignore[call-overload]


# The cases bench.cases opens are fresh: their first stage falls due weeks ahead, so the sweep
# had nothing to do and the phase waited for a count it never reached. Their open stages are
# put past due (two days: marked overdue, and reminded) so that the sweep has work to be killed in.
PAST_DUE = (
    "UPDATE cases_casestage SET due = CURRENT_DATE - 2 WHERE completed_at IS NULL "
    "AND overdue_marked_at IS NULL"
)


def worker_kill(site: Site, cases: int) -> None:
    site.netral("shell", "-c", f"import bench.cases as b; b._populate({cases})")
    _sql(site.database_url, PAST_DUE)
    print(f"worker-kill: {_count(site, OPEN_PAST_DUE)} open stages past due to sweep")
    worker = _worker(site)
    site.netral("shell", "-c", "from netral.cases.tasks import sweep_cases; sweep_cases.delay()")
    deadline = time.monotonic() + 600
    while _count(site, SWEPT) < cases // 5 and time.monotonic() < deadline:
        time.sleep(0.5)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    before = _count(site, SWEPT)
    worker = _worker(site)
    site.netral("shell", "-c", "from netral.cases.tasks import sweep_cases; sweep_cases.delay()")
    last, still = -1, 0
    while still < 10 and time.monotonic() < deadline:
        time.sleep(1)
        now = _count(site, SWEPT)
        still = still + 1 if now == last else 0
        last = now
    os.killpg(worker.pid, signal.SIGTERM)
    worker.wait(timeout=60)
    print(
        f"worker-kill: {cases} overdue cases; stages swept before SIGKILL {before}, after the "
        f"new worker {last}; entries audited twice {_count(site, DUPLICATES)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument(
        "--template",
        default="",
        help="copy this database (demo data already loaded) instead of loading",
    )
    parser.add_argument("--port", type=int, default=8161)
    parser.add_argument("--redis-port", type=int, default=6390)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--cases", type=int, default=1500)
    parser.add_argument("--scenario", default="pg-kill,redis-down,worker-kill")
    args = parser.parse_args()
    scenarios = args.scenario.split(",")
    print(f"machine: {machine()}")
    redis = _redis(args.redis_port)
    site = Site(
        args.database_url,
        Path(tempfile.mkdtemp(prefix="netral-faults-")),
        args.port,
        extra_env={"NETRAL_BROKER_URL": f"redis://127.0.0.1:{args.redis_port}/0"},
    )
    site.prepare(args.template)
    try:
        site.start()
        if "pg-kill" in scenarios:
            pg_kill(site, args.seconds)
        if "redis-down" in scenarios:
            redis_down(site, redis, args.seconds)
            redis = _redis(args.redis_port)
        site.stop()
        if "worker-kill" in scenarios:
            worker_kill(site, args.cases)
    finally:
        site.stop()
        redis.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
