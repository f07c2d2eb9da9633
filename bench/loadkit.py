"""Shared by bench/load.py and bench/faults.py: a PostgreSQL database of their own with the demo
data, `netral serve` on loopback (with a bare Django view beside the real pages), a bounded
asyncio HTTP/1.1 client, latency figures, and the count of reports lost or duplicated.

Traffic goes to 127.0.0.1 only; every loop is bounded in time and count.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NETRAL = str(Path(sys.executable).with_name("netral"))
STAFF = "bawaslu_oku"

# The table of /bench/floor/ (bench/load_urls.py), made by bench/load.py before the server starts.
FLOOR_TABLE = """
CREATE TABLE IF NOT EXISTS bench_floor (
    id bigserial PRIMARY KEY,
    key text NOT NULL UNIQUE,
    summary text NOT NULL,
    body jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
)"""


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()} (shared machine)"


def recreate_database(url: str, template: str = "") -> None:
    """Drop and create the database; from `template` (a database with the demo data loaded,
    copied by PostgreSQL in seconds) when given."""
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        conn.execute(create)


@dataclass
class Site:
    """A Netral installation for a benchmark: its database, data folder and environment."""

    database_url: str
    data_dir: Path
    port: int
    workers: int = 2
    extra_env: dict[str, str] = field(default_factory=dict)
    server: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NETRAL_")}
        env.update(
            {
                "DATABASE_URL": self.database_url,
                "NETRAL_DATA_DIR": str(self.data_dir),
                "NETRAL_RATE_LIMITS": "false",  # one client address sends everything here
                "DJANGO_SETTINGS_MODULE": "bench.load_settings",
                "PYTHONPATH": str(ROOT),
                "NETRAL_LOG_LEVEL": "ERROR",
                **self.extra_env,
            }
        )
        return env

    def netral(self, *args: str) -> str:
        done = subprocess.run(
            [NETRAL, *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"netral {' '.join(args)} failed: {done.stderr[-2000:]}")
        return done.stdout

    def prepare(self, template: str = "") -> str:
        recreate_database(self.database_url, template)
        if not template:
            self.netral("loaddemo", "--verbosity", "0")
        return self.netral("token", "create", "--user", STAFF).strip().split()[-1]

    def start(self) -> None:
        self.server = subprocess.Popen(
            [NETRAL, "serve", "--port", str(self.port), "--workers", str(self.workers)],
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                status, _ = asyncio.run(_one(self.port, "GET", "/bench/bare/"))
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("netral serve did not answer within 120 s")

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=60)
            self.server = None


# --- HTTP/1.1 over asyncio -------------------------------------------------------------------


class Connection:
    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.cookies: dict[str, str] = {}  # from Set-Cookie, kept across reconnections

    async def request(
        self,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
        timeout: float = 30.0,
    ) -> tuple[int, bytes]:
        for attempt in range(2):  # a keep-alive connection the server closed: reconnect once
            try:
                return await asyncio.wait_for(
                    self._exchange(method, path, headers or {}, body), timeout
                )
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def _exchange(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            f"Content-Length: {len(body)}",
        ] + [f"{k}: {v}" for k, v in headers.items()]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        length, close = 0, False
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and "close" in value.lower():
                close = True
            elif name.lower() == "set-cookie":
                cookie, _, _rest = value.strip().partition(";")
                key, _, val = cookie.partition("=")
                self.cookies[key.strip()] = val.strip()
        data = await self.reader.readexactly(length)
        if close:
            self.close()
        return status, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _one(port: int, method: str, path: str) -> tuple[int, bytes]:
    conn = Connection(port)
    try:
        return await conn.request(method, path, timeout=5)
    finally:
        conn.close()


# --- The requests a benchmark sends ----------------------------------------------------------


def report_body(marker: str) -> bytes:
    return json.dumps(
        {
            "description": f"{marker} Kepala dinas mengajak memilih calon bupati di grup kantor.",
            "subjects": [
                {"name": "Rudi Hartono", "agency": "Dinas Pendidikan", "regency": "16.01"}
            ],
            "violations": ["E2"],
            "incident_date": "2024-08-01",
            "province": "16",
            "regency": "16.01",
            "place": "Grup WhatsApp",
            "anonymous": True,
        }
    ).encode()


def form_body(marker: str, csrf: str) -> bytes:
    """The same report as `report_body`, as the /lapor/ form posts it."""
    from urllib.parse import urlencode

    fields = {
        "csrfmiddlewaretoken": csrf,
        "form_token": uuid.uuid4().hex,
        "violations": "E2",
        "description": f"{marker} Kepala dinas mengajak memilih calon bupati di grup kantor.",
        "incident_date": "2024-08-01",
        "discovered_date": "",
        "province": "16",
        "regency": "16.01",
        "district": "",
        "place": "Grup WhatsApp",
        "election": "",
        "links": "",
        "anonymous": "1",
        "website": "",
        "asn-TOTAL_FORMS": "1",
        "asn-INITIAL_FORMS": "0",
        "asn-MIN_NUM_FORMS": "1",
        "asn-MAX_NUM_FORMS": "50",
        "asn-0-name": "Rudi Hartono",
        "asn-0-agency_name": "Dinas Pendidikan",
        "asn-0-position": "",
        "asn-0-employment_type": "pns",
        "asn-0-regency": "16.01",
        "asn-0-nip": "",
    }
    return urlencode(fields).encode()


async def submit_form(conn: Connection, ledger: Ledger) -> tuple[int, float]:
    """One report through the /lapor/ form, the way a browser sends it (CSRF cookie and field,
    a fresh form token). The form's page is fetched once per connection for its cookie."""
    try:
        if "csrftoken" not in conn.cookies:
            await conn.request("GET", "/lapor/")
        marker = f"bench-{uuid.uuid4().hex}"
        body = form_body(marker, conn.cookies.get("csrftoken", ""))
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        start = time.perf_counter()
        status, _ = await conn.request("POST", "/lapor/", headers, body)
        latency = time.perf_counter() - start
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
        conn.close()
        return 0, 0.0
    ledger.statuses[status] = ledger.statuses.get(status, 0) + 1
    if status == 201:
        ledger.accepted[marker] = ""
    return status, latency


