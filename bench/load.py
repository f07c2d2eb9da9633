"""Load: `netral serve` on PostgreSQL over loopback, at 10, 50 and 200 concurrent clients.

    .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/netral_load \
        [--port 8160] [--seconds 15] [--levels 10,50,200] [--workers 2]

For each level, one phase per request kind, each against the same server: the bare Django view
(the reference: full middleware, no database), the floor (the same JSON body and key posted to a
view that only inserts it as one row in one synced commit: the least any submission that loses
nothing must do, so it bounds what Netral's own submission could reach here), report
submissions with idempotency keys (API) and through the /lapor/ form (CSRF cookie and form
token, as a browser), receipt look-ups, the case list and a case page (staff token). Prints
requests per second, p50/p95/p99, errors, and each kind's rate as a share of the bare view's;
then checks that the database holds exactly the reports that were accepted (0 lost, 0
duplicated).

Targets (issue 12): submissions at least 50% of the bare view's rate; p95 under 300 ms at 50
clients. The database named in --database-url is dropped and recreated.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loadkit import (
    FLOOR_TABLE,
    Connection,
    Figures,
    Ledger,
    Site,
    lost_and_duplicated,
    machine,
    report_body,
    run_bounded,
    submit,
    submit_form,
)

Step = Callable[[Connection], Awaitable[tuple[bool, float]]]


def _timed(method: str, path: str, headers: dict[str, str] | None = None) -> Step:
    async def step(conn: Connection) -> tuple[bool, float]:
        start = time.perf_counter()
        try:
            status, _ = await conn.request(method, path, headers)
        except (TimeoutError, OSError, asyncio.IncompleteReadError):
            conn.close()
            return False, 0.0
        return status == 200, time.perf_counter() - start

    return step


def _submission(ledger: Ledger) -> Step:
    async def step(conn: Connection) -> tuple[bool, float]:
        status, latency = await submit(conn, ledger)
        return status == 201, latency

    return step


def _floor_submission() -> Step:
    """The same report body and key header, to /bench/floor/ (one durable insert, nothing else)."""

    async def step(conn: Connection) -> tuple[bool, float]:
        headers = {"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex}
        body = report_body(f"floor-{uuid.uuid4().hex}")
        start = time.perf_counter()
        try:
            status, _ = await conn.request("POST", "/bench/floor/", headers, body)
        except (TimeoutError, OSError, asyncio.IncompleteReadError):
            conn.close()
            return False, 0.0
        return status == 201, time.perf_counter() - start

    return step


def _form_submission(ledger: Ledger) -> Step:
    async def step(conn: Connection) -> tuple[bool, float]:
        status, latency = await submit_form(conn, ledger)
        return status == 201, latency

    return step


def _receipt_lookup(ledger: Ledger) -> Step:
    async def step(conn: Connection) -> tuple[bool, float]:
        receipt = random.choice(ledger.receipts)
        return await _timed("GET", "/api/v1/reports/status", {"X-Netral-Receipt": receipt})(conn)

    return step


async def _case_ids(port: int, token: str) -> list[int]:
    conn = Connection(port)
    status, data = await conn.request(
        "GET", "/api/v1/cases?page_size=50", {"Authorization": f"Bearer {token}"}
    )
    conn.close()
    if status != 200:
        raise RuntimeError(f"GET /api/v1/cases answered {status}")
    return [int(item["id"]) for item in json.loads(data)["results"]]


def _case_page(port: int, token: str, ids: list[int]) -> Step:
    auth = {"Authorization": f"Bearer {token}"}

    async def step(conn: Connection) -> tuple[bool, float]:
        case_id = random.choice(ids)
        return await _timed("GET", f"/api/v1/cases/{case_id}", auth)(conn)

    return step


def run(args: argparse.Namespace) -> int:
    site = Site(
        args.database_url,
        Path(tempfile.mkdtemp(prefix="netral-load-")),
        args.port,
        workers=args.workers,
    )
    print(f"machine: {machine()}")
    print(
        f"server: netral serve --workers {args.workers} (8 threads each), PostgreSQL, "
        f"port {args.port}; {args.seconds:.0f} s per phase"
    )
    token = site.prepare(args.template)
    create_floor_table(args.database_url)
    site.start()
    ledger = Ledger()
    verdicts = []
    try:
        # Receipts to look up: a few reports first (they count in the ledger too).
        run_bounded(args.port, 5, 60, 20, _submission(ledger))
        ids = asyncio.run(_case_ids(args.port, token))
        auth = {"Authorization": f"Bearer {token}"}
        kinds: dict[str, Step] = {
            "bare Django view": _timed("GET", "/bench/bare/"),
            "floor: one durable insert": _floor_submission(),
            "submit report": _submission(ledger),
            "submit /lapor/ form": _form_submission(ledger),
            "receipt look-up": _receipt_lookup(ledger),
            "case list": _timed("GET", "/api/v1/cases", auth),
            "case page": _case_page(args.port, token, ids),
        }
        for clients in args.levels:
            print(f"\n== {clients} concurrent clients")
            results: dict[str, Figures] = {}
            for label, step in kinds.items():
                results[label] = run_bounded(args.port, clients, args.seconds, 1_000_000, step)
                bare = results["bare Django view"].rps
                ratio = f"  ({results[label].rps / bare:.0%} of bare)" if bare else ""
                print(results[label].line(label) + ratio, flush=True)
            verdicts.append(_verdict(clients, results))
    finally:
        site.stop()
    accepted, lost, duplicated = lost_and_duplicated(ledger, args.database_url)
    print(
        f"\nreports accepted {accepted}, lost {lost}, duplicated {duplicated}; answers by "
        f"status: {dict(sorted(ledger.statuses.items()))}"
    )
    for line in verdicts:
        print(line)
    return 0 if lost == 0 and duplicated == 0 else 1


def create_floor_table(database_url: str) -> None:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(FLOOR_TABLE)


def _verdict(clients: int, results: dict[str, Figures]) -> str:
    bare = results["bare Django view"]
    parts = []
    for label in ("floor: one durable insert", "submit report", "submit /lapor/ form"):
        fig = results[label]
        share = fig.rps / bare.rps if bare.rps else 0.0
        met = "met" if share >= 0.5 else "MISSED"
        part = f"{label} {share:.1%} of the bare view's rate ({met})"
        if clients == 50:
            p95 = fig.p95() * 1000
            part += f", p95 {p95:.0f} ms ({'met' if p95 < 300 else 'MISSED'})"
        parts.append(part)
    return f"target at {clients} clients (50% of bare; p95 < 300 ms at 50): " + "; ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        required=True,
        help="a PostgreSQL database of its own (dropped and recreated)",
    )
    parser.add_argument(
        "--template",
        default="",
        help="copy this database (demo data already loaded) instead of loading",
    )
    parser.add_argument("--port", type=int, default=8160)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument(
        "--levels", type=lambda s: [int(x) for x in s.split(",")], default=[10, 50, 200]
    )
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
