"""Benchmark of the ASN registry: import of a synthetic file against the raw load of the same
file into a bare table in the same run (PostgreSQL: COPY; SQLite: one executemany), the
import's peak memory, a re-import with 1% of rows changed, and name search p50/p95.

    .venv/bin/python bench/registry.py --db pg --rows 200000   # on $NETRAL_TEST_PG_URL + _bench
    .venv/bin/python bench/registry.py --db sqlite --rows 1000000
    .venv/bin/python bench/registry.py --db pg --rows 5600000 --searches 1000   # the issue's target

The import runs as `netral registry import` in a child process, so that its peak memory (max RSS)
is its own. Targets (issue 13): 5.6 M rows in at most 10 minutes and at most 3x the raw COPY,
peak memory under 500 MB, search p95 under 100 ms (PostgreSQL) / 300 ms (SQLite).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.loadkit import NETRAL, machine, recreate_database  # noqa: E402


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["pg", "sqlite"], default="pg")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=1, help="imports of the fresh file")
    parser.add_argument("--searches", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--file", default="", help="reuse a file `netral registry synth` wrote")
    parser.add_argument("--skip-reimport", action="store_true")
    return parser.parse_args()


def _env(args: argparse.Namespace, data_dir: str) -> dict[str, str]:
    env = {**os.environ, "NETRAL_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "netral.settings"}
    if args.db == "pg":
        base = args.database_url or os.environ.get("NETRAL_TEST_PG_URL", "")
        if not base:
            sys.exit("set NETRAL_TEST_PG_URL or --database-url for --db pg")
        env["DATABASE_URL"] = base if args.database_url else f"{base}_bench"
    else:
        env.pop("DATABASE_URL", None)
    return env


def _fresh_database(env: dict[str, str]) -> None:
    if "DATABASE_URL" in env:
        recreate_database(env["DATABASE_URL"])
    else:
        Path(env["NETRAL_DATA_DIR"], "netral.sqlite3").unlink(missing_ok=True)
    subprocess.run([NETRAL, "prepare"], env=env, check=True, capture_output=True)


def _import(env: dict[str, str], path: Path) -> tuple[float, int, str]:
    """Seconds, the child's peak RSS in MB, and its last line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [NETRAL, "registry", "import", str(path), "--mode", "partial"],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode:
        sys.exit(f"import failed: {done.stderr[-2000:]}")
    last = (done.stdout.strip().splitlines() or [""])[-1]
    return seconds, max(peak, before) // 1024, last


def _raw_load(path: Path) -> float:
    """The reference: the same file into a bare table of text columns, nothing checked."""
    from django.db import connection, transaction

    with path.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    cols = ", ".join(f"c{i} text" for i in range(len(header)))
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_bare")
        cur.execute(f"CREATE TABLE bench_bare ({cols})")
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with (
                path.open("rb") as handle,
                cur.cursor.copy(
                    "COPY bench_bare FROM STDIN WITH (FORMAT csv, HEADER true)"
                ) as copy,
            ):
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    copy.write(chunk)
        else:
            with path.open(encoding="utf-8", newline="") as handle:
                rows = csv.reader(handle)
                next(rows)
                marks = ", ".join(["%s"] * len(header))
                batch: list[list[str]] = []
                for row in rows:
                    batch.append(row)
                    if len(batch) == 50_000:
                        cur.executemany(f"INSERT INTO bench_bare VALUES ({marks})", batch)
                        batch.clear()
                cur.executemany(f"INSERT INTO bench_bare VALUES ({marks})", batch)
    seconds = time.perf_counter() - start
    with connection.cursor() as cur:
        cur.execute("DROP TABLE bench_bare")
    return seconds


def _changed_copy(path: Path, share: float, seed: int) -> tuple[Path, int]:
    """The same file with `share` of rows given another rank."""
    rng = random.Random(seed)
    out = path.with_name("changed.csv")
    changed = 0
    with (
        path.open(encoding="utf-8", newline="") as src,
        out.open("w", encoding="utf-8", newline="") as dst,
    ):
        reader, writer = csv.reader(src), csv.writer(dst)
        writer.writerow(next(reader))
        for row in reader:
            if rng.random() < share:
                row[5] = "IV/e" if row[5] != "IV/e" else "III/a"
                changed += 1
            writer.writerow(row)
    return out, changed


