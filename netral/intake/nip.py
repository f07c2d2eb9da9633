"""Checking the structure of a NIP (legal-notes.md §7).

NIP PNS, 18 digits: YYYYMMDD birth date + YYYYMM first appointment (TMT CPNS) + gender digit
(1 male, 2 female) + 3-digit sequence 001–999. NI PPPK, 18 digits: YYYYMMDD birth date + YYYY
appointment year + "2" + contract count (1–9) + gender digit + sequence.

Only the structure is checked: a NIP that passes may still not exist. The messages name the
part that is wrong, so that a reporter who copied it from a letter can find the typo. The age
window below is a plausibility rule of ours (the notes mark the official one UNCONFIRMED):
nobody is appointed before 17 or after 60.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

MIN_AGE, MAX_AGE = 17, 60


def normalize(raw: str) -> str:
    return re.sub(r"[\s.\-]", "", raw or "")


def _birth_date(digits: str) -> dt.date | None:
    try:
        return dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _check_pns(nip: str, born: dt.date) -> str | None:
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        return _("Digit 13–14 (bulan pengangkatan) harus 01–12, tertulis %(m)s.") % {
            "m": nip[12:14]}
    if not MIN_AGE <= year - born.year <= MAX_AGE:
        return _("Tahun pengangkatan %(y)s (digit 9–12) tidak masuk akal untuk tanggal lahir "
                 "%(b)s.") % {"y": year, "b": born.strftime("%d-%m-%Y")}
    return None


def _check_pppk(nip: str, born: dt.date) -> str | None:
    year = int(nip[8:12])
    if not MIN_AGE <= year - born.year <= MAX_AGE:
        return _("Tahun pengangkatan %(y)s (digit 9–12) tidak masuk akal untuk tanggal lahir "
                 "%(b)s.") % {"y": year, "b": born.strftime("%d-%m-%Y")}
    return None


def _is_pppk(nip: str) -> bool:
    # Digits 13–14 are a month (01–12) in a NIP PNS; in a NI PPPK they are "2" + the contract
    # count 1–9, i.e. 21–29, which is never a month: the two formats cannot be confused.
    return nip[12] == "2" and nip[13] in "123456789"


def nip_problem(raw: str, *, today: dt.date | None = None) -> str | None:
    """None when the NIP is structurally valid, else one sentence naming what is wrong."""
    nip = normalize(raw)
    if not nip:
        return None
    if not nip.isdigit():
        return _("NIP hanya berisi angka; ditemukan huruf atau tanda lain.")
    if len(nip) != 18:
        return _("NIP terdiri dari 18 angka; yang diisi %(n)d angka.") % {"n": len(nip)}
    born = _birth_date(nip)
    if born is None:
        return _("Delapan angka pertama harus tanggal lahir yang sah (TTTTBBHH); %(d)s bukan "
                 "tanggal.") % {"d": nip[:8]}
    today = today or dt.date.today()
    if born > today or today.year - born.year > 100:
        return _("Tanggal lahir %(b)s (digit 1–8) tidak mungkin.") % {
            "b": born.strftime("%d-%m-%Y")}
    if nip[14] not in "12":
        return _("Digit ke-15 (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), tertulis "
                 "%(g)s.") % {"g": nip[14]}
    if nip[15:] == "000":
        return _("Tiga angka terakhir (nomor urut) harus 001–999, tertulis 000.")
    problem = _check_pppk(nip, born) if _is_pppk(nip) else _check_pns(nip, born)
    if problem is None and int(nip[8:12]) > today.year:
        return _("Tahun pengangkatan %(y)s (digit 9–12) belum terjadi.") % {"y": nip[8:12]}
    return problem
