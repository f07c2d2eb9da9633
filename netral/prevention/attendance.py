"""Attendance: reading Zoom participant exports and Google Forms / spreadsheet exports (CSV or
XLSX), matching each attendee to the registry by NIP, then e-mail, then name, and on-site QR
check-in by NIP. A name match that is close but not sure is kept as "uncertain" for review.

Zoom's export starts with a meeting block, a blank line, then the participant table; forms
and sheets start with their header. The header row is found by its column names.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from netral.audit.services import log_action
from netral.prevention.models import Attendance, Event
from netral.registry import identifiers, names
from netral.registry.models import Asn

# A name is sure only when it folds to the same key (titles and spelling folded); close
# names are uncertain and wait for review.
SURE, UNSURE = 100.0, 82.0
COUNTERS = {"cocok": "matched", "ragu": "uncertain", "tidak": "unmatched"}
NAME_HEADERS = ("name (original name)", "name", "nama", "nama lengkap", "nama peserta")
EMAIL_HEADERS = ("user email", "email", "e-mail", "alamat email", "surel", "email address")
NIP_HEADERS = ("nip", "nip/ni pppk", "nip / ni pppk", "ni pppk")
_NIP_IN_TEXT = re.compile(r"\b(\d[\d ]{16,24}\d)\b")


class AttendanceFileError(ValueError):
    """The file cannot be read as an attendance list; the message says why and where."""


@dataclass
class Row:
    line: int
    name: str = ""
    email: str = ""
    nip: str = ""


@dataclass(frozen=True)
class LineNote:
    """A line of the file that did not match for sure, and why (the API reports them)."""

    line: int
    match: str
    reason: str


@dataclass
class ImportOutcome:
    matched: int = 0
    uncertain: int = 0
    unmatched: int = 0
    duplicates: int = 0
    skipped: list[str] = field(default_factory=list)
    layout: str = ""
    lines: list[LineNote] = field(default_factory=list)


def _cells(upload: Any, filename: str) -> list[list[str]]:
    data = upload.read()
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise AttendanceFileError(_("Berkas XLSX tidak dapat dibaca.")) from exc
        if sheet is None:
            raise AttendanceFileError(_("Berkas XLSX tidak berisi lembar kerja."))
        return [
            ["" if c is None else str(c).strip() for c in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    delimiter = ","
    with contextlib.suppress(csv.Error):  # too little text to tell: a comma
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _column(header: list[str], names_: tuple[str, ...]) -> int | None:
    lowered = [h.lower().strip() for h in header]
    for wanted in names_:
        if wanted in lowered:
            return lowered.index(wanted)
    return None


def read_rows(upload: Any, filename: str) -> tuple[str, Iterator[Row]]:
    """(layout, rows): layout "zoom" or "sheet"."""
    table = _cells(upload, filename)
    for index, header in enumerate(table):
        name_col = _column(header, NAME_HEADERS)
        nip_col = _column(header, NIP_HEADERS)
        email_col = _column(header, EMAIL_HEADERS)
        if name_col is None and nip_col is None:
            continue
        is_zoom = any(h.lower().startswith(("join time", "name (original name)")) for h in header)

        columns = (name_col, email_col, nip_col)
        return ("zoom" if is_zoom else "sheet"), _rows(table, index + 1, columns)
    raise AttendanceFileError(
        _("Tidak ada baris judul kolom (Nama, NIP atau Email) di berkas ini.")
    )


def _rows(
    table: list[list[str]], start: int, columns: tuple[int | None, int | None, int | None]
) -> Iterator[Row]:
    for number, cells in enumerate(table[start:], start=start + 1):
        name, email, nip = (cells[c] if c is not None and c < len(cells) else "" for c in columns)
        if name or email or nip:
            yield Row(number, name, email, nip)


def _candidates(event: Event) -> list[tuple[int, str]]:
    """ASN a name is matched against: those working in the event's region."""
    where = Q(regency_id=event.regency_id) if event.regency_id else Q(province_id=event.province_id)
    return list(Asn.objects.filter(where).values_list("pk", "name_key"))


def _zoom_name(raw: str) -> str:
    # Zoom names carry extras: "Wulan Sari (Wulan Sari_Disdik OKU)", "Wulan Sari - Disdik".
    plain = raw.split("(")[0]
    return re.split(r"[_|]| - ", plain)[0].strip()


