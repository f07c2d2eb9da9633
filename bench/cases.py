"""Benchmark of the case pages and jobs that grow with the number of cases: the scoped API list,
the register, the compliance dashboard, the XLSX export and the deadline sweep.

    .venv/bin/python bench/cases.py [--cases 3000] [--runs 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netral_bench .venv/bin/python bench/cases.py

It builds a fresh database (a temporary SQLite file unless DATABASE_URL is set; the database is
dropped and re-created), loads the demo data, opens N extra cases through the real service
spread over the demo kab/kota, then prints the median time of each request over the runs, the
number of SQL queries, and the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NETRAL_DATA_DIR", tempfile.mkdtemp(prefix="netral-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netral.settings")

REGENCIES = ["16.01", "16.71", "11.74", "35.78", "35.15"]


def _timed(fn: Callable[[], object], runs: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    return statistics.median(times), queries


def _populate(n: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from netral.accounts.models import Institution
    from netral.cases.services import CaseOpening, case_open

    ppk = {i.regency_id: i for i in Institution.objects.filter(kind="pemkab_pemkot")}
    start = timezone.localdate() - dt.timedelta(days=60)
    for i in tqdm(range(n), desc="opening cases", unit="case"):
        regency = REGENCIES[i % len(REGENCIES)]
        with transaction.atomic():
            case_open(
                actor=None,
                opening=CaseOpening(
                    origin="finding",
                    summary=f"Temuan uji beban nomor {i}",
                    incident_regency_id=regency,
                    incident_date=start + dt.timedelta(days=i % 50),
                    subjects=[
                        {
                            "name": f"ASN Uji {i}",
                            "agency_name": "Dinas Uji",
                            "position": "Staf",
                            "ppk_institution": ppk.get(regency),
                        }
                    ],
                ),
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if engine == "postgresql":
        from django.db import connection

        # A clean slate: drop and re-create the schema of the benchmark database.
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from netral.cli import prepare_database

    prepare_database(demo=True, verbosity=0)
    _populate(args.cases)
    if engine == "postgresql":
        from django.db import connection

        # Fresh statistics, as autovacuum would have gathered after a season of cases; without
        # them the planner guesses one row per table and picks nested loops.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    from netral.accounts.models import User
    from netral.accounts.services import token_create
    from netral.cases.models import Case

    national = Client()
    national.force_login(User.objects.get(username="kemendagri"))
    province = Client()
    province.force_login(User.objects.get(username="bawaslu_sumsel"))
    token = token_create(user=User.objects.get(username="bawaslu_ri"))
    api = Client(headers={"Authorization": f"Bearer {token}"})

    def ok(client: Client, url: str) -> Callable[[], object]:
        def call() -> object:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response.content

        return call

    from netral.cases.services.sweep import sweep

    figures = {
        "GET /api/v1/cases (national, page 1)": _timed(ok(api, "/api/v1/cases"), args.runs),
        "GET /api/v1/cases?overdue=true": _timed(ok(api, "/api/v1/cases?overdue=true"), args.runs),
        "register page (province)": _timed(ok(province, "/staf/perkara/"), args.runs),
        "inbox page (province)": _timed(ok(province, "/staf/perkara/kotak-masuk/"), args.runs),
        "compliance dashboard (national)": _timed(
            ok(national, "/staf/perkara/kepatuhan/"), args.runs
        ),
        "XLSX export of the register (national)": _timed(
            ok(national, "/staf/perkara/ekspor.xlsx"), max(1, args.runs // 2)
        ),
        "sweep, nothing new to do": _timed(lambda: sweep(), args.runs),
    }
    total = Case.objects.count()
    print(f"\nNetral case benchmark: {total} cases on {engine}, {args.runs} runs, median")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    for name, (ms, queries) in figures.items():
        print(f"  {name:<42} {ms:9.1f} ms   {queries:4d} queries")


if __name__ == "__main__":
    main()
