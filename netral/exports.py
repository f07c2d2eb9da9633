"""Spreadsheet files that leave the system (XLSX and CSV): user text is written as text.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel and LibreOffice (a reporter's "ASN name" `=HYPERLINK(...)` would become a live link in
an officer's register). Every export goes through these writers, so none can forget it:
- XLSX: every string is a string cell (openpyxl would otherwise store `=...` as a formula) and
  one that starts like a formula carries Excel's quote prefix, so that editing the cell keeps it
  text; the value itself is unchanged.
- CSV has no cell types: such a value gets a leading apostrophe (OWASP's advice), which the
  spreadsheet shows and the reader understands.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def looks_like_formula(value: str) -> bool:
    # Leading spaces do not stop a spreadsheet from reading " =1+1" as a formula.
    return value.lstrip(" ").startswith(FORMULA_STARTS)


def neutralise(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would evaluate gets a leading apostrophe."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def xlsx_row(sheet: WriteOnlyWorksheet, row: Iterable[Any]) -> list[Any]:
    """The cells of one row of a write-only sheet, every string a text cell."""
    cells: list[Any] = []
    for value in row:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            if looks_like_formula(value):
                cell.quotePrefix = True
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def xlsx_append(sheet: WriteOnlyWorksheet, row: Iterable[Any]) -> None:
    sheet.append(xlsx_row(sheet, row))


def xlsx_bytes(sheets: Iterable[tuple[str, Iterable[Sequence[Any]]]]) -> bytes:
    """A workbook of (title, rows) sheets."""
    wb = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = wb.create_sheet(title[:31])
        for row in rows:
            xlsx_append(sheet, row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_row(row: Iterable[Any]) -> list[Any]:
    return ["" if v is None else neutralise(v if isinstance(v, str) else str(v)) for v in row]


def csv_write(out: Any, rows: Iterable[Sequence[Any]], *, bom: bool = True) -> None:
    """Rows into a text stream (a StringIO, an HttpResponse). The byte-order mark makes
    spreadsheet programs read the file as UTF-8."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(csv_row(row))


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    csv_write(out, rows)
    return out.getvalue().encode()
