"""Set-based writes: many rows of one model updated with different values in one statement.

Django's `bulk_update` builds a CASE WHEN per field and row (costly to compile, and slow to
plan for hundreds of rows); `rows_update` sends one `UPDATE ... FROM (VALUES ...)` on
PostgreSQL and one prepared statement for all rows elsewhere (SQLite runs in-process).
Values go through each field's own conversion (JSON, dates), as `save()` would.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model

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
