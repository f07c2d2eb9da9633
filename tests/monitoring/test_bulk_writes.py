"""Set-based writes: a batch taken in and a chunk scored cost the same number of queries
whatever their size (no query per item), and the bulk update stores each field as `save()`
would."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from netral.monitoring import scoring
from netral.monitoring.bulk import rows_update
from netral.monitoring.formats import Problem, build
from netral.monitoring.ingest import items_ingest
from netral.monitoring.models import Item, Source, SourceKind
from tests.monitoring.conftest import POST, post

pytestmark = pytest.mark.django_db


def test_rows_update_stores_json_dates_and_empty_keys_per_row(
    make_items: Callable[..., list[Any]],
) -> None:
    a, b = make_items([post(1), post(2)])
    when = dt.datetime(2024, 10, 1, 8, 0, tzinfo=dt.UTC)
    rows_update(
        Item,
        ["label", "score", "violations", "evidence", "scored_at", "election"],
        [
            (a.pk, "pelanggaran", 0.875, ["kampanye"], [{"kata": "dukung"}], when, None),
            (b.pk, "netral", 0.125, [], [], None, None),
        ],
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.label, a.score, a.violations, a.evidence) == (
        "pelanggaran",
        0.875,
        ["kampanye"],
        [{"kata": "dukung"}],
    )
    assert a.scored_at == when and a.election_id is None
    assert (b.label, b.score, b.violations, b.scored_at) == ("netral", 0.125, [], None)
    assert a.text == post(1)["text"]  # fields not named are left alone


def _records(rows: list[dict[str, Any]]) -> list[Any]:
    out = []
    for n, row in enumerate(rows, start=1):
        record = build(n, json.dumps(row), row)
        assert not isinstance(record, Problem)
        out.append(record)
    return out


def _ingest_queries(rows: list[dict[str, Any]]) -> int:
    source, _ = Source.objects.get_or_create(name="massal", defaults={"kind": SourceKind.FILE})
    records = _records(rows)
    with CaptureQueriesContext(connection) as ctx:
        outcome = items_ingest(source=source, records=records, actor=None, score=False)
    assert len(outcome.created) == len(rows)
    return len(ctx.captured_queries)


def test_taking_in_copies_costs_the_same_queries_for_few_as_for_many() -> None:
    # Copies of one caption (a cluster to join), by new authors, as a campaign reposts.
    def copies(start: int, end: int) -> list[dict[str, Any]]:
        return [post(n, author_handle=f"a{n}", text=POST + " !" * n) for n in range(start, end)]

    _ingest_queries(copies(1, 3))  # the cluster
    few = _ingest_queries(copies(3, 5))
    many = _ingest_queries(copies(5, 20))  # one INSERT on SQLite too (999 parameters)
    assert many == few
    clustered = Item.objects.filter(source__name="massal", cluster__isnull=False)
    assert clustered.count() == 19 and len({i.cluster_id for i in clustered}) == 1
    assert clustered.filter(primary=True).count() == 1


def test_scoring_a_chunk_costs_the_same_queries_for_few_items_as_for_many(
    make_items: Callable[..., list[Any]],
) -> None:
    def queries(n: int, start: int) -> int:
        items = make_items([post(i, text=f"Apel pagi ke-{i} di kantor") for i in range(start, n)])
        Item.objects.filter(pk__in=[i.pk for i in items]).update(scored_version="")
        chunk = scoring.ScanChunk.objects.create(
            first_id=items[0].pk, last_id=items[-1].pk, version=scoring.model_version()
        )
        with CaptureQueriesContext(connection) as ctx:
            assert scoring.chunk_score(chunk.pk) == len(items)
        return len(ctx.captured_queries)

    assert queries(4, 1) == queries(104, 4)
    assert not Item.objects.filter(scored_at__isnull=True).exists()
    last = Item.objects.latest("scored_at").scored_at
    assert last is not None and timezone.now() >= last


def test_rows_insert_sets_keys_in_order_and_refuses_a_stored_post(
    make_items: Callable[..., list[Any]],
) -> None:
    from django.db import IntegrityError, transaction

    from netral.monitoring.bulk import rows_insert

    (first,) = make_items([post(1)])

    def item(external_id: str) -> Item:
        return Item(
            source=first.source,
            platform="facebook",
            external_id=external_id,
            text="teks",
            raw="{}",
            sha256="0" * 64,
            captured_by_label="tes",
        )

    rows = [item("baru-1"), item("baru-2")]
    rows_insert(rows)
    assert rows[0].pk < rows[1].pk
    assert Item.objects.get(pk=rows[1].pk).external_id == "baru-2"
    with pytest.raises(IntegrityError), transaction.atomic():
        rows_insert([item("baru-3"), item(first.external_id)])
    assert not Item.objects.filter(external_id="baru-3").exists()  # all or nothing


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plan")
def test_a_batch_looks_its_duplicates_up_through_the_partial_unique_indexes() -> None:
    from netral.monitoring.ingest import stored_by_id, stored_by_url

    # More than 100 values: PostgreSQL no longer proves "IN (...)" implies the index's
    # condition by itself, and a table of a million items would be read whole per batch.
    keys = [("facebook", f"fb-{n}") for n in range(300)]
    urls = [f"facebook.com/akun/posts/{n}" for n in range(300)]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        by_id = stored_by_id(keys).values_list("pk").explain()
        by_url = stored_by_url(urls).values_list("pk").explain()
    assert "monitoring_item_external_id" in by_id, by_id
    assert "monitoring_item_canonical_url" in by_url, by_url


def test_joining_a_cluster_costs_the_same_queries_however_large_it_is() -> None:
    # Two campaign captions reposted; one cluster grows to 40 items, the other stays at 3.
    def copies(caption: str, start: int, end: int) -> list[dict[str, Any]]:
        return [
            post(n, author_handle=f"a{n}", text=caption + " !" * (n % 7)) for n in range(start, end)
        ]

    other = "Ayo dukung pasangan nomor dua demi kemajuan daerah kita bersama sekarang"
    _ingest_queries(copies(POST, 1, 40))
    _ingest_queries(copies(other, 100, 103))
    with CaptureQueriesContext(connection) as ctx:
        large = _ingest_queries(copies(POST, 200, 205))
    small = _ingest_queries(copies(other, 300, 305))
    assert large == small
    # New members are inserted in their place: no update rewrites them after the insert.
    updates = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("UPDATE")]
    assert not any("monitoring_item" in sql for sql in updates), updates
    for caption, size in ((POST, 44), (other, 8)):
        members = Item.objects.filter(text__startswith=caption[:30])
        assert members.count() == size and members.exclude(cluster__isnull=False).count() == 0
        assert len({i.cluster_id for i in members}) == 1
        assert list(members.filter(primary=True).values_list("pk", flat=True)) == [
            members.order_by("pk")[0].pk
        ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plan")
def test_a_batch_finds_cluster_heads_through_the_heads_index() -> None:
    from netral.monitoring.clusters import _HEADS_SQL

    # A batch touches hundreds of clusters: one probe each for its head, never every member
    # nor the whole table (the plan must not depend on fresh statistics).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + _HEADS_SQL, [list(range(1, 300))])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "monitoring_item_cluster_head" in plan and "Limit" in plan, plan


def test_cluster_heads_are_the_oldest_primary_item_of_each_cluster() -> None:
    from netral.monitoring.clusters import heads_of

    def copies(caption: str, start: int, end: int) -> list[dict[str, Any]]:
        return [post(n, author_handle=f"a{n}", text=caption + " !" * n) for n in range(start, end)]

    _ingest_queries(copies(POST, 1, 6))
    _ingest_queries(copies("Ayo dukung pasangan nomor dua demi kemajuan daerah kita", 10, 14))
    clustered = Item.objects.filter(source__name="massal").exclude(cluster=None).order_by("pk")
    expected: dict[int, tuple[int, str]] = {}
    for item in clustered:
        assert item.cluster_id is not None
        expected.setdefault(item.cluster_id, (item.pk, item.state))
    Item.objects.filter(pk=clustered[0].pk).update(state="relevant")
    first = clustered[0].cluster_id
    assert first is not None
    expected[first] = (expected[first][0], "relevant")
    assert len(expected) == 2
    assert heads_of(set(expected) | {10**9}) == expected


def test_rows_insert_stores_each_field_as_save_would(
    make_items: Callable[..., list[Any]],
) -> None:
    from netral.monitoring.bulk import rows_insert

    (first,) = make_items([post(1)])
    when = dt.datetime(2024, 10, 1, 8, 0, tzinfo=dt.UTC)
    values: dict[str, Any] = {
        "source": first.source,
        "platform": "x",
        "external_id": "lengkap-1",
        "url": "https://x.com/a/status/1",
        "canonical_url": "x.com/a/status/1",
        "text": "teks lengkap",
        "posted_at": when,
        "media": ["https://x.com/a.jpg"],
        "counts": {"likes": 3},
        "raw": "{}",
        "sha256": "0" * 64,
        "captured_by_label": "tes",
        "province_id": "16",
        "regency_id": "16.01",
        "tied": True,
        "score": 0.5,
        "cluster": None,
        "primary": False,
        "state": "relevant",
    }
    inserted, saved = Item(**values), Item(**{**values, "external_id": "lengkap-2", "url": ""})
    saved.canonical_url = ""
    rows_insert([inserted])
    saved.save()
    names = [f.attname for f in Item._meta.concrete_fields if f.attname not in ("id",)]
    a = Item.objects.filter(pk=inserted.pk).values(*names).get()
    b = Item.objects.filter(pk=saved.pk).values(*names).get()
    differ = {n for n in names if a[n] != b[n]}
    assert differ <= {"external_id", "url", "canonical_url", "captured_at", "seen_at"}, differ
    assert a["posted_at"] == when and a["media"] == ["https://x.com/a.jpg"]
    assert a["province_id"] == "16" and a["tied"] is True and a["primary"] is False


def test_accounts_are_found_by_platform_and_handle_together() -> None:
    from netral.monitoring.accounts import accounts_for
    from netral.monitoring.models import Account

    rows = [
        post(1, platform="facebook", author_handle="sama"),
        post(2, platform="x", author_handle="sama"),
        post(3, platform="x", author_handle="lain"),
    ]
    first = accounts_for(_records(rows[:2]))
    again = accounts_for(_records(rows))  # two stored, one new
    assert set(again) == {("facebook", "sama"), ("x", "sama"), ("x", "lain")}
    assert {k: a.pk for k, a in first.items()} == {
        k: again[k].pk for k in (("facebook", "sama"), ("x", "sama"))
    }
    assert again[("x", "sama")].pk != again[("facebook", "sama")].pk
    assert Account.objects.filter(handle__in=["sama", "lain"]).count() == 3


def _import(n: int, start: int = 0) -> Any:
    import io

    from netral.monitoring.importer import file_import

    source, _ = Source.objects.get_or_create(name="berkas", defaults={"kind": SourceKind.FILE})
    lines = b"\n".join(json.dumps(post(k)).encode() for k in range(start, start + n))
    return file_import(
        actor=None, source=source, stream=io.BytesIO(lines), name="x.jsonl", score=False
    )


def _reltuples(table: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return float(cursor.fetchone()[0])


def test_a_file_import_analyses_the_tables_it_fills_each_time_they_double(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netral.monitoring import importer

    sizes: list[int] = []
    analyse = importer.tables_analyze

    def counting(models: Any) -> None:
        assert Item in models and importer.ItemBand in models
        sizes.append(Item.objects.count())
        analyse(models)

    monkeypatch.setattr(importer, "BATCH", 10)
    monkeypatch.setattr(importer, "tables_analyze", counting)
    Item.objects.all().delete()  # (the demo's): an import into an empty table
    if connection.vendor == "postgresql":
        analyse((Item,))  # counted empty, whatever earlier tests left in the statistics
    assert _import(100).created == 100
    if connection.vendor != "postgresql":
        assert sizes == []  # SQLite plans without statistics of this kind
        return
    # After the first batch into the empty table, then whenever it doubled since.
    assert sizes == [10, 20, 40, 80]
    # A real ANALYZE: the planner now counts the 80 items of the last one (its own
    # transaction's rows included), not the empty table of before the import.
    assert _reltuples(Item._meta.db_table) == 80
    assert _reltuples(importer.ItemBand._meta.db_table) > 0
    sizes.clear()
    assert _import(100).created == 0  # all duplicates: nothing grew, nothing to analyse
    assert sizes == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's commit setting")
def test_only_a_file_import_commits_without_waiting_for_the_wal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netral.monitoring import ingest

    seen: list[str] = []
    insert = ingest.rows_insert

    def watching(rows: Any) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            seen.append(cursor.fetchone()[0])
        insert(rows)

    monkeypatch.setattr(ingest, "rows_insert", watching)
    # The API and capture paths: their caller is told the items are stored.
    source, _ = Source.objects.get_or_create(name="api", defaults={"kind": SourceKind.API})
    items_ingest(source=source, records=_records([post(1)]), actor=None, score=False)
    assert seen == ["on"]
    _import(3, start=10)  # a file import, re-runnable batch by batch
    assert seen == ["on", "off"]


def test_deleting_items_deletes_their_band_keys_without_a_database_constraint() -> None:
    from netral.monitoring.models import ItemBand
    from netral.monitoring.retention import items_expire

    # Copies of one caption, each with its band keys.
    _ingest_queries([post(n, author_handle=f"a{n}", text=POST + " !" * n) for n in range(1, 4)])
    mine = Item.objects.filter(source__name="massal")
    ids = list(mine.values_list("pk", flat=True))
    assert ItemBand.objects.filter(item_id__in=ids).count() >= 3
    mine.filter(pk=ids[0]).delete()
    assert not ItemBand.objects.filter(item_id=ids[0]).exists()
    # Retention deletes items in bulk: their keys go with them.
    assert items_expire(today=timezone.localdate() + dt.timedelta(days=10_000)) >= 2
    assert not ItemBand.objects.filter(item_id__in=ids).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plan")
def test_columns_empty_for_most_items_are_found_through_their_partial_indexes() -> None:
    when = timezone.now()
    queries = {
        "monitoring_item_batch": Item.objects.filter(batch=7),
        "monitoring_item_case": Item.objects.filter(case_id__in=[1, 2]),
        "monitoring_item_captured_by": Item.objects.filter(captured_by=3),
        "monitoring_item_triaged_set": Item.objects.filter(triaged_at__gte=when),
    }
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table is read whole
        for index, query in queries.items():
            assert re.search(rf"\b{index}\b", query.explain()), index
        # The dashboards' "promoted" count and "changed since" query.
        promoted = Item.objects.filter(case__isnull=False).explain()
        assert re.search(r"\bmonitoring_item_case\b", promoted)
        since = Item.objects.filter(
            Q(captured_at__gte=when) | Q(triaged_at__gte=when) | Q(scored_at__gte=when)
        )
        assert "monitoring_item_triaged_set" in since.explain()
    # Not the full indexes of before, whose names these begin.
    assert not Item.objects.filter(batch=7).explain().count("batch_id_")
