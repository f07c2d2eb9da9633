"""Checking one row of a registry file: every problem named with its column and a reason in
Indonesian; a row without problems becomes a `Record` ready for the staging table.

The reference data a row is checked against (agencies, regions) is read once per import into
`Context`, so that checking a row never touches the database.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from netral.regions.models import Province, Regency
from netral.registry import identifiers, names
from netral.registry.agencies import agency_key
from netral.registry.importer.columns import Layout
from netral.registry.models import Agency
from netral.registry.vocab import (
    EMPLOYMENT_ALIASES,
    GENDER_ALIASES,
    KIND_ALIASES,
    STATUS_ALIASES,
    Status,
    lookup,
    rank_normalize,
    read_position,
    tags_field,
)

_SCIENTIFIC = re.compile(r"^\s*\d([.,]\d+)?\s*[eE]\s*\+?\s*\d+\s*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d %m %Y")


class Refusal(NamedTuple):
    line: int
    column: str
    value: str
    reason: str


class Record(NamedTuple):
    """A checked row, in the staging table's column order (`staging.COLUMNS`)."""

    line: int
    nip: str
    employment_type: str
    name: str
    name_plain: str
    name_key: str
    birth_date: dt.date
    gender: str
    appointment_year: int
    appointment_month: int | None
    agency_id: int
    unit_name: str
    unit_key: str
    position: str
    position_kind: str
    tags: str
    rank: str
    province_id: str
    regency_id: str | None
    status: str
    email: str


@dataclass(frozen=True)
class AgencyRef:
    id: int
    code: str
    kind: str
    province_id: str | None
    regency_id: str | None


@dataclass
class Context:
    """What rows are checked against, read once per import."""

    agencies: dict[str, AgencyRef]  # by code and by folded name
    regions: dict[str, tuple[str, str | None]]  # key → (province, regency)
    allowed: set[int] | None = None  # agency ids this import may touch (None: any)
    allowed_note: str = ""
    today: dt.date = field(default_factory=dt.date.today)

    @classmethod
    def load(cls, *, allowed: set[int] | None = None, allowed_note: str = "") -> Context:
        agencies: dict[str, AgencyRef] = {}
        for a in Agency.objects.all():
            ref = AgencyRef(a.pk, a.code, a.kind, a.province_id, a.regency_id)
            agencies.setdefault(a.name_key, ref)
            agencies[a.code.lower()] = ref
        regions: dict[str, tuple[str, str | None]] = {}
        for p in Province.objects.all():
            regions[p.code] = (p.code, None)
            regions.setdefault(agency_key(f"provinsi {p.name}"), (p.code, None))
        bare: dict[str, list[tuple[str, str]]] = {}
        for r in Regency.objects.all():
            pair = (r.province_id, r.code)
            regions[r.code] = pair
            regions[r.code.replace(".", "")] = pair
            key = agency_key(r.name)
            regions[key] = pair
            bare.setdefault(key.split(" ", 1)[-1], []).append(pair)
        # "Ogan Komering Ulu" alone names the kabupaten when no kota shares the name.
        for key, pairs in bare.items():
            if len(pairs) == 1:
                regions.setdefault(key, pairs[0])
        return cls(agencies=agencies, regions=regions, allowed=allowed, allowed_note=allowed_note)


