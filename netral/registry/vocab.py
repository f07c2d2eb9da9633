"""The registry's closed vocabularies and how the words agencies write map onto them.

Agencies export "Fungsional Tertentu", "JFT", "III/a", "3A", "Penata Muda", "PNS AKTIF"; the
import reads each through the tables below, and the position kind and tags fall back to what
the position title says ("Camat Baturaja Timur" is an administrator with the tag camat).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmploymentType(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class PositionKind(models.TextChoices):
    JPT = "jpt", _("Jabatan pimpinan tinggi (JPT)")
    ADMINISTRATOR = "administrator", _("Administrator")
    SUPERVISOR = "pengawas", _("Pengawas")
    FUNCTIONAL = "fungsional", _("Fungsional")
    EXECUTIVE = "pelaksana", _("Pelaksana")


class Status(models.TextChoices):
    ACTIVE = "aktif", _("Aktif")
    RETIRED = "pensiun", _("Pensiun")
    LEFT = "berhenti", _("Berhenti")
    DECEASED = "meninggal", _("Meninggal")


class Tag(models.TextChoices):
    CAMAT = "camat", _("Camat")
    LURAH = "lurah", _("Lurah")
    HEADMASTER = "kepala_sekolah", _("Kepala sekolah")
    TEACHER = "guru", _("Guru")
    HEALTH = "tenaga_kesehatan", _("Tenaga kesehatan")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


EMPLOYMENT_ALIASES = {
    "pns": EmploymentType.PNS,
    "cpns": EmploymentType.PNS,
    "pegawainegerisipil": EmploymentType.PNS,
    "pppk": EmploymentType.PPPK,
    "p3k": EmploymentType.PPPK,
    "pegawaipemerintahdenganperjanjiankerja": EmploymentType.PPPK,
}
KIND_ALIASES = {
    "jpt": PositionKind.JPT,
    "jptutama": PositionKind.JPT,
    "jptmadya": PositionKind.JPT,
    "jptpratama": PositionKind.JPT,
    "jabatanpimpinantinggi": PositionKind.JPT,
    "struktural1": PositionKind.JPT,
    "struktural2": PositionKind.JPT,
    "eselon1": PositionKind.JPT,
    "eselon2": PositionKind.JPT,
    "eseloni": PositionKind.JPT,
    "eselonii": PositionKind.JPT,
    "administrator": PositionKind.ADMINISTRATOR,
    "jabatanadministrator": PositionKind.ADMINISTRATOR,
    "eselon3": PositionKind.ADMINISTRATOR,
    "eseloniii": PositionKind.ADMINISTRATOR,
    "pengawas": PositionKind.SUPERVISOR,
    "jabatanpengawas": PositionKind.SUPERVISOR,
    "eselon4": PositionKind.SUPERVISOR,
    "eseloniv": PositionKind.SUPERVISOR,
    "fungsional": PositionKind.FUNCTIONAL,
    "fungsionaltertentu": PositionKind.FUNCTIONAL,
    "jft": PositionKind.FUNCTIONAL,
    "jabatanfungsional": PositionKind.FUNCTIONAL,
    "pelaksana": PositionKind.EXECUTIVE,
    "fungsionalumum": PositionKind.EXECUTIVE,
    "jfu": PositionKind.EXECUTIVE,
    "jabatanpelaksana": PositionKind.EXECUTIVE,
}
STATUS_ALIASES = {
    "aktif": Status.ACTIVE,
    "pnsaktif": Status.ACTIVE,
    "pppkaktif": Status.ACTIVE,
    "cpns": Status.ACTIVE,
    "pensiun": Status.RETIRED,
    "purnabakti": Status.RETIRED,
    "mpp": Status.RETIRED,
    "berhenti": Status.LEFT,
    "diberhentikan": Status.LEFT,
    "pemberhentian": Status.LEFT,
    "pindahinstansi": Status.LEFT,
    "meninggal": Status.DECEASED,
    "meninggaldunia": Status.DECEASED,
    "wafat": Status.DECEASED,
    "tewas": Status.DECEASED,
}
GENDER_ALIASES = {
    "l": Gender.MALE,
    "lk": Gender.MALE,
    "lakilaki": Gender.MALE,
    "pria": Gender.MALE,
    "m": Gender.MALE,
    "1": Gender.MALE,
    "p": Gender.FEMALE,
    "pr": Gender.FEMALE,
    "perempuan": Gender.FEMALE,
    "wanita": Gender.FEMALE,
    "f": Gender.FEMALE,
    "2": Gender.FEMALE,
}

_ROMAN = {
    "i": "I",
    "ii": "II",
    "iii": "III",
    "iv": "IV",
    "1": "I",
    "2": "II",
    "3": "III",
    "4": "IV",
}
# PNS ranks I/a … IV/e; PPPK grades I … XVII.
PNS_RANKS = (*(f"{r}/{s}" for r in ("I", "II", "III", "IV") for s in "abcd"), "IV/e")
PPPK_GRADES = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
)
# The rank names BKN prints next to the code ("Penata Muda" = III/a).
RANK_NAMES = {
    "juru muda": "I/a",
    "juru muda tingkat i": "I/b",
    "juru": "I/c",
    "juru tingkat i": "I/d",
    "pengatur muda": "II/a",
    "pengatur muda tingkat i": "II/b",
    "pengatur": "II/c",
    "pengatur tingkat i": "II/d",
    "penata muda": "III/a",
    "penata muda tingkat i": "III/b",
    "penata": "III/c",
    "penata tingkat i": "III/d",
    "pembina": "IV/a",
    "pembina tingkat i": "IV/b",
    "pembina utama muda": "IV/c",
    "pembina utama madya": "IV/d",
    "pembina utama": "IV/e",
}
_RANK = re.compile(r"^(iv|iii|ii|i|[1-4])\s*[/.\-]?\s*([a-e])$")


def rank_normalize(raw: str) -> str | None:
    """ "III/a", "III.a", "3a", "3-A", "Penata Muda (III/a)" → "III/a"; PPPK "IX" → "IX"; an
    empty value → ""; something else → None."""
    text = (raw or "").strip()
    if not text:
        return ""
    inner = re.search(r"\(([^)]*)\)", text)
    if inner:
        text = inner.group(1).strip()
    low = text.lower()
    match = _RANK.match(low)
    if match:
        return f"{_ROMAN[match.group(1)]}/{match.group(2)}"
    if text.upper() in PPPK_GRADES:
        return text.upper()
    return RANK_NAMES.get(re.sub(r"\s+", " ", low))


def lookup(table: Mapping[str, str], raw: str) -> str | None:
    return table.get(_key(raw))


# What a position title says: (pattern, kind or None, tags). The first kind found wins.
_TITLE_RULES: tuple[tuple[re.Pattern[str], str | None, tuple[str, ...]], ...] = (
    (
        re.compile(
            r"\bsekretaris (daerah|jenderal|utama)\b|\bkepala (dinas|badan)\b|\bdirektur\b"
            r"|\bdeputi\b|\basisten\b|\bstaf ahli\b|\binspektur\b"
        ),
        PositionKind.JPT,
        (),
    ),
    (re.compile(r"\bsekretaris camat\b"), PositionKind.SUPERVISOR, ()),
    (re.compile(r"\bcamat\b"), PositionKind.ADMINISTRATOR, (Tag.CAMAT,)),
    (re.compile(r"\blurah\b"), PositionKind.SUPERVISOR, (Tag.LURAH,)),
    (
        re.compile(r"\bkepala (sekolah|sd|smp|sma|smk|tk|paud)\b"),
        PositionKind.FUNCTIONAL,
        (Tag.HEADMASTER, Tag.TEACHER),
    ),
    (re.compile(r"\bguru\b"), PositionKind.FUNCTIONAL, (Tag.TEACHER,)),
    (
        re.compile(
            r"\b(dokter|bidan|perawat|apoteker|nutrisionis|sanitarian|radiografer|"
            r"tenaga kesehatan|epidemiolog|fisioterapis|analis kesehatan|"
            r"pranata laboratorium kesehatan|penyuluh kesehatan)\b"
        ),
        PositionKind.FUNCTIONAL,
        (Tag.HEALTH,),
    ),
    (
        re.compile(r"\bsekretaris\b|\bkepala bagian\b|\bkepala bidang\b|\bkabag\b|\bkabid\b"),
        PositionKind.ADMINISTRATOR,
        (),
    ),
    (
        re.compile(r"\bkepala (sub|seksi|subbagian|subbidang|urusan)|\bkasubbag\b|\bkasi\b"),
        PositionKind.SUPERVISOR,
        (),
    ),
    (
        re.compile(
            r"\b(analis|pranata|penyuluh|auditor|widyaiswara|pustakawan|arsiparis|"
            r"perencana|pengawas sekolah|penilik|statistisi|dosen)\b"
        ),
        PositionKind.FUNCTIONAL,
        (),
    ),
    (
        re.compile(r"\b(staf|pengadministrasi|pengelola|operator|pengemudi|caraka|bendahara)\b"),
        PositionKind.EXECUTIVE,
        (),
    ),
)


def read_position(title: str) -> tuple[str | None, tuple[str, ...]]:
    """The position kind and tags a title implies ("Guru SMPN 2" → fungsional, guru)."""
    low = (title or "").lower()
    kind: str | None = None
    tags: list[str] = []
    for pattern, rule_kind, rule_tags in _TITLE_RULES:
        if pattern.search(low):
            kind = kind or rule_kind
            tags.extend(t for t in rule_tags if t not in tags)
    return kind, tuple(tags)


def tags_field(tags: tuple[str, ...] | list[str]) -> str:
    """Tags as stored: ",camat,guru," so that `tags__contains=",guru,"` finds one exactly."""
    return f",{','.join(sorted(tags))}," if tags else ""


def tags_list(field: str) -> list[str]:
    return [t for t in (field or "").split(",") if t]
