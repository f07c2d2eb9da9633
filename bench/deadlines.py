"""Benchmark of the deadline engine and the catalogue reads the case screens make.

    NETRAL_DATA_DIR=$(mktemp -d) .venv/bin/python bench/deadlines.py [--runs 5] [--n 2000]

Each run computes `n` deadlines (every rule, start dates spread over 2019–2026, so working-day
rules cross weekends, holidays and cuti bersama), resolves `n` phases and serialises the whole
catalogue once. Prints the median per operation over the runs, and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NETRAL_DATA_DIR", tempfile.mkdtemp(prefix="netral-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netral.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    import django

    django.setup()
    from netral.catalogue.serialize import violation_dict, violations_queryset
    from netral.cli import prepare_database
    from netral.deadlines.engine import compute_deadline
    from netral.deadlines.models import DeadlineRule
    from netral.elections.models import Election
    from netral.elections.phase import resolve_phase

    prepare_database(demo=False, verbosity=0)
    rules = list(DeadlineRule.objects.values_list("kind", "stage").distinct())
    starts = [date(2019, 1, 1) + timedelta(days=(i * 37) % 2900) for i in range(args.n)]
    elections = list(Election.objects.all())
    timings: dict[str, list[float]] = {"deadline": [], "phase": [], "catalogue": []}
    for _ in range(args.runs):
        t0 = time.perf_counter()
        for i, start in enumerate(starts):
            kind, stage = rules[i % len(rules)]
            compute_deadline(kind=kind, stage=stage, start=start)
        t1 = time.perf_counter()
        for i, start in enumerate(starts):
            list(resolve_phase(elections[i % len(elections)], start).violations)
        t2 = time.perf_counter()
        [violation_dict(v) for v in violations_queryset()]
        t3 = time.perf_counter()
        timings["deadline"].append((t1 - t0) / args.n)
        timings["phase"].append((t2 - t1) / args.n)
        timings["catalogue"].append(t3 - t2)
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} "
        f"python {platform.python_version()}, {os.cpu_count()} cpus, "
        f"db {django.db.connection.vendor}"
    )
    print(f"runs: {args.runs}, operations per run: {args.n}")
    print(f"compute_deadline: median {statistics.median(timings['deadline']) * 1e3:.3f} ms/call")
    print(
        f"resolve_phase (+ list items): median "
        f"{statistics.median(timings['phase']) * 1e3:.3f} ms/call"
    )
    print(
        f"whole catalogue as dicts (27 items): median "
        f"{statistics.median(timings['catalogue']) * 1e3:.1f} ms"
    )


if __name__ == "__main__":
    main()
