"""Benchmark of the insights pages over a national-sized register.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/netral_insights_bench \
        .venv/bin/python bench/insights.py [--cases 100000] [--runs 30] \\
        [--buckets 560000 | --items 10000000]

It drops and re-creates the database's schema, loads the demo, then writes N synthetic cases
spread over all 514 kab/kota (with their clocks, moves, ASN, letters to PPKs and catalogue
items) with bulk inserts, and B monitoring buckets (the pre-aggregated form in which a
monitoring provider hands its items to the summaries: 514 kab/kota x 365 days x 3 measures
stand for a season of millions of posts). It prints, for a national, a provincial and a
kab/kota user, the p50/p95 of the dashboard, the map and the league (and the public page), the
time of a full rebuild of the summaries and of the incremental refresh after 1,000 new events,
and, as the reference in the same run, the same figures computed straight from the case tables
(the compliance page's raw read) and a bare staff page, with the ratios. Each page is timed
cold (no kept figures: every request computes from the summary tables) and warm.

The buckets stand for what the dashboards read of a monitoring season whatever its number of
items (one per measure, kab/kota and day); they do not time counting the items into them. With
--items N (PostgreSQL) the bench writes N monitoring items instead and times the monitoring
provider's full refresh over them and its incremental refresh after 1,000 new items.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import random
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

PATH = [
    "received",
    "preliminary_review",
    "registered",
    "examination",
    "proven",
    "recommended_to_authority",
    "authority_verification",
    "recommended_to_ppk",
    "ppk_decided",
    "executed",
    "closed",
]
WEIGHTS = [15, 10, 10, 15, 5, 5, 5, 15, 10, 5, 5]


def _percentiles(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95


def _institutions() -> tuple[dict[str, Any], dict[str, Any]]:
    """A Bawaslu office and a Pemkab/Pemkot (PPK) for every kab/kota."""
    from netral.accounts.models import Institution, InstitutionKind
    from netral.regions.models import Regency

    have = {(i.kind, i.regency_id): i for i in Institution.objects.exclude(regency=None)}
    new = []
    for r in Regency.objects.all():
        for kind, label in (
            (InstitutionKind.BAWASLU_REGENCY, "Bawaslu"),
            (InstitutionKind.REGENCY_GOVERNMENT, "Pemerintah"),
        ):
            if (kind, r.code) not in have:
                new.append(
                    Institution(
                        kind=kind,
                        name=f"{label} {r.name} (uji)",
                        province_id=r.province_id,
                        regency_id=r.code,
                    )
                )
    Institution.objects.bulk_create(new, ignore_conflicts=True)
    offices, ppks = {}, {}
    for i in Institution.objects.exclude(regency=None):
        if i.kind == InstitutionKind.BAWASLU_REGENCY:
            offices.setdefault(i.regency_id, i)
        elif i.kind == InstitutionKind.REGENCY_GOVERNMENT:
            ppks.setdefault(i.regency_id, i)
    return offices, ppks


def _case_rows(i: int, rng: random.Random, ctx: dict[str, Any]) -> dict[str, list[Any]]:
    from netral.cases.models import (
        Case,
        CaseStage,
        CaseSubject,
        CaseTransition,
        Recommendation,
    )

    regency = ctx["regencies"][i % len(ctx["regencies"])]
    state = rng.choices(PATH, WEIGHTS)[0]
    received = ctx["start"] + dt.timedelta(days=rng.randrange(0, 330))
    case = Case(
        pk=ctx["base"] + i,
        number=f"UJI/{i:06d}",
        origin=rng.choice(["report", "report", "finding", "monitoring"]),
        state=state,
        province_id=regency[:2],
        regency_id=regency,
        incident_province_id=regency[:2],
        incident_regency_id=regency,
        handling_institution=ctx["offices"][regency],
        summary=f"Perkara uji {i}",
        election_id=rng.choice(ctx["elections"]),
        created_at=ctx["now"],
    )
    out: dict[str, list[Any]] = {
        "cases": [case],
        "moves": [],
        "stages": [],
        "subjects": [],
        "letters": [],
        "violations": [],
    }
    day = received
    reached = PATH[: PATH.index(state) + 1]
    for prev, nxt in itertools.pairwise(reached):
        day += dt.timedelta(days=rng.randrange(1, 12))
        out["moves"].append(
            CaseTransition(
                case_id=case.pk,
                from_state=prev,
                to_state=nxt,
                at=ctx["now"],
                data={"date": day.isoformat()},
            )
        )
    out["stages"].append(
        CaseStage(
            case_id=case.pk,
            stage="preliminary_review",
            started=received,
            due=received + dt.timedelta(days=2),
            completed_at=None if state in PATH[:2] else ctx["now"],
        )
    )
    ppk = ctx["ppks"].get(regency)
    for n in range(rng.choice([1, 1, 1, 2, 3])):
        recommended = PATH.index(state) >= PATH.index("recommended_to_ppk")
        decided = PATH.index(state) >= PATH.index("ppk_decided") and rng.random() < 0.9
        out["subjects"].append(
            CaseSubject(
                case_id=case.pk,
                name=f"ASN Uji {i}-{n}",
                ppk_institution=ppk,
                decision_institution=ppk,
                recommended_level="berat" if recommended else "",
                sk_number=f"SK/{i}/{n}" if decided else "",
                sk_date=day if decided else None,
            )
        )
    if state == "recommended_to_ppk":
        out["stages"].append(
            CaseStage(
                case_id=case.pk,
                stage="ppk_follow_up",
                started=day,
                due=day + dt.timedelta(days=14),
                responsible=ppk,
            )
        )
    if PATH.index(state) >= PATH.index("recommended_to_ppk"):
        out["letters"].append(
            Recommendation(
                case_id=case.pk,
                kind="to_ppk",
                addressee=ppk,
                letter_date=day - dt.timedelta(days=3),
            )
        )
    out["violations"].append(
        Case.violations.through(case_id=case.pk, violation_id=rng.choice(ctx["violations"]))
    )
    return out


def _populate(n: int, seed: int = 16) -> None:
    from django.db import transaction
    from django.utils import timezone

    from netral.cases.models import Case, CaseStage, CaseSubject, CaseTransition, Recommendation
    from netral.catalogue.models import Violation
    from netral.elections.models import Election

    rng = random.Random(seed)
    offices, ppks = _institutions()
    ctx = {
        "regencies": sorted(offices),
        "offices": offices,
        "ppks": ppks,
        "elections": list(Election.objects.values_list("pk", flat=True)),
        "violations": list(Violation.objects.values_list("pk", flat=True)),
        "start": timezone.localdate() - dt.timedelta(days=360),
        "now": timezone.now(),
        "base": (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1,
    }
    models = {
        "cases": Case,
        "moves": CaseTransition,
        "stages": CaseStage,
        "subjects": CaseSubject,
        "letters": Recommendation,
        "violations": Case.violations.through,
    }
    chunk = 5000
    for start in tqdm(range(0, n, chunk), desc="synthetic cases", unit="5k cases"):
        rows: dict[str, list[Any]] = {k: [] for k in models}
        for i in range(start, min(n, start + chunk)):
            for key, items in _case_rows(i, rng, ctx).items():
                rows[key] += items
        with transaction.atomic():
            for key, model in models.items():
                model.objects.bulk_create(rows[key], batch_size=2000)


def _buckets(count: int) -> int:
    """Monitoring buckets as a provider would hand them over (the 10M-item season)."""
    from django.db import transaction
    from django.utils import timezone

    from netral.insights.models import MeasureValue
    from netral.regions.models import Regency

    regencies = list(Regency.objects.values_list("code", "province_id"))
    day0 = timezone.localdate() - dt.timedelta(days=365)
    rows, made = [], 0
    measures = ["monitoring.items", "monitoring.relevant", "monitoring.promoted"]
    per_item = {"monitoring.items": 18, "monitoring.relevant": 2, "monitoring.promoted": 0}
    with tqdm(total=count, desc="monitoring buckets", unit="bucket") as bar:
        for d in range(365):
            for code, province in regencies:
                for m in measures:
                    if made >= count:
                        break
                    rows.append(
                        MeasureValue(
                            measure=m,
                            province_id=province,
                            regency_id=code,
                            day=day0 + dt.timedelta(days=d),
                            value=per_item[m] + (d + len(code)) % 7,
                            n=1,
                        )
                    )
                    made += 1
            if len(rows) >= 20000 or made >= count:
                with transaction.atomic():
                    MeasureValue.objects.bulk_create(rows, batch_size=5000)
                bar.update(len(rows))
                rows = []
            if made >= count:
                break
    return made


def _items(count: int, first: int = 0, *, now: bool = False) -> None:
    """`count` synthetic monitoring items written straight into the table (PostgreSQL, one
    INSERT ... SELECT per million: the import pipeline would take hours for ten million), spread
    over every kab/kota and the last 365 days, a tenth of them judged relevant; with now=True
    freshly captured (what an incremental refresh must pick up)."""
    import json

    from django.db import connection
    from django.utils import timezone

    from netral.monitoring.models import Item, Source
    from netral.regions.models import Regency

    source, _new = Source.objects.get_or_create(
        name="bench-insights", defaults={"kind": "file", "description": "bench"}
    )
    codes = list(Regency.objects.order_by("code").values_list("code", flat=True))
    when = (
        "now() - (g %% 3600) * interval '1 second'"
        if now
        else "now() - (g %% 365) * interval '1 day' - (g %% 86400) * interval '1 second'"
    )
    region = "(%(codes)s::text[])[1 + g %% " + str(len(codes)) + "]"
    chosen = {
        "source_id": "%(source)s",
        "platform": "'x'",
        "text": "'unggahan uji ' || g",
        "raw": "'{}'",
        "sha256": "md5(g::text)",
        "seen_at": when,
        "captured_at": when,
        "captured_by_label": "'bench'",
        "province_id": f"left({region}, 2)",
        "regency_id": region,
        "state": "CASE WHEN g %% 10 = 0 THEN 'relevant' ELSE 'new' END",
    }
    columns, values, params = [], [], {"codes": codes, "source": source.pk}
    for f in Item._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.column in chosen:
            columns.append(f.column)
            values.append(chosen[f.column])
        elif not f.null:
            default = f.get_default()
            if isinstance(default, (list, dict)):
                default = json.dumps(default)
            elif callable(default) or default is None:
                default = timezone.now()
            columns.append(f.column)
            values.append(f"%({f.column})s")
            params[f.column] = default
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    # (names and expressions come from the model and the lines above, values are parameters)
    sql = (
        f"INSERT INTO {Item._meta.db_table} ({names}) "  # noqa: S608
        f"SELECT {', '.join(values)} FROM generate_series(%(lo)s, %(hi)s) AS g"
    )
    step = 1_000_000
    with tqdm(total=count, desc="monitoring items", unit="item") as bar:
        for lo in range(first, first + count, step):
            hi = min(first + count, lo + step) - 1
            with connection.cursor() as cursor:
                cursor.execute(sql, {**params, "lo": lo, "hi": hi})
            bar.update(hi - lo + 1)


def _events(n: int) -> None:
    """n new events: cases moved one step by the services' write pattern (state, move, log)."""
    from django.db import transaction
    from django.utils import timezone

    from netral.audit.services import log_action
    from netral.cases.models import Case, CaseTransition

    ids = list(Case.objects.filter(state="received").values_list("pk", flat=True)[:n])
    with transaction.atomic():
        for pk in ids:
            Case.objects.filter(pk=pk).update(state="preliminary_review", updated_at=timezone.now())
            CaseTransition.objects.create(
                case_id=pk, from_state="received", to_state="preliminary_review"
            )
            log_action(
                None, "case.transition", Case(pk=pk, province_id=None), {"to": "preliminary_review"}
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--buckets", type=int, default=514 * 365 * 3)
    parser.add_argument(
        "--items",
        type=int,
        default=0,
        help="write N monitoring items instead of ready buckets (PostgreSQL) and count them "
        "into the summaries with the monitoring area's own provider, timing its full and "
        "incremental refresh",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="time the pages on the database a previous run filled"
    )
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if engine == "postgresql" and not args.reuse:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    from netral.cli import prepare_database
    from netral.insights import measures, public
    from netral.insights.refresh import refresh_all, refresh_cases, refresh_provider, retotal

    if not args.reuse:
        prepare_database(demo=True, verbosity=0)
        _populate(args.cases)
        if args.items:
            _items(args.items)
        else:
            _buckets(args.buckets)

    class Season:  # the buckets above stand for what monitoring would hand over
        area = "monitoring"

        def buckets(self, since: Any) -> list[Any]:
            return []

    if not args.items:
        measures._providers["monitoring"] = Season()
    if engine == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    full_start = time.perf_counter()
    from netral.insights.models import RefreshState

    if not args.reuse:
        RefreshState.objects.all().delete()
        refresh_cases(full=True)
        if not args.items:
            retotal("monitoring")  # the season's day buckets summed per region (MeasureTotal)
    full_s = time.perf_counter() - full_start
    if args.items and not args.reuse:
        start = time.perf_counter()
        made = refresh_provider(measures.providers()["monitoring"], full=True)
        print(
            f"full refresh of the monitoring measures over {args.items:,} items: "
            f"{time.perf_counter() - start:.1f} s ({made:,} buckets)"
        )
    if engine == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    public.publish()
    _report(args, engine, full_s, refresh_all, refresh_cases, Client)


def _report(
    args: Any, engine: str, full_s: float, refresh_all: Any, refresh_cases: Any, client_cls: Any
) -> None:
    from netral.accounts.models import User
    from netral.cases import compliance
    from netral.cases.models import Case
    from netral.insights.models import MeasureValue

    print(
        f"\nmachine: {platform.node()} {platform.machine()} {os.cpu_count()} CPU, "
        f"{platform.python_version()}, {engine} (shared by several engineers: noisy)"
    )
    print(
        f"cases: {Case.objects.count():,}; monitoring buckets: "
        f"{MeasureValue.objects.count():,}; runs per figure: {args.runs}"
    )
    print(f"full rebuild of the summaries: {full_s:.1f} s")
    events_start = time.perf_counter()
    _events(1000)
    made_s = time.perf_counter() - events_start
    start = time.perf_counter()
    rebuilt = refresh_cases()
    print(
        f"refresh after 1,000 new events: {time.perf_counter() - start:.2f} s "
        f"({rebuilt} cases rebuilt; writing the events took {made_s:.1f} s)"
    )

    if args.items:
        from django.db import connection

        from netral.insights import measures
        from netral.insights.refresh import refresh_provider

        with connection.cursor() as cursor:
            cursor.execute("SELECT max(id) FROM monitoring_item")
            top = cursor.fetchone()[0] or 0
        _items(1000, top + 1, now=True)
        start = time.perf_counter()
        made = refresh_provider(measures.providers()["monitoring"])
        print(
            f"refresh of the monitoring measures after 1,000 new items: "
            f"{time.perf_counter() - start:.2f} s ({made:,} buckets replaced)"
        )

    from netral.insights.cache import keep_defaults

    start = time.perf_counter()
    kept_n = keep_defaults()
    print(
        f"computing ahead the unfiltered dashboard and league of every national "
        f"jurisdiction (the refresh job's last step): {time.perf_counter() - start:.1f} s for "
        f"{kept_n} jurisdictions"
    )

    def page(client: Any, url: str) -> Callable[[], object]:
        def call() -> object:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response.content

        return call

    from django.conf import settings

    from netral.accounts.two_factor import SESSION_KEY

    kept = settings.INSIGHTS_CACHE_SECONDS
    print(
        "\ncold: no kept figures (every request computes from the summary tables); "
        "warm: as served, the figures kept since the last refresh (netral.insights.cache; the "
        "refresh job computes the national dashboards and leagues ahead)"
    )
    print(
        f"\n{'user':<16}{'page':<12}{'cold p50':>9}{'cold p95':>9}{'warm p50':>9}"
        f"{'warm p95':>9}{'ref p50':>9}{'ratio':>7}"
    )
    for username in ("kemendagri", "bawaslu_sumsel", "bawaslu_oku"):
        client = client_cls()
        user = User.objects.select_related("institution").get(username=username)
        client.force_login(user)
        if user.two_factor_stamp:  # the session has given its second factor
            session = client.session
            session[SESSION_KEY] = user.two_factor_stamp
            session.save()
        bare50, bare95 = _percentiles(page(client, "/staf/"), args.runs)
        raw50, raw95 = _percentiles(lambda user=user: compliance.follow_up(user), args.runs)
        for name, url, ref in (
            ("dashboard", "/staf/dasbor/", bare50),
            ("map", "/staf/dasbor/peta/", bare50),
            ("league", "/staf/dasbor/liga-ppk/", raw50),
        ):
            settings.INSIGHTS_CACHE_SECONDS = 0
            c50, c95 = _percentiles(page(client, url), args.runs)
            settings.INSIGHTS_CACHE_SECONDS = kept
            p50, p95 = _percentiles(page(client, url), args.runs)
            print(
                f"{username:<16}{name:<12}{c50:>9.0f}{c95:>9.0f}{p50:>9.0f}{p95:>9.0f}"
                f"{ref:>9.0f}{c50 / ref:>7.1f}"
            )
        print(f"{username:<16}{'(bare /staf/)':<12}{bare50:>9.0f}{bare95:>9.0f}")
        print(
            f"{username:<16}{'(raw league)':<12}{raw50:>9.0f}{raw95:>9.0f}"
            "   <- compliance.follow_up over the case tables"
        )
    print("(ratio: cold p50 over the reference p50)")
    anon = client_cls()
    p50, p95 = _percentiles(page(anon, "/transparansi/"), args.runs)
    home50, _h = _percentiles(page(anon, "/"), args.runs)
    print(
        f"{'public':<16}{'/transparansi/':<12}{p50:>9.0f}{p95:>9.0f}{home50:>9.0f}"
        f"{p50 / home50:>7.1f}   (reference: the home page)"
    )
    start = time.perf_counter()
    from netral.insights import public

    public.publish()
    print(f"publishing the public page (scheduled job): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