@dataclass
class Ledger:
    """What clients were told: accepted reports by marker, answers by status."""

    accepted: dict[str, str] = field(default_factory=dict)  # marker → receipt
    receipts: list[str] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)


async def submit(
    conn: Connection, ledger: Ledger, *, retries: int = 0, pause: float = 0.5
) -> tuple[int, float]:
    """One report with its own Idempotency-Key, retried with the same key on a failure, the way
    a phone app does. Returns the last status and the latency of the first try."""
    marker = f"bench-{uuid.uuid4().hex}"
    key, body = uuid.uuid4().hex, report_body(marker)
    headers = {"Content-Type": "application/json", "Idempotency-Key": key}
    first = 0.0
    status = 0
    for attempt in range(retries + 1):
        start = time.perf_counter()
        try:
            status, data = await conn.request("POST", "/api/v1/reports", headers, body)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            status, data = 0, b""
            conn.close()
        if attempt == 0:
            first = time.perf_counter() - start
        ledger.statuses[status] = ledger.statuses.get(status, 0) + 1
        if status in (200, 201):
            receipt = json.loads(data).get("receipt")
            ledger.accepted[marker] = receipt or ""
            if receipt:
                ledger.receipts.append(receipt)
            break
        if status and status < 500:
            break
        await asyncio.sleep(pause)
    return status, first


def stored_markers(database_url: str) -> dict[str, int]:
    """How many reports the database holds per benchmark marker."""
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT substring(c.summary from '^(bench-[0-9a-f]+)'), count(*) FROM cases_case c "
            "JOIN intake_report r ON r.case_id = c.id WHERE c.summary LIKE 'bench-%' "
            "GROUP BY 1"
        ).fetchall()
    return {marker: int(n) for marker, n in rows}


def lost_and_duplicated(ledger: Ledger, database_url: str) -> tuple[int, int, int]:
    """(accepted, lost, duplicated): accepted reports missing from the database, and markers
    stored more than once."""
    stored = stored_markers(database_url)
    lost = sum(1 for marker in ledger.accepted if marker not in stored)
    duplicated = sum(n - 1 for n in stored.values() if n > 1)
    return len(ledger.accepted), lost, duplicated


@dataclass
class Figures:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def line(self, label: str) -> str:
        n = len(self.latencies)
        if not n:
            return f"{label:<28} no answers, {self.errors} errors"
        q = statistics.quantiles(self.latencies, n=100) if n > 1 else self.latencies * 99
        rps = n / self.seconds if self.seconds else 0.0
        return (
            f"{label:<28} {n:>6} req {rps:>8.1f} rps  p50 {q[49] * 1000:>7.1f} ms  "
            f"p95 {q[94] * 1000:>7.1f} ms  p99 {q[98] * 1000:>7.1f} ms  errors {self.errors}"
        )

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def p95(self) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100)[94]


def run_bounded(port: int, clients: int, seconds: float, max_requests: int, step: Any) -> Figures:
    """`clients` concurrent loops calling `step(conn) -> (ok, latency)` for `seconds` at most and
    `max_requests` in all."""
    figures = Figures()
    budget = [max_requests]

    async def client(port_conn: Connection, until: float) -> None:
        while time.monotonic() < until and budget[0] > 0:
            budget[0] -= 1
            ok, latency = await step(port_conn)
            if ok:
                figures.latencies.append(latency)
            else:
                figures.errors += 1
        port_conn.close()

    async def main() -> None:
        until = time.monotonic() + seconds
        start = time.monotonic()
        await asyncio.gather(*(client(Connection(port), until) for _ in range(clients)))
        figures.seconds = time.monotonic() - start

    asyncio.run(main())
    return figures