def _queries(path: Path, count: int, seed: int) -> list[str]:
    """Names as a reporter types them: no titles, words reordered, a letter dropped."""
    from netral.registry.names import strip_titles

    rng = random.Random(seed)
    sample: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            if len(sample) < count:
                sample.append(row["NAMA"])
            elif rng.random() < count / (index + 1):
                sample[rng.randrange(count)] = row["NAMA"]
    queries = []
    for name in sample:
        words = strip_titles(name).lower().split()
        if len(words) > 1 and rng.random() < 0.4:
            words.reverse()
        if rng.random() < 0.3:
            w = rng.randrange(len(words))
            if len(words[w]) > 4:
                cut = rng.randrange(1, len(words[w]) - 1)
                words[w] = words[w][:cut] + words[w][cut + 1 :]
        queries.append(" ".join(words))
    return queries


def _search(queries: list[str]) -> tuple[float, float, float]:
    from netral.registry.models import Asn
    from netral.registry.search import search

    base = Asn.objects.all()
    times, found = [], 0
    for text in queries:
        start = time.perf_counter()
        result = search(None, text, base=base, limit=20)
        times.append((time.perf_counter() - start) * 1000)
        found += bool(result.hits)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], found / len(queries)


def _nip_search(count: int, seed: int) -> tuple[float, float]:
    """The reference in the same run: a search by exact NIP (one unique-index lookup) through
    the same function and page."""
    from netral.registry.models import Asn
    from netral.registry.search import search

    top = Asn.objects.order_by("-id").values_list("id", flat=True).first() or 0
    rng = random.Random(seed)
    picked = Asn.objects.filter(id__in=[rng.randint(1, top) for _ in range(count)])
    nips = list(picked.values_list("nip", flat=True))
    base = Asn.objects.all()
    times = []
    for nip in nips:
        start = time.perf_counter()
        search(None, nip, base=base, limit=20)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    args = _parse()
    data_dir = tempfile.mkdtemp(prefix="netral-bench-registry-")
    env = _env(args, data_dir)
    os.environ.update(env)
    if "DATABASE_URL" not in env:
        os.environ.pop("DATABASE_URL", None)
    print(f"machine: {machine()}")
    print(
        f"database: {'PostgreSQL' if args.db == 'pg' else 'SQLite'}, rows: {args.rows:,}, "
        f"import runs: {args.runs}, searches: {args.searches}"
    )
    _fresh_database(env)
    import django

    django.setup()
    from netral.registry import synth

    path = Path(args.file) if args.file else Path(data_dir) / "registry.csv"
    if args.file:
        print(f"synthetic file: {path} ({path.stat().st_size / 1e6:.0f} MB) reused")
    else:
        start = time.perf_counter()
        synth.write(path, rows=args.rows, seed=args.seed)
        print(
            f"synthetic file: {path.stat().st_size / 1e6:.0f} MB written in "
            f"{time.perf_counter() - start:.0f} s"
        )
    raw, imports, peaks = [], [], []
    for run in range(args.runs):
        if run:
            _fresh_database(env)
        raw.append(_raw_load(path))
        seconds, peak, last = _import(env, path)
        imports.append(seconds)
        peaks.append(peak)
        print(
            f"  run {run + 1}: raw load {raw[-1]:.1f} s, import {seconds:.1f} s, peak "
            f"{peak} MB; {last}"
        )
    ref, imp = statistics.median(raw), statistics.median(imports)
    print(
        f"raw {'COPY' if args.db == 'pg' else 'executemany'} into a bare table (median): "
        f"{ref:.1f} s"
    )
    print(
        f"netral registry import (median, process start included): {imp:.1f} s "
        f"= {args.rows / imp:,.0f} rows/s; ratio import/raw: {imp / ref:.1f}x"
    )
    print(f"import peak memory (max RSS of the import process): {max(peaks)} MB")
    if not args.skip_reimport:
        changed_path, changed = _changed_copy(path, 0.01, args.seed)
        seconds, peak, last = _import(env, changed_path)
        print(
            f"re-import with {changed:,} rows (1%) changed: {seconds:.1f} s, peak {peak} MB; {last}"
        )
    queries = _queries(path, args.searches, args.seed)
    p50, p95, share = _search(queries)
    print(
        f"name search over {len(queries)} queries (no titles, 40% reordered, 30% with a "
        f"letter dropped): p50 {p50:.1f} ms, p95 {p95:.1f} ms, found something for "
        f"{share:.0%}"
    )
    ref50, ref95 = _nip_search(args.searches, args.seed)
    print(
        f"reference, exact NIP search through the same function: p50 {ref50:.1f} ms, p95 "
        f"{ref95:.1f} ms; ratio name/NIP p95: {p95 / ref95:.1f}x"
    )


if __name__ == "__main__":
    main()
