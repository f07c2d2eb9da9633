"""The staging table and the one set-based merge.

Checked rows go into a temporary table (COPY on PostgreSQL, batched inserts on SQLite); the merge
then runs a handful of statements whatever the file's size: create the missing work units, find
the ASN whose fields differ, write one `AsnChange` per differing field, update them, insert the
new ones, and (a full import of one agency) mark the ASN the file no longer lists. Fields whose
column the file lacks are left as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from netral.registry.importer.checks import Record

TABLE = "registry_import_staging"
CHANGED = "registry_import_changed"
COLUMNS = Record._fields
_TYPES = {
    "line": "integer",
    "birth_date": "date",
    "appointment_year": "integer",
    "appointment_month": "integer",
    "agency_id": "integer",
}
# Which ASN fields each file column decides (the NIP decides the rest, once, at creation).
DECIDES: dict[str, tuple[str, ...]] = {
    "name": ("name", "name_plain", "name_key"),
    "agency": ("agency_id",),
    "unit": ("work_unit_id",),
    "position": ("position", "position_kind", "tags"),
    "position_kind": ("position_kind",),
    "rank": ("rank",),
    "region": ("province_id", "regency_id"),
    "status": ("status",),
    "email": ("email",),
}
# Fields whose history is kept (name_key is derived from name and never shown).
HISTORY = (
    "name",
    "name_plain",
    "agency_id",
    "work_unit_id",
    "position",
    "position_kind",
    "tags",
    "rank",
    "province_id",
    "regency_id",
    "status",
    "email",
)


def _pg() -> bool:
    return connection.vendor == "postgresql"


def _distinct(a: str, b: str) -> str:
    return f"{a} IS DISTINCT FROM {b}" if _pg() else f"{a} IS NOT {b}"


def _text(expr: str) -> str:
    return f"CAST({expr} AS {'varchar' if _pg() else 'TEXT'})"


def create() -> None:
    cols = ", ".join(f"{c} {_TYPES.get(c, 'text')}" for c in COLUMNS)
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cur.execute(f"DROP TABLE IF EXISTS {CHANGED}")
        cur.execute(f"CREATE TEMPORARY TABLE {TABLE} ({cols})")


def drop() -> None:
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cur.execute(f"DROP TABLE IF EXISTS {CHANGED}")


def load(records: Sequence[Record]) -> None:
    """Add a batch of checked rows to the staging table."""
    if not records:
        return
    with connection.cursor() as cur:
        if _pg():
            raw = cur.cursor
            with raw.copy(f"COPY {TABLE} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for record in records:
                    copy.write_row(record)
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            cur.executemany(f"INSERT INTO {TABLE} VALUES ({marks})", records)


def index() -> None:
    with connection.cursor() as cur:
        cur.execute(f"CREATE INDEX {TABLE}_nip ON {TABLE} (nip)")
        if _pg():
            cur.execute(f"ANALYZE {TABLE}")


def drop_lines(lines: Iterable[int]) -> None:
    chosen = list(lines)
    with connection.cursor() as cur:
        for start in range(0, len(chosen), 500):
            part = chosen[start : start + 500]
            cur.execute(
                f"DELETE FROM {TABLE} WHERE line IN ({', '.join(['%s'] * len(part))})", part
            )


def _source() -> str:
    """The staged rows with their work unit resolved."""
    return (
        f"(SELECT s.*, w.id AS work_unit_id FROM {TABLE} s LEFT JOIN registry_workunit w "
        f"ON w.agency_id = s.agency_id AND w.name_key = s.unit_key AND s.unit_key <> '')"
    )


def merge(
    *,
    provided: set[str],
    run_id: int | None,
    actor_id: int | None,
    actor_label: str,
    now: dt.datetime,
    full_agency_id: int | None,
    staged: int,
) -> dict[str, int]:
    """Merge the `staged` rows into the registry; call inside a transaction."""
    fields = [f for column in sorted(provided) for f in DECIDES.get(column, ())]
    fields = list(dict.fromkeys(fields))
    counts: dict[str, int] = {}
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO registry_workunit (agency_id, name, name_key) "
            f"SELECT agency_id, MIN(unit_name), unit_key FROM {TABLE} s WHERE unit_key <> '' "
            "AND NOT EXISTS (SELECT 1 FROM registry_workunit w WHERE w.agency_id = s.agency_id "
            "AND w.name_key = s.unit_key) GROUP BY agency_id, unit_key"
        )
        counts["units_created"] = max(cur.rowcount, 0)
        differs = " OR ".join([_distinct(f"a.{f}", f"src.{f}") for f in fields] + ["NOT a.listed"])
        picked = ", ".join(f"src.{f}" for f in fields)
        cur.execute(
            f"CREATE TEMPORARY TABLE {CHANGED} AS SELECT a.id AS asn_id, a.listed "
            f"AS was_listed{', ' + picked if picked else ''} FROM {_source()} src "
            f"JOIN registry_asn a ON a.nip = src.nip WHERE {differs}"
        )
        history = [f for f in HISTORY if f in fields]
        audit = [now, run_id, actor_id, actor_label]
        for f in history:
            cur.execute(
                "INSERT INTO registry_asnchange (asn_id, at, run_id, actor_id, actor_label, "
                f"field, old, new) SELECT c.asn_id, %s, %s, %s, %s, '{f}', "
                f"{_text('a.' + f)}, {_text('c.' + f)} FROM {CHANGED} c JOIN registry_asn a "
                f"ON a.id = c.asn_id WHERE {_distinct('a.' + f, 'c.' + f)}",
                audit,
            )
        cur.execute(
            "INSERT INTO registry_asnchange (asn_id, at, run_id, actor_id, actor_label, field, "
            f"old, new) SELECT asn_id, %s, %s, %s, %s, 'listed', '0', '1' FROM {CHANGED} "
            "WHERE NOT was_listed",
            audit,
        )
        sets = ", ".join([f"{f} = c.{f}" for f in fields] + ["listed = %s", "updated_at = %s"])
        cur.execute(
            f"UPDATE registry_asn SET {sets} FROM {CHANGED} c WHERE registry_asn.id = c.asn_id",
            [True, now],
        )
        counts["updated"] = max(cur.rowcount, 0)
        counts["created"] = _insert_new(cur, now, staged)
        counts["deactivated"] = (
            _unlist_missing(cur, full_agency_id, audit) if full_agency_id is not None else 0
        )
        cur.execute(f"DROP TABLE IF EXISTS {CHANGED}")
    return counts


NEW_COLUMNS = (
    "nip",
    "employment_type",
    "name",
    "name_plain",
    "name_key",
    "birth_date",
    "gender",
    "appointment_year",
    "appointment_month",
    "agency_id",
    "work_unit_id",
    "position",
    "position_kind",
    "tags",
    "rank",
    "province_id",
    "regency_id",
    "status",
    "email",
)


# The name search's GIN indexes (migrations 0002, 0003): costly to keep row by row, cheap to build.
SEARCH_INDEXES = ("registry_asn_name_trgm", "registry_asn_name_words")
REBUILD_FROM = 10_000  # staged rows from which rebuilding them may pay


def register_estimate(cur: Any) -> float:
    """The planner's row estimate of the register: instant, where count(*) of millions is not."""
    cur.execute("SELECT reltuples FROM pg_class WHERE relname = 'registry_asn' AND relkind = 'r'")
    return max((cur.fetchone() or (0,))[0], 0)


