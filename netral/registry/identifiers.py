"""The NIP PNS and the NI PPPK: checking their structure and reading what they encode
(legal-notes.md §7). One rule, used by the registry import, the public report form and the API.

NIP PNS, 18 digits: YYYYMMDD birth date + YYYYMM first appointment (TMT CPNS) + gender digit
(1 male, 2 female) + 3-digit sequence 001–999. NI PPPK, 18 digits: YYYYMMDD birth date + YYYY
appointment year + "2" + contract count (1–9) + gender digit + sequence.

Only the structure is checked: a NIP that passes may still not exist. The messages name the
part that is wrong, so that someone who copied it from a letter can find the typo. The age
window is a plausibility rule of ours (the notes mark the official one UNCONFIRMED): nobody is
appointed before 17 or after 60.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

MIN_AGE, MAX_AGE = 17, 60
PNS, PPPK = "pns", "pppk"
MALE, FEMALE = "L", "P"

_SEPARATORS = re.compile(r"[\s.\-]")


def normalize(raw: str) -> str:
    """The NIP without the spaces, dots and dashes people write in it."""
    return _SEPARATORS.sub("", raw or "")


@dataclass(frozen=True)
class NipFacts:
    """What a structurally valid NIP says about its holder."""

    nip: str
    employment_type: str  # PNS or PPPK
    birth_date: dt.date
    gender: str  # MALE or FEMALE
    appointment_year: int
    appointment_month: int | None  # a NI PPPK carries only the year
    contracts: int | None  # PPPK only: the number of work contracts


def _birth_date(digits: str) -> dt.date | None:
    try:
        return dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def is_pppk(nip: str) -> bool:
    # Digits 13–14 are a month (01–12) in a NIP PNS; in a NI PPPK they are "2" + the contract
    # count 1–9, i.e. 21–29, which is never a month: the two formats cannot be confused.
    return nip[12] == "2" and nip[13] in "123456789"


def _implausible_age(year: int, born: dt.date) -> str | None:
    if MIN_AGE <= year - born.year <= MAX_AGE:
        return None
    return _(
        "Tahun pengangkatan %(y)s (digit 9–12) tidak masuk akal untuk tanggal lahir %(b)s."
    ) % {"y": year, "b": born.strftime("%d-%m-%Y")}


def _structure_problem(nip: str, today: dt.date) -> str | None:
    if not nip.isdigit():
        return _("NIP hanya berisi angka; ditemukan huruf atau tanda lain.")
    if len(nip) != 18:
        return _("NIP terdiri dari 18 angka; yang diisi %(n)d angka.") % {"n": len(nip)}
    born = _birth_date(nip)
    if born is None:
        return _(
            "Delapan angka pertama harus tanggal lahir yang sah (TTTTBBHH); %(d)s bukan tanggal."
        ) % {"d": nip[:8]}
    if born > today or today.year - born.year > 100:
        return _("Tanggal lahir %(b)s (digit 1–8) tidak mungkin.") % {
            "b": born.strftime("%d-%m-%Y")
        }
    if nip[14] not in "12":
        return _(
            "Digit ke-15 (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), tertulis %(g)s."
        ) % {"g": nip[14]}
    if nip[15:] == "000":
        return _("Tiga angka terakhir (nomor urut) harus 001–999, tertulis 000.")
    year = int(nip[8:12])
    if not is_pppk(nip) and not 1 <= int(nip[12:14]) <= 12:
        return _("Digit 13–14 (bulan pengangkatan) harus 01–12, tertulis %(m)s.") % {
            "m": nip[12:14]
        }
    problem = _implausible_age(year, born)
    if problem is None and year > today.year:
        return _("Tahun pengangkatan %(y)s (digit 9–12) belum terjadi.") % {"y": nip[8:12]}
    return problem


def nip_problem(raw: str, *, today: dt.date | None = None) -> str | None:
    """None when the NIP is structurally valid (or empty), else one sentence naming what is
    wrong."""
    nip = normalize(raw)
    if not nip:
        return None
    return _structure_problem(nip, today or timezone.localdate())


def decode(raw: str, *, today: dt.date | None = None) -> NipFacts:
    """The facts a valid NIP encodes; ValueError (with the reason) when it is not valid."""
    nip = normalize(raw)
    problem = _structure_problem(nip, today or timezone.localdate()) if nip else _("NIP kosong.")
    if problem is not None:
        raise ValueError(problem)
    born = _birth_date(nip)
    assert born is not None
    pppk = is_pppk(nip)
    return NipFacts(
        nip=nip,
        employment_type=PPPK if pppk else PNS,
        birth_date=born,
        gender=MALE if nip[14] == "1" else FEMALE,
        appointment_year=int(nip[8:12]),
        appointment_month=None if pppk else int(nip[12:14]),
        contracts=int(nip[13]) if pppk else None,
    )
