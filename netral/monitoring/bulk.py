"""Set-based writes: many rows of one model updated with different values in one statement.

Django's `bulk_update` builds a CASE WHEN per field and row (costly to compile, and slow to
plan for hundreds of rows); `rows_update` sends one `UPDATE ... FROM (VALUES ...)` on
PostgreSQL and one prepared statement for all rows elsewhere (SQLite runs in-process).
Values go through each field's own conversion (JSON, dates), as `save()` would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Field, Model

ROWS = 1000  # rows per statement (PostgreSQL takes at most 65,535 parameters)


def _cast(field: Any) -> str:
    kind = str(field.db_type(connection))
    return "text" if kind.startswith("varchar") else kind


def rows_update(model: type[Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    """Update `fields` of the rows given as (pk, value, ...) tuples; returns the rows sent."""
    if not rows:
        return 0
    meta = model._meta
    pk: Any = meta.pk
    columns: list[Any] = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    pk_column = quote(pk.column)
    names = [quote(f.column) for f in columns]

    def prepared(row: Sequence[Any]) -> list[Any]:
        values = [pk.get_db_prep_save(row[0], connection)]
        values += [f.get_db_prep_save(v, connection) for f, v in zip(columns, row[1:], strict=True)]
        return values

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            casts = [_cast(pk), *(_cast(f) for f in columns)]
            one = "(" + ", ".join(f"%s::{c}" for c in casts) + ")"
            assigns = ", ".join(f"{n} = v.{n}" for n in names)
            aliases = ", ".join([pk_column, *names])
            for start in range(0, len(rows), ROWS):
                part = rows[start : start + ROWS]
                params = [v for row in part for v in prepared(row)]
                values = ", ".join([one] * len(part))
                # Names and casts come from the model's fields, never from input.
                sql = (
                    f"UPDATE {table} SET {assigns} FROM (VALUES {values}) "  # noqa: S608
                    f"AS v({aliases}) WHERE {table}.{pk_column} = v.{pk_column}"
                )
                cursor.execute(sql, params)
        else:
            assigns = ", ".join(f"{n} = %s" for n in names)
            params = []
            for row in rows:
                prep = prepared(row)
                params.append([*prep[1:], prep[0]])
            sql = f"UPDATE {table} SET {assigns} WHERE {pk_column} = %s"  # noqa: S608 (fields)
            cursor.executemany(sql, params)
    return len(rows)


def rows_insert(objs: Sequence[Model]) -> None:
    """Insert new objects of one model and set their primary keys, in their order.

    PostgreSQL: the keys are drawn from the table's sequence in one query and the rows sent
    with COPY (no SQL text to build or parse per value); a unique constraint still refuses a
    duplicate as `IntegrityError`. Elsewhere, `bulk_create`."""
    if not objs:
        return
    model = type(objs[0])
    conn = connections[DEFAULT_DB_ALIAS]
    if conn.vendor != "postgresql":
        model._default_manager.bulk_create(objs, batch_size=ROWS)
        return
    meta = model._meta
    pk: Any = meta.pk
    fields: list[Any] = [f for f in meta.concrete_fields if f is not pk]
    kinds = [(f, _plain_type(f)) for f in fields]
    with conn.wrap_database_errors, conn.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, pk.column, len(objs)],
        )
        ids = sorted(row[0] for row in cursor.fetchall())
        _copy(
            cursor,
            model,
            [pk.column, *(f.column for f in fields)],
            (
                [pk_value, *(_prep(f, plain, obj, conn) for f, plain in kinds)]
                for obj, pk_value in zip(objs, ids, strict=True)
            ),
        )
    for obj, pk_value in zip(objs, ids, strict=True):
        obj.pk = pk_value
        obj._state.adding = False
        obj._state.db = conn.alias


# Fields whose value of this exact Python type (or None) is what the database stores: the
# conversion of `get_db_prep_save` returns it unchanged, and it costs most of the COPY's
# Python time when called for each of an item's 40-odd fields.
_PLAIN = {
    "CharField": str,
    "TextField": str,
    "URLField": str,
    "BooleanField": bool,
    "FloatField": float,
    "IntegerField": int,
    "BigIntegerField": int,
    "PositiveIntegerField": int,
    "SmallIntegerField": int,
    "ForeignKey": int,
}


def _plain_type(field: Any) -> type | None:
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        if field.auto_now or field.auto_now_add:  # computes its value
            return None
    elif type(field).pre_save is not Field.pre_save:  # other fields that compute a value
        return None
    if kind == "ForeignKey":
        target = field.target_field.get_internal_type()
        if target in ("CharField", "SlugField"):  # a code as key (regions)
            return str
        if target not in ("AutoField", "BigAutoField", "IntegerField", "BigIntegerField"):
            return None
    if kind == "DateTimeField" and settings.USE_TZ:
        # An aware datetime goes to PostgreSQL as it is; a naive one takes Django's path
        # (its warning, and the current time zone).
        return _Aware
    return _PLAIN.get(kind)


class _Aware:
    """Stands for "an aware datetime" in `_prep`."""


def _prep(field: Any, plain: type | None, obj: Model, conn: Any) -> Any:
    if plain is not None:
        value = getattr(obj, field.attname)
        if value is None or type(value) is plain:
            return value
        if plain is _Aware and type(value) is dt.datetime and value.tzinfo is not None:
            return value
    return field.get_db_prep_save(field.pre_save(obj, True), conn)


def values_insert(model: type[Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert plain rows (values ready for the database, in the order of `fields`) whose keys
    nobody needs back: COPY on PostgreSQL, `bulk_create` elsewhere."""
    if not rows:
        return
    conn = connections[DEFAULT_DB_ALIAS]
    if conn.vendor != "postgresql":
        names = [model._meta.get_field(f).attname for f in fields]  # type: ignore[union-attr]
        model._default_manager.bulk_create(
            [model(**dict(zip(names, row, strict=True))) for row in rows], batch_size=ROWS
        )
        return
    columns: list[Any] = [model._meta.get_field(f).column for f in fields]  # type: ignore[union-attr]
    with conn.wrap_database_errors, conn.cursor() as cursor:
        _copy(cursor, model, columns, rows)


def _copy(cursor: Any, model: type[Model], columns: Sequence[str], rows: Iterable[Any]) -> None:
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
