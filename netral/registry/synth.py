"""A realistic fake registry for tests, benchmarks and the demo: `netral registry synth`.

Names come from the lists in `data/names.csv` (Acehnese and Balinese forms where they belong,
academic titles on about a third), NIPs agree with the birth and appointment dates, about a fifth
are PPPK, agencies follow roughly the real spread (most ASN work for a kab/kota, then ministries,
then provinces), and units and positions are what such agencies have (schools and teachers,
puskesmas and nurses, kecamatan and camat). With `bad_share`, that share of rows carries one
of the mistakes the import must refuse; `write` returns which line has which mistake.

The same seed writes the same file. NIPs are unique: a counter per (birth date, appointment,
gender) picks the sequence number, so no set of millions of NIPs is kept in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from django.utils import timezone

from netral.regions.models import District, Regency
from netral.registry.models import Agency

DATA = Path(__file__).resolve().parent / "data"
HEADER = [
    "NIP",
    "NAMA",
    "INSTANSI",
    "UNIT KERJA",
    "JABATAN",
    "GOLONGAN",
    "KABUPATEN/KOTA",
    "STATUS",
    "EMAIL",
    "JENIS PEGAWAI",
    "TANGGAL LAHIR",
    "JENIS KELAMIN",
]
BAD_KINDS = (
    "birth_date",
    "gender_digit",
    "short_nip",
    "scientific",
    "duplicate",
    "unknown_agency",
    "unknown_region",
    "appointment_age",
    "type_mismatch",
    "letters",
    "bad_rank",
    "birth_mismatch",
)
FIRST_DAY = dt.date(1965, 1, 1)
YEARS = 46  # appointment years 1983–2028
SLOTS = YEARS * 21 * 2  # per birth day: year × (12 months + 9 PPPK contracts) × gender


def _names() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    with (DATA / "names.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            groups.setdefault(row["group"], []).append(row["name"])
    return groups


@dataclass(frozen=True)
class Place:
    agency: Agency
    regency: Regency
    town: str
    districts: tuple[str, ...]


# (unit pattern, share, [(position, share, PNS rank range)])
PEMDA_UNITS: tuple[tuple[str, float, tuple[tuple[str, float], ...]], ...] = (
    (
        "SD Negeri {n} {town}",
        0.22,
        (("Guru Kelas", 0.8), ("Kepala Sekolah", 0.1), ("Pengadministrasi Sekolah", 0.1)),
    ),
    (
        "SMP Negeri {n} {town}",
        0.14,
        (("Guru Mata Pelajaran", 0.85), ("Kepala Sekolah", 0.05), ("Pengelola Perpustakaan", 0.1)),
    ),
    (
        "Puskesmas {district}",
        0.16,
        (("Perawat", 0.4), ("Bidan", 0.35), ("Dokter", 0.1), ("Pengadministrasi Umum", 0.15)),
    ),
    (
        "Kecamatan {district}",
        0.12,
        (
            ("Camat {district}", 0.05),
            ("Sekretaris Camat {district}", 0.05),
            ("Kepala Seksi Pemerintahan", 0.1),
            ("Pengadministrasi Umum", 0.8),
        ),
    ),
    ("Kelurahan {district}", 0.05, (("Lurah {district}", 0.2), ("Staf Kelurahan", 0.8))),
    (
        "Dinas Pendidikan",
        0.05,
        (
            ("Kepala Dinas Pendidikan", 0.02),
            ("Kepala Bidang Pembinaan SD", 0.05),
            ("Analis Kebijakan", 0.3),
            ("Pengadministrasi Umum", 0.63),
        ),
    ),
    (
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        0.05,
        (("Kepala Bidang Bina Marga", 0.05), ("Teknik Pengairan", 0.35), ("Staf Dinas PUPR", 0.6)),
    ),
    (
        "Sekretariat Daerah",
        0.08,
        (
            ("Kepala Bagian Umum", 0.05),
            ("Analis Kebijakan", 0.35),
            ("Pengadministrasi Umum", 0.5),
            ("Pengemudi", 0.1),
        ),
    ),
    (
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        0.04,
        (("Analis Sumber Daya Manusia Aparatur", 0.6), ("Pengelola Kepegawaian", 0.4)),
    ),
    ("Dinas Sosial", 0.04, (("Penyuluh Sosial", 0.5), ("Staf Dinas Sosial", 0.5))),
    ("Inspektorat Daerah", 0.05, (("Auditor", 0.7), ("Pengadministrasi Umum", 0.3))),
)
CENTRAL_UNITS: dict[str, tuple[str, tuple[tuple[str, float], ...]]] = {
    "KEMENAG": (
        "MTs Negeri {n} {town}",
        (("Guru Mata Pelajaran", 0.85), ("Kepala Madrasah", 0.05), ("Staf Tata Usaha", 0.1)),
    ),
    "KEMENKEU": (
        "KPP Pratama {town}",
        (("Pemeriksa Pajak", 0.4), ("Penyuluh Pajak", 0.2), ("Pelaksana", 0.4)),
    ),
    "KEMENKES": (
        "Rumah Sakit Umum Pusat {town}",
        (("Dokter", 0.2), ("Perawat", 0.6), ("Apoteker", 0.2)),
    ),
}
DEFAULT_CENTRAL = ("Kantor {agency} {town}", (("Analis Kebijakan", 0.5), ("Pelaksana", 0.5)))


class Synth:
    """A stream of fake registry rows (`rows()`), deterministic for a seed."""

    def __init__(
        self,
        *,
        seed: int = 0,
        regencies: Sequence[str] | None = None,
        today: dt.date | None = None,
        emails: bool = True,
    ) -> None:
        self.rng = random.Random(seed)
        self.emails = emails
        self.today = today or timezone.localdate()
        self.names = _names()
        self.counters = np.zeros(14000 * SLOTS, dtype=np.uint16)
        self.places = self._places(regencies)
        self.central = list(Agency.objects.filter(kind=Agency.Kind.CENTRAL))
        self.provinces = {
            a.province_id: a for a in Agency.objects.filter(kind=Agency.Kind.PROVINCE)
        }

    def _places(self, regencies: Sequence[str] | None) -> list[Place]:
        agencies = {a.regency_id: a for a in Agency.objects.filter(kind=Agency.Kind.REGENCY)}
        districts: dict[str, list[str]] = {}
        qs = District.objects.all()
        if regencies:
            qs = qs.filter(regency_id__in=regencies)
        for d in qs.values_list("regency_id", "name"):
            districts.setdefault(d[0], []).append(d[1])
        chosen = Regency.objects.filter(code__in=regencies) if regencies else Regency.objects.all()
        return [
            Place(
                agencies[r.code],
                r,
                r.name.split(" ", 1)[1],
                tuple(districts.get(r.code) or [r.name.split(" ", 1)[1]]),
            )
            for r in chosen
            if r.code in agencies
        ]

    def _pick(self, options: Sequence[tuple[str, float]]) -> str:
        return self.rng.choices([o[0] for o in options], [o[1] for o in options])[0]

    def _person_name(self, female: bool, province: str) -> str:
        rng, n = self.rng, self.names
        given = n["female"] if female else n["male"]
        words = [rng.choice(given)]
        if rng.random() < 0.7:
            words.append(rng.choice(n["family"] if rng.random() < 0.5 else given))
        if province == "11" and rng.random() < 0.3:
            words.insert(0, rng.choice(n["aceh_female_prefix" if female else "aceh_male_prefix"]))
        if province == "51" and rng.random() < 0.8:
            words.insert(0, rng.choice(n["bali_female_prefix" if female else "bali_male_prefix"]))
        name = " ".join(dict.fromkeys(words))
        if rng.random() < 0.08:
            name = f"{rng.choice(n['front_title'])} {name}"
        if rng.random() < 0.35:
            titles = n["back_title_female" if female else "back_title_male"]
            name += ", " + ", ".join(rng.sample(titles, rng.choice((1, 1, 2))))
        return name

    def _nip(self, pppk: bool, female: bool) -> tuple[str, dt.date]:
        rng = self.rng
        while True:
            born = FIRST_DAY + dt.timedelta(days=rng.randrange(13500))
            if pppk:
                year = (
                    rng.randrange(max(born.year + 20, 2019), self.today.year + 1)
                    if born.year + 20 <= self.today.year
                    else self.today.year
                )
                contracts = rng.choice((1, 1, 1, 2))
                slot, middle = 12 + contracts - 1, f"{year:04d}2{contracts}"
            else:
                year = min(born.year + rng.randrange(20, 36), self.today.year)
                month = rng.randrange(1, 13)
                slot, middle = month - 1, f"{year:04d}{month:02d}"
            if not 17 <= year - born.year <= 60 or not 1983 <= year < 1983 + YEARS:
                continue
            key = (
                (born - FIRST_DAY).days * SLOTS
                + (year - 1983) * 42
                + slot * 2
                + (1 if female else 0)
            )
            seq = int(self.counters[key]) + 1
            if seq > 999:
                continue
            self.counters[key] = seq
            gender = "2" if female else "1"
            return f"{born:%Y%m%d}{middle}{gender}{seq:03d}", born

    def _where(self) -> tuple[Agency, str, Place]:
        """The agency, how the file names it, and the place of the work unit."""
        place = self.rng.choice(self.places)
        draw = self.rng.random()
        if draw < 0.62 or not self.central:
            agency = place.agency
        elif draw < 0.77:
            agency = self.provinces.get(place.regency.province_id, place.agency)
        else:
            agency = self.rng.choice(self.central)
        label = agency.code if self.rng.random() < 0.8 else agency.name
        return agency, label, place

    def _unit(self, agency: Agency, place: Place) -> tuple[str, str]:
        rng = self.rng
        district = rng.choice(place.districts)
        if agency.kind == Agency.Kind.CENTRAL:
            pattern, positions = CENTRAL_UNITS.get(agency.code, DEFAULT_CENTRAL)
        else:
            weights = [u[1] for u in PEMDA_UNITS]
            pattern, _share, positions = rng.choices(PEMDA_UNITS, weights)[0]
        values = {
            "n": rng.randrange(1, 12),
            "town": place.town,
            "district": district,
            "agency": agency.name.replace("Kementerian ", "Kementerian "),
        }
        return pattern.format(**values), self._pick(positions).format(**values)

    def _rank(self, pppk: bool, years: int) -> str:
        if pppk:
            return self.rng.choice(("V", "VII", "IX", "IX", "X"))
        step = min(max(years // 4, 0), 8)
        ladder = ("II/a", "II/c", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c")
        return ladder[min(step + self.rng.randrange(0, 2), 8)]

    def row(self) -> list[str]:
        rng = self.rng
        female = rng.random() < 0.53
        pppk = rng.random() < 0.2
        nip, born = self._nip(pppk, female)
        agency, label, place = self._where()
        unit, position = self._unit(agency, place)
        name = self._person_name(female, place.regency.province_id)
        years = self.today.year - int(nip[8:12])
        status = (
            "Aktif" if rng.random() < 0.97 else rng.choice(("Pensiun", "Berhenti", "Meninggal"))
        )
        email = ""
        if self.emails and rng.random() < 0.3:
            local = ".".join(name.split(",")[0].lower().split()[-2:])
            email = f"{local.replace('.', '').replace(' ', '')}{rng.randrange(99)}@asn.go.id"
        return [
            nip,
            name,
            label,
            unit,
            position,
            self._rank(pppk, years),
            place.regency.name,
            status,
            email,
            "PPPK" if pppk else "PNS",
            born.strftime("%d-%m-%Y"),
            "P" if female else "L",
        ]

    def spoil(self, row: list[str], kind: str, earlier: str | None) -> list[str]:
        bad = list(row)
        nip = row[0]
        if kind == "birth_date":
            bad[0] = nip[:4] + "13" + nip[6:]
        elif kind == "gender_digit":
            bad[0] = nip[:14] + "3" + nip[15:]
        elif kind == "short_nip":
            bad[0] = nip[:-1]
        elif kind == "scientific":
            bad[0] = f"{int(nip):.5E}".replace("E+", "E+")
        elif kind == "duplicate" and earlier:
            bad[0], bad[10], bad[11] = earlier, "", ""
        elif kind == "unknown_agency":
            bad[2] = "Dinas Antah Berantah"
        elif kind == "unknown_region":
            bad[6] = "Kabupaten Tidak Ada"
        elif kind == "appointment_age":
            bad[0] = nip[:8] + f"{int(nip[:4]) + 5:04d}" + nip[12:]
        elif kind == "type_mismatch":
            bad[9] = "PPPK" if row[9] == "PNS" else "PNS"
        elif kind == "letters":
            bad[0] = nip[:10] + "O" + nip[11:]
        elif kind == "bad_rank":
            bad[5] = "Z/9"
        elif kind == "birth_mismatch":
            bad[10] = "01-01-1950"
        return bad

    def rows(self, count: int, *, bad_share: float = 0.0) -> Iterator[tuple[list[str], str]]:
        """`count` rows, each with the mistake it carries ("" for none)."""
        earlier: str | None = None
        for _index in range(count):
            row = self.row()
            if bad_share and self.rng.random() < bad_share and earlier:
                kind = self.rng.choice(BAD_KINDS)
                yield self.spoil(row, kind, earlier), kind
                continue
            if self.rng.random() < 0.01 or earlier is None:
                earlier = row[0]
            yield row, ""


def write(
    path: Path,
    *,
    rows: int,
    seed: int = 0,
    bad_share: float = 0.0,
    regencies: Sequence[str] | None = None,
    extra: Sequence[list[str]] = (),
    progress: Any = None,
    today: dt.date | None = None,
    emails: bool = True,
) -> dict[int, str]:
    """Write a CSV or XLSX (by the extension) registry file; return {line: mistake}."""
    synth = Synth(seed=seed, regencies=regencies, today=today, emails=emails)
    bad: dict[int, str] = {}
    stream = synth.rows(rows, bad_share=bad_share)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("ASN")
        sheet.append(HEADER)
        for line, (row, kind) in enumerate(_with_extra(stream, extra), start=2):
            sheet.append(row)
            if kind:
                bad[line] = kind
            if progress is not None:
                progress(1)
        book.save(path)
        return bad
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for line, (row, kind) in enumerate(_with_extra(stream, extra), start=2):
            writer.writerow(row)
            if kind:
                bad[line] = kind
            if progress is not None and line % 1000 == 0:
                progress(1000)
    return bad


def _with_extra(
    stream: Iterator[tuple[list[str], str]], extra: Sequence[list[str]]
) -> Iterator[tuple[list[str], str]]:
    for row in extra:
        yield list(row), ""
    yield from stream