def _text(value: Any, *, code: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and code:
        return f"{value:.2f}" if not value.is_integer() else str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in _DATE_FORMATS:
        try:
            # A calendar date with no time of day: no zone applies.
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def _same_day(value: Any, day: dt.date) -> bool:
    """The common spellings of `day`, compared as text before any parsing."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return text in (
        f"{day.day:02d}-{day.month:02d}-{day.year}",
        day.isoformat(),
        f"{day.day:02d}/{day.month:02d}/{day.year}",
    )


class RowChecker:
    def __init__(self, layout: Layout, context: Context) -> None:
        # Agencies, regions, units, positions and ranks repeat across millions of rows: each
        # distinct text is read once.
        self._keys: dict[str, str] = {}
        self._positions: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        self._ranks: dict[str, str | None] = {}
        self._names: dict[str, tuple[str, str]] = {}  # name as written → (plain, search key)
        self.layout = layout
        self.ctx = context
        self.index = layout.index

    def _key(self, text: str) -> str:
        key = self._keys.get(text)
        if key is None:
            if len(self._keys) > 200_000:
                self._keys.clear()
            key = self._keys[text] = agency_key(text)
        return key

    def _cell(self, cells: list[Any], field: str) -> Any:
        at = self.index.get(field)
        if at is None or at >= len(cells):
            return None
        return cells[at]

    def check(self, line: int, cells: list[Any]) -> Record | list[Refusal]:
        problems: list[Refusal] = []

        def refuse(field: str, value: Any, reason: str) -> None:
            problems.append(Refusal(line, self.layout.header_of(field), _text(value), reason))

        raw_nip = self._cell(cells, "nip")
        facts = self._nip(raw_nip, refuse)
        name = _text(self._cell(cells, "name"))
        if not name:
            refuse("name", name, _("Nama wajib diisi."))
        elif len(name) > 200:
            refuse("name", name[:50], _("Nama lebih dari 200 huruf."))
        agency = self._agency(self._cell(cells, "agency"), refuse)
        region = self._region(self._cell(cells, "region"), agency, refuse)
        position = _text(self._cell(cells, "position"))[:200]
        read = self._positions.get(position)
        if read is None:
            read = self._positions[position] = read_position(position)
        kind, tags = read
        raw_kind = _text(self._cell(cells, "position_kind"))
        if raw_kind:
            kind = lookup(KIND_ALIASES, raw_kind)
            if kind is None:
                refuse(
                    "position_kind",
                    raw_kind,
                    _(
                        "Jenis jabatan tidak dikenal (JPT, "
                        "administrator, pengawas, fungsional, "
                        "pelaksana)."
                    ),
                )
        raw_rank = _text(self._cell(cells, "rank"))
        if raw_rank not in self._ranks:
            self._ranks[raw_rank] = rank_normalize(raw_rank)
        rank = self._ranks[raw_rank]
        if rank is None:
            refuse(
                "rank",
                raw_rank,
                _("Golongan tidak dikenal (contoh: III/a, 3a, Penata Muda, IX untuk PPPK)."),
            )
        raw_status = _text(self._cell(cells, "status"))
        status = lookup(STATUS_ALIASES, raw_status) if raw_status else Status.ACTIVE
        if status is None:
            refuse(
                "status",
                raw_status,
                _("Status tidak dikenal (aktif, pensiun, berhenti, meninggal)."),
            )
        email = _text(self._cell(cells, "email")).lower()
        if email and not _EMAIL.match(email):
            refuse("email", email, _("Alamat surel tidak sah."))
        if facts is not None:
            self._agrees_with_nip(cells, facts, refuse)
        if problems:
            return problems
        assert facts is not None and agency is not None and region is not None
        folded = self._names.get(name)
        if folded is None:
            if len(self._names) > 200_000:
                self._names.clear()
            plain = names.strip_titles(name)
            folded = self._names[name] = (plain, names.search_key(plain))
        plain, key = folded
        unit = re.sub(r"\s+", " ", _text(self._cell(cells, "unit")))[:200]
        return Record(
            line,
            facts.nip,
            facts.employment_type,
            name,
            plain,
            key,
            facts.birth_date,
            facts.gender,
            facts.appointment_year,
            facts.appointment_month,
            agency.id,
            unit,
            self._key(unit) if unit else "",
            position,
            kind or "",
            tags_field(tags),
            rank or "",
            region[0],
            region[1],
            status or Status.ACTIVE,
            email,
        )

    def _nip(self, raw: Any, refuse: Any) -> identifiers.NipFacts | None:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            refuse(
                "nip",
                raw,
                _(
                    "NIP tersimpan sebagai angka di lembar kerja, sehingga digit "
                    "terakhirnya bisa berubah; format kolom NIP sebagai teks, "
                    "ketik ulang dari sumbernya, lalu impor lagi."
                ),
            )
            return None
        text = _text(raw)
        if _SCIENTIFIC.match(text):
            refuse(
                "nip",
                text,
                _(
                    "NIP tertulis sebagai %(v)s: lembar kerja mengubahnya "
                    "menjadi angka dan digit terakhirnya hilang. Format kolom "
                    "NIP sebagai teks, ketik ulang dari sumbernya, lalu impor "
                    "lagi."
                )
                % {"v": text},
            )
            return None
        if not text:
            refuse("nip", text, _("NIP wajib diisi."))
            return None
        try:
            return identifiers.decode(text.lstrip("'"), today=self.ctx.today)
        except ValueError as exc:
            refuse("nip", text, str(exc))
            return None

    def _agency(self, raw: Any, refuse: Any) -> AgencyRef | None:
        text = _text(raw, code=True)
        if not text:
            refuse("agency", text, _("Instansi wajib diisi (kode atau nama)."))
            return None
        found = self.ctx.agencies.get(text.lower()) or self.ctx.agencies.get(self._key(text))
        if found is None:
            refuse(
                "agency",
                text,
                _(
                    "Instansi tidak dikenal: tulis kode Kemendagri (16.01) "
                    "atau kode instansi pusat, atau nama lengkapnya."
                ),
            )
            return None
        if self.ctx.allowed is not None and found.id not in self.ctx.allowed:
            refuse(
                "agency",
                text,
                self.ctx.allowed_note or _("Instansi ini di luar wewenang impor Anda."),
            )
            return None
        return found

    def _region(
        self, raw: Any, agency: AgencyRef | None, refuse: Any
    ) -> tuple[str, str | None] | None:
        text = _text(raw, code=True)
        if not text:
            if agency is not None and agency.province_id:
                return agency.province_id, agency.regency_id
            if agency is not None:
                refuse(
                    "region",
                    text,
                    _(
                        "Wilayah unit kerja wajib diisi untuk instansi "
                        "pusat (kode atau nama kabupaten/kota)."
                    ),
                )
            return None
        found = self.ctx.regions.get(text) or self.ctx.regions.get(self._key(text))
        if found is None:
            refuse(
                "region",
                text,
                _(
                    "Kabupaten/kota tidak dikenal: tulis kode Kemendagri "
                    "(16.01) atau namanya (Kabupaten Ogan Komering Ulu)."
                ),
            )
            return None
        if agency is not None and agency.province_id and found[0] != agency.province_id:
            refuse(
                "region",
                text,
                _("Wilayah ini di luar provinsi instansi %(a)s.") % {"a": agency.code},
            )
            return None
        return found

    def _agrees_with_nip(self, cells: list[Any], facts: identifiers.NipFacts, refuse: Any) -> None:
        raw_type = _text(self._cell(cells, "employment_type"))
        if raw_type:
            kind = lookup(EMPLOYMENT_ALIASES, raw_type)
            if kind is None:
                refuse("employment_type", raw_type, _("Jenis pegawai harus PNS atau PPPK."))
            elif kind != facts.employment_type:
                refuse(
                    "employment_type",
                    raw_type,
                    _("NIP ini adalah %(n)s, bukan %(c)s.")
                    % {"n": facts.employment_type.upper(), "c": raw_type},
                )
        raw_birth = self._cell(cells, "birth_date")
        if _text(raw_birth):
            born = facts.birth_date if _same_day(raw_birth, facts.birth_date) else _date(raw_birth)
            if born is None:
                refuse(
                    "birth_date",
                    raw_birth,
                    _("Bukan tanggal yang sah (tulis TTTT-BB-HH atau HH-BB-TTTT)."),
                )
            elif born != facts.birth_date:
                refuse(
                    "birth_date",
                    raw_birth,
                    _("Tanggal lahir tidak sama dengan yang tertulis di NIP (%(d)s).")
                    % {"d": facts.birth_date.strftime("%d-%m-%Y")},
                )
        raw_gender = _text(self._cell(cells, "gender"))
        if raw_gender:
            gender = lookup(GENDER_ALIASES, raw_gender)
            if gender is None:
                refuse("gender", raw_gender, _("Jenis kelamin harus L atau P."))
            elif gender != facts.gender:
                refuse(
                    "gender",
                    raw_gender,
                    _("Jenis kelamin tidak sama dengan digit ke-15 NIP (%(g)s).")
                    % {"g": facts.gender},
                )
