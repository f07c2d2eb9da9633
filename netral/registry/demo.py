"""Demo registry: a few thousand synthetic ASN in the demo's kab/kota (Ogan Komering Ulu,
Palembang, Langsa, Surabaya), imported through the real importer, plus the people the demo's
reports and cases name, so that their cases link to them (see `caselinks.link_known_nip`) and a
reporter's "Ahmad Fauzi, lurah" can be found without a NIP."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from netral.registry import synth
from netral.registry.importer import Options, import_run, run_create
from netral.registry.models import Asn

ROWS = 3000
SEED = 2024
REGENCIES = ("16.01", "16.71", "11.74", "35.78")
TODAY = dt.date(2025, 12, 31)  # fixed, so that every load writes the same file
# NIP, name, agency, unit, position, rank, kab/kota (synth.HEADER order, then type, birth, gender)
PEOPLE = [
    (
        "198505152010012002",
        "Siti Rahmawati, S.Pd.",
        "16.01",
        "SMP Negeri 1 Baturaja",
        "Guru Bahasa Indonesia",
        "III/c",
        "16.01",
    ),
    (
        "198001012005011001",
        "Budi Santoso, S.STP., M.Si.",
        "16.01",
        "Kecamatan Baturaja Timur",
        "Camat Baturaja Timur",
        "IV/a",
        "16.01",
    ),
    (
        "198203152008011003",
        "Drs. Ahmad Fauzi, M.Si.",
        "16.01",
        "Kecamatan Baturaja Timur",
        "Sekretaris Camat Baturaja Timur",
        "III/d",
        "16.01",
    ),
    (
        "197903032006041003",
        "Ir. Dedi Kurniawan, M.T.",
        "16.01",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Kepala Bidang Bina Marga",
        "IV/a",
        "16.01",
    ),
    (
        "198002022006042006",
        "Dra. Sri Wahyuni, M.Si.",
        "16.01",
        "Dinas Sosial",
        "Kepala Dinas Sosial",
        "IV/b",
        "16.01",
    ),
    (
        "199001012023212001",
        "Rina Anggraini, S.Pd.",
        "16.01",
        "SD Negeri 7 Baturaja",
        "Guru Kelas",
        "IX",
        "16.01",
    ),
    (
        "197806152003121002",
        "H. Achmad Fauzi, S.Sos.",
        "16.71",
        "Kelurahan Sukaraja",
        "Lurah Sukaraja",
        "III/d",
        "16.71",
    ),
    (
        "197707072002121004",
        "Teuku Iskandar, S.E., M.M.",
        "11.74",
        "Dinas Pendidikan",
        "Kepala Dinas Pendidikan",
        "IV/b",
        "11.74",
    ),
    (
        "198108082008012007",
        "Cut Nurhaliza, S.H.",
        "11.74",
        "Dinas Pendidikan",
        "Sekretaris Dinas Pendidikan",
        "IV/a",
        "11.74",
    ),
    (
        "199204102023222003",
        "Nurhayati, S.Pd.",
        "11.74",
        "SMP Negeri 2 Langsa",
        "Guru IPA",
        "IX",
        "11.74",
    ),
    (
        "197512122000031005",
        "Hadi Prasetyo, S.E.",
        "35",
        "Biro Umum",
        "Kepala Bidang Biro Umum",
        "IV/a",
        "35.78",
    ),
    (
        "198304042009011008",
        "Agus Salim, S.IP.",
        "35",
        "Biro Pemerintahan",
        "Analis Kebijakan",
        "III/c",
        "35.78",
    ),
]


def registry_demo_load() -> str:
    if Asn.objects.filter(nip=PEOPLE[0][0]).exists() and Asn.objects.count() >= ROWS:
        return "demo registry already loaded"
    extra = [
        [nip, name, agency, unit, position, rank, regency, "Aktif", "", "", "", ""]
        for nip, name, agency, unit, position, rank, regency in PEOPLE
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo-asn.csv"
        # No e-mail addresses: demo mail (pact invitations) goes only to the named people.
        synth.write(
            path, rows=ROWS, seed=SEED, regencies=REGENCIES, extra=extra, today=TODAY, emails=False
        )
        run = run_create(actor=None, source_name="demo-asn.csv", options=Options(mode="partial"))
        run = import_run(run, path)
    c = run.counts
    return f"demo registry: {c.get('created', 0)} ASN created, {c.get('refused', 0)} rows refused"
