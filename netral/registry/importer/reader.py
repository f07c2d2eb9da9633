"""Reading a registry file row by row (never whole): CSV in UTF-8 or Windows-1252 with a comma,
semicolon or tab, or the first sheet of an XLSX workbook.

Each row comes with its line in the file (the header is line 1) so that every refusal can name
it, and the reader tells how far it got (bytes for CSV, rows for XLSX) for the progress bar.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"


class FileProblem(ValueError):
    """The file cannot be read as a registry file at all (nothing is imported)."""


class Source:
    """An open registry file: `header`, then `rows()` as (line, cells); `done`/`total` for
    progress in one unit (bytes or rows)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.total = 0
        self.done = 0
        self.header: list[Any] = []
        self._rows: Iterator[tuple[int, list[Any]]] = iter(())
        self._closers: list[Any] = []
        try:
            with path.open("rb") as probe:
                head = probe.read(65536)
        except OSError as exc:
            raise FileProblem(
                _("Berkas tidak dapat dibuka: %(e)s.") % {"e": exc.strerror or exc}
            ) from exc
        self.is_xlsx = head.startswith(XLSX_MAGIC)
        if self.is_xlsx:
            self._open_xlsx()
        else:
            self._open_csv(head)
        try:
            first = next(self._rows)
        except StopIteration:
            raise FileProblem(_("Berkas kosong: tidak ada baris judul.")) from None
        self.header = first[1]

    def _open_csv(self, head: bytes) -> None:
        if b"\x00" in head:
            raise FileProblem(_("Berkas bukan CSV maupun XLSX (isi biner)."))
        try:
            head.decode("utf-8")
            encoding = "utf-8-sig"
        except UnicodeDecodeError as exc:
            # A cut multi-byte character at the end of the probe is still UTF-8.
            encoding = "utf-8-sig" if exc.start > len(head) - 4 else "cp1252"
        binary = self.path.open("rb")
        self.total = self.path.stat().st_size
        text = io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")
        self._closers.append(text)
        sample = head.decode(encoding.replace("-sig", ""), errors="replace")
        first_line = sample.splitlines()[0] if sample else ""
        delimiter = max(",;\t|", key=first_line.count)
        reader = csv.reader(text, delimiter=delimiter)
        self._rows = self._csv_rows(reader, binary)

    def _csv_rows(self, reader: Any, binary: IO[bytes]) -> Iterator[tuple[int, list[Any]]]:
        line = 1
        for count, cells in enumerate(reader, start=1):
            if count % 256 == 0:
                self.done = binary.tell()
            if any(c.strip() for c in cells):
                yield line, cells
            line = reader.line_num + 1
        self.done = self.total

    def _open_xlsx(self) -> None:
        from openpyxl import load_workbook

        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:
            raise FileProblem(
                _("Berkas XLSX tidak dapat dibaca (%(e)s).") % {"e": type(exc).__name__}
            ) from exc
        self._closers.append(book)
        sheet = book.worksheets[0]
        self.total = int(sheet.max_row or 0)
        self._rows = self._xlsx_rows(sheet)

    def _xlsx_rows(self, sheet: Any) -> Iterator[tuple[int, list[Any]]]:
        for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            self.done = line
            values = list(cells)
            if any(v is not None and str(v).strip() for v in values):
                yield line, values
        self.done = self.total

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        return self._rows

    def close(self) -> None:
        for closer in self._closers:
            closer.close()
        self._closers.clear()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