def _rebuilt_search_indexes(cur: Any, staged: int) -> list[str]:
    """On PostgreSQL, when the staged rows outnumber the register (a first load, a new
    province), drop the search indexes and return their definitions to build again after the
    insert: building a GIN index once is several times faster than growing it row by row.
    Inside the merge's transaction, so a failed or dry run puts them back as they were."""
    if not _pg():
        return []
    if staged < REBUILD_FROM or staged <= register_estimate(cur):
        return []
    cur.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'registry_asn' "
        "AND indexname = ANY(%s)",
        [list(SEARCH_INDEXES)],
    )
    found = cur.fetchall()
    for name, _definition in found:
        cur.execute(f"DROP INDEX {name}")
    return [definition for _name, definition in found]


def _insert_new(cur: Any, now: dt.datetime, staged: int) -> int:
    cols = ", ".join(NEW_COLUMNS)
    picked = ", ".join(f"src.{c}" for c in NEW_COLUMNS)
    rebuild = _rebuilt_search_indexes(cur, staged)
    cur.execute(
        f"INSERT INTO registry_asn ({cols}, listed, created_at, updated_at) "
        f"SELECT {picked}, %s, %s, %s FROM {_source()} src WHERE NOT EXISTS "
        "(SELECT 1 FROM registry_asn a WHERE a.nip = src.nip)",
        [True, now, now],
    )
    created = max(cur.rowcount, 0)
    if rebuild:
        # The insert's deferred foreign-key checks run now: an index cannot be built on a
        # table with pending trigger events.
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for definition in rebuild:
            cur.execute(definition)
        cur.execute("SET CONSTRAINTS ALL DEFERRED")
    return created


def _unlist_missing(cur: Any, agency_id: int, audit: list[Any]) -> int:
    missing = (
        f"agency_id = %s AND listed = %s AND NOT EXISTS (SELECT 1 FROM {TABLE} s "
        "WHERE s.nip = registry_asn.nip)"
    )
    cur.execute(
        "INSERT INTO registry_asnchange (asn_id, at, run_id, actor_id, actor_label, field, old, "
        f"new) SELECT id, %s, %s, %s, %s, 'listed', '1', '0' FROM registry_asn WHERE {missing}",
        [*audit, agency_id, True],
    )
    cur.execute(
        f"UPDATE registry_asn SET listed = %s, updated_at = %s WHERE {missing}",
        [False, audit[0], agency_id, True],
    )
    return max(cur.rowcount, 0)