def match_row(
    row: Row, event: Event, pool: list[tuple[int, str]], by_email: dict[str, int]
) -> tuple[int | None, str, str, float]:
    """(asn id, match, matched_by, score)."""
    nip_text = row.nip or next(iter(_NIP_IN_TEXT.findall(row.name)), "")
    if nip_text and not identifiers.nip_problem(nip_text):
        found = (
            Asn.objects.filter(nip=identifiers.normalize(nip_text))
            .values_list("pk", flat=True)
            .first()
        )
        if found:
            return found, Attendance.Match.MATCHED, "nip", 100.0
    if row.email and row.email.lower() in by_email:
        return by_email[row.email.lower()], Attendance.Match.MATCHED, "email", 100.0
    key = names.search_key(_zoom_name(row.name)) if row.name else ""
    if key and pool:
        best = process.extractOne(key, {pk: k for pk, k in pool}, scorer=fuzz.token_sort_ratio)
        if best is not None:
            _key, score, pk = best
            if score >= SURE:
                return int(pk), Attendance.Match.MATCHED, "name", float(score)
            if score >= UNSURE:
                return int(pk), Attendance.Match.UNCERTAIN, "name", float(score)
    return None, Attendance.Match.UNMATCHED, "", 0.0


def _line_reason(row: Row, match: str, score: float) -> str:
    problem = identifiers.nip_problem(row.nip) if row.nip else None
    if problem:
        return _("NIP %(nip)s tidak sah: %(problem)s") % {"nip": row.nip, "problem": problem}
    if match == Attendance.Match.UNCERTAIN:
        return _("Nama mirip (skor %(score)d): periksa di halaman kehadiran.") % {
            "score": round(score)
        }
    return _("Tidak ditemukan di data ASN (menurut NIP, surel, maupun nama).")


@transaction.atomic
def attendance_import(*, actor: Any, event: Event, upload: Any, filename: str) -> ImportOutcome:
    """Read a file and add its attendees to the event. An ASN already recorded for the event
    is counted once (Zoom lists each rejoin as a row)."""
    layout, rows = read_rows(upload, filename)
    pool = _candidates(event)
    by_email = {
        e.lower(): pk
        for pk, e in Asn.objects.exclude(email="")
        .filter(province_id=event.province_id)
        .values_list("pk", "email")
    }
    seen = set(event.attendance.exclude(asn=None).values_list("asn_id", flat=True))
    outcome = ImportOutcome(layout=layout)
    made = []
    for row in rows:
        asn_id, match, how, score = match_row(row, event, pool, by_email)
        if asn_id is not None and asn_id in seen:
            outcome.duplicates += 1
            continue
        if asn_id is not None:
            seen.add(asn_id)
        made.append(
            Attendance(
                event=event,
                asn_id=asn_id,
                raw_name=row.name[:300],
                raw_email=row.email[:200],
                raw_nip=row.nip[:40],
                source=layout,
                line=row.line,
                match=match,
                matched_by=how,
                score=score,
            )
        )
        counter = COUNTERS[match]
        setattr(outcome, counter, getattr(outcome, counter) + 1)
        if match != Attendance.Match.MATCHED:
            outcome.lines.append(LineNote(row.line, match, _line_reason(row, match, score)))
    Attendance.objects.bulk_create(made)
    log_action(
        actor,
        "event.attendance_import",
        event,
        {
            "file": filename[:200],
            "layout": layout,
            "matched": outcome.matched,
            "uncertain": outcome.uncertain,
            "unmatched": outcome.unmatched,
            "duplicates": outcome.duplicates,
        },
        region=(event.province_id, event.regency_id or ""),
    )
    return outcome


@transaction.atomic
def attendance_review(*, actor: Any, attendance: Attendance, accept: bool) -> Attendance:
    """An officer confirms or rejects an uncertain name match."""
    if accept:
        duplicate = Attendance.objects.filter(
            event=attendance.event, asn=attendance.asn, match=Attendance.Match.MATCHED
        ).exists()
        attendance.match = Attendance.Match.UNMATCHED if duplicate else Attendance.Match.MATCHED
        if duplicate:
            attendance.asn = None
    else:
        attendance.match, attendance.asn = Attendance.Match.UNMATCHED, None
    attendance.matched_by = "review"
    attendance.save(update_fields=["match", "asn", "matched_by"])
    log_action(
        actor,
        "event.attendance_review",
        attendance.event,
        {"attendance": attendance.pk, "accepted": accept},
        region=(attendance.event.province_id, attendance.event.regency_id or ""),
    )
    return attendance


@transaction.atomic
def attendance_checkin(*, event: Event, nip: str) -> Attendance | None:
    """On-site QR check-in: the ASN enters their NIP. None when the NIP is not in the registry;
    a second check-in returns the first."""
    found = Asn.objects.filter(nip=identifiers.normalize(nip)).first()
    if found is None:
        return None
    existing = event.attendance.filter(asn=found).first()
    if existing is not None:
        return existing
    made = Attendance.objects.create(
        event=event,
        asn=found,
        raw_nip=found.nip,
        source="checkin",
        match=Attendance.Match.MATCHED,
        matched_by="nip",
        score=100.0,
    )
    from netral.prevention.pacts import asn_actor

    log_action(
        asn_actor(found),
        "event.checkin",
        event,
        {"attendance": made.pk},
        region=(event.province_id, event.regency_id or ""),
    )
    return made
