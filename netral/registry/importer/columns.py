"""The columns of a registry file and the headers agencies write for them.

Headers are compared folded (case, spaces, dots, slashes and underscores ignored), so "NIP BARU",
"Nip_Baru" and "nip baru" are one header. `docs/registry-format.md` lists them for people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Column:
    field: str
    label: str  # the header the documentation and the rejects file use
    aliases: tuple[str, ...]
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "nip",
        "NIP",
        (
            "nip",
            "nip baru",
            "nip 18",
            "nip 18 digit",
            "nip/ni pppk",
            "nip / nipppk",
            "ni pppk",
            "nipppk",
            "nomor induk pegawai",
        ),
        required=True,
    ),
    Column(
        "name",
        "NAMA",
        (
            "nama",
            "nama lengkap",
            "nama pegawai",
            "nama asn",
            "nama gelar",
            "nama dengan gelar",
            "nama lengkap dengan gelar",
        ),
        required=True,
    ),
    Column(
        "agency",
        "INSTANSI",
        (
            "instansi",
            "kode instansi",
            "instansi induk",
            "nama instansi",
            "instansi kerja",
            "pemda",
            "pemerintah daerah",
        ),
        required=True,
    ),
    Column(
        "unit",
        "UNIT KERJA",
        (
            "unit kerja",
            "unor",
            "nama unor",
            "opd",
            "satuan kerja",
            "satker",
            "unit organisasi",
            "perangkat daerah",
            "skpd",
        ),
    ),
    Column("position", "JABATAN", ("jabatan", "nama jabatan", "jabatan terakhir")),
    Column(
        "position_kind",
        "JENIS JABATAN",
        ("jenis jabatan", "kelompok jabatan", "eselon", "jenis jab"),
    ),
    Column(
        "rank",
        "GOLONGAN",
        (
            "golongan",
            "gol",
            "gol ruang",
            "golongan ruang",
            "pangkat golongan",
            "pangkat/golongan",
            "pangkat",
            "grade",
        ),
    ),
    Column(
        "region",
        "KABUPATEN/KOTA",
        (
            "kabupaten/kota",
            "kab/kota",
            "kabupaten kota",
            "kode wilayah",
            "wilayah",
            "lokasi kerja",
            "kota/kabupaten",
            "wilayah kerja",
        ),
    ),
    Column(
        "status",
        "STATUS",
        ("status", "status pegawai", "kedudukan hukum", "status kepegawaian aktif", "kedudukan"),
    ),
    Column("email", "EMAIL", ("email", "e-mail", "surel", "alamat email", "email dinas")),
    Column(
        "employment_type",
        "JENIS PEGAWAI",
        ("jenis pegawai", "jenis kepegawaian", "status kepegawaian", "jenis asn", "pns/pppk"),
    ),
    Column("birth_date", "TANGGAL LAHIR", ("tanggal lahir", "tgl lahir", "tgl. lahir")),
    Column("gender", "JENIS KELAMIN", ("jenis kelamin", "jk", "l/p", "gender")),
)
BY_FIELD = {c.field: c for c in COLUMNS}
# The columns the rejects file adds; a file re-imported with them ignores them.
REJECT_LINE, REJECT_COLUMN, REJECT_REASON = "BARIS ASAL", "KOLOM", "ALASAN PENOLAKAN"


def fold(header: object) -> str:
    return re.sub(r"[\s._/\\\-]+", "", str(header or "").strip().lower())


_ALIASES = {fold(a): c.field for c in COLUMNS for a in (*c.aliases, c.label)}
_IGNORED = {fold(REJECT_LINE), fold(REJECT_COLUMN), fold(REJECT_REASON)}


class HeaderError(ValueError):
    """The file's header row cannot be read as a registry file."""


@dataclass(frozen=True)
class Layout:
    """Which position of a row holds which field, and the header as the file wrote it."""

    index: dict[str, int]
    headers: list[str]
    ignored: list[str]

    def header_of(self, field: str) -> str:
        return self.headers[self.index[field]] if field in self.index else BY_FIELD[field].label


def layout(headers: list[object]) -> Layout:
    """Map the header row; HeaderError names a missing required column or a doubled one."""
    index: dict[str, int] = {}
    ignored: list[str] = []
    texts = ["" if h is None else str(h).strip() for h in headers]
    for position, text in enumerate(texts):
        key = fold(text)
        field = _ALIASES.get(key)
        if field is None:
            if key and key not in _IGNORED:
                ignored.append(text)
            continue
        if field in index:
            raise HeaderError(
                _("Kolom %(a)s dan %(b)s sama-sama berarti %(f)s; hapus salah satu.")
                % {"a": texts[index[field]], "b": text, "f": BY_FIELD[field].label}
            )
        index[field] = position
    missing = [c.label for c in COLUMNS if c.required and c.field not in index]
    if missing:
        raise HeaderError(
            _(
                "Baris judul tidak memuat kolom wajib %(m)s (judul yang dikenali: "
                "lihat docs/registry-format.md)."
            )
            % {"m": ", ".join(missing)}
        )
    return Layout(index=index, headers=texts, ignored=ignored)
