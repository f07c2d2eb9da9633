"""Demo cases: one or more in every state, in Kab. OKU, Kota Langsa, Palembang and Jawa Timur,
some overdue, some with a PPK conflict of interest. Built through the real services.

Dates are relative to the day of loading (so that some clocks run and some are late), except the
finished Pilkada 2024 cases, which keep their 2024 dates. A case is recognised by its summary,
so loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from netral.accounts.models import Institution, InstitutionKind, User
from netral.cases.models import Case
from netral.cases.services import CaseOpening, case_open
from netral.cases.services.documents import case_document_add
from netral.cases.services.sweep import sweep
from netral.cases.services.transition import case_transition
from netral.cases.states import DocumentKind as D
from netral.cases.states import State as S

PDF = b"%PDF-1.4\n% Netral demo document\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DEMO_ELECTION = "pilwalkot-langsa-2024-demo"

# Per region: (Bawaslu user, authority user, PPK institution name)
REGIONS: dict[str, tuple[str, str, str]] = {
    "16.01": ("bawaslu_oku", "bkn_kanreg7", "Pemerintah Kabupaten Ogan Komering Ulu"),
    "16.71": ("bawaslu_palembang", "bkn_kanreg7", "Pemerintah Kota Palembang"),
    "11.74": ("bawaslu_langsa", "bkn", "Pemerintah Kota Langsa"),
    "35": ("bawaslu_jatim", "bkn", "Pemerintah Provinsi Jawa Timur"),
    "35.78": ("bawaslu_surabaya", "bkn", "Pemerintah Provinsi Jawa Timur"),
}
ELECTIONS = {
    "16.01": "pilbup-oku-2024",
    "16.71": "pilgub-sumsel-2024",
    "11.74": DEMO_ELECTION,
    "35": "pilgub-jatim-2024",
    "35.78": "pilgub-jatim-2024",
}


@dataclass(frozen=True)
class Spec:
    summary: str
    region: str
    until: str
    subjects: tuple[tuple[str, str, str], ...]  # (name, nip, position)
    ago: int = 3  # days since receipt (relative cases)
    fixed: dt.date | None = None  # a finished 2024 case: its receipt date
    origin: str = "report"
    ppk_due_in: int = 7  # days from the PPK letter to its deadline
    extra: dict[str, Any] = field(default_factory=dict)


CAMAT = (("Budi Santoso", "198001012005011001", "Camat Baturaja Timur"),)
GURU = (("Siti Rahmawati", "198505152010012002", "Guru SMPN 2"),)
LURAH = (("Ahmad Fauzi", "", "Lurah Sukaraja"),)
MANY = (
    ("Dedi Kurniawan", "197903032006041003", "Kepala Bidang Dinas PUPR"),
    ("Rudi Hartono", "", "Staf Dinas PUPR"),
    ("Yanti Oktaviani", "", "Staf Dinas PUPR"),
)

SPECS: tuple[Spec, ...] = (
    Spec(
        "Camat menghadiri deklarasi paslon dan berfoto dengan pose jari",
        "16.01",
        S.RECEIVED,
        CAMAT,
        ago=0,
    ),
    Spec(
        "Guru membagikan ajakan memilih paslon di grup WhatsApp wali murid",
        "16.01",
        S.PRELIMINARY_REVIEW,
        GURU,
        ago=1,
    ),
    Spec(
        "Lurah memasang baliho paslon di kantor kelurahan",
        "16.71",
        S.NEEDS_COMPLETION,
        LURAH,
        ago=6,
    ),
    Spec(
        "Kepala sekolah mengarahkan guru hadir di kampanye",
        "16.01",
        S.REGISTERED,
        GURU,
        ago=2,
        origin="finding",
    ),
    Spec(
        "Tiga ASN Dinas PUPR mengunggah dukungan untuk paslon di Facebook",
        "16.01",
        S.EXAMINATION,
        MANY,
        ago=12,
        origin="monitoring",
    ),
    Spec(
        "Kepala dinas menjadi juru kampanye wali kota petahana",
        "11.74",
        S.EXAMINATION,
        (("Teuku Iskandar", "197707072002121004", "Kepala Dinas Pendidikan"),),
        ago=3,
    ),
    Spec("Laporan tanpa identitas terlapor yang jelas", "16.71", S.NOT_REGISTERED, LURAH, ago=9),
    Spec(
        "Pembagian uang oleh ASN kepada pemilih",
        "16.01",
        S.FORWARDED,
        CAMAT,
        ago=8,
        extra={"forwarded_to": "Sentra Gakkumdu Kabupaten OKU", "criminal_track": True},
    ),
    Spec("ASN diduga menyukai unggahan paslon gubernur", "35.78", S.NOT_PROVEN, GURU, ago=15),
    Spec("Sekretaris camat hadir di rapat tim pemenangan", "16.01", S.PROVEN, CAMAT, ago=6),
    Spec(
        "ASN Dinas Kesehatan berkampanye di posyandu",
        "16.71",
        S.RECOMMENDED_TO_AUTHORITY,
        GURU,
        ago=8,
    ),
    Spec(
        "Pejabat Pemprov Jatim menggunakan fasilitas dinas untuk kampanye",
        "35",
        S.AUTHORITY_VERIFICATION,
        (("Hadi Prasetyo", "197512122000031005", "Kepala Bidang Biro Umum"),),
        ago=16,
    ),
    Spec(
        "Camat mengarahkan kepala desa mendukung paslon",
        "16.01",
        S.RECOMMENDED_TO_PPK,
        CAMAT,
        ago=14,
        ppk_due_in=14,
    ),
    Spec(
        "Kepala dinas ikut konvoi kampanye paslon bupati",
        "16.01",
        S.RECOMMENDED_TO_PPK,
        (("Sri Wahyuni", "198002022006042006", "Kepala Dinas Sosial"),),
        fixed=dt.date(2024, 10, 21),
        ppk_due_in=14,
    ),
    Spec(
        "Sekretaris dinas memobilisasi ASN ke kampanye wali kota petahana",
        "11.74",
        S.RECOMMENDED_TO_PPK,
        (("Cut Nurhaliza", "198108082008012007", "Sekretaris Dinas"),),
        ago=40,
        ppk_due_in=10,
    ),
    Spec(
        "ASN Pemprov Jatim memakai atribut paslon saat apel",
        "35",
        S.RECOMMENDED_TO_PPK,
        (("Agus Salim", "198304042009011008", "Analis Kebijakan"),),
        ago=30,
        ppk_due_in=14,
    ),
    Spec(
        "Lurah hadir di deklarasi paslon bupati",
        "16.01",
        S.PPK_DECIDED,
        LURAH,
        fixed=dt.date(2024, 10, 1),
    ),
    Spec(
        "Guru honorer PPPK mengampanyekan paslon di kelas",
        "16.01",
        S.EXECUTED,
        (("Rina Anggraini", "199001012023212001", "Guru PPPK"),),
        fixed=dt.date(2024, 9, 30),
    ),
    Spec(
        "Camat berfoto dengan simbol nomor urut paslon",
        "16.01",
        S.CLOSED,
        CAMAT,
        fixed=dt.date(2024, 10, 3),
    ),
    Spec(
        "Staf kelurahan membagikan stiker paslon",
        "11.74",
        S.CLOSED,
        LURAH,
        ago=45,
        extra={"close_note": "Didokumentasikan: BKN menilai cukup pembinaan."},
    ),
)

BAWASLU_PATH: list[str] = [
    S.PRELIMINARY_REVIEW,
    S.REGISTERED,
    S.EXAMINATION,
    S.PROVEN,
    S.RECOMMENDED_TO_AUTHORITY,
    S.AUTHORITY_VERIFICATION,
    S.RECOMMENDED_TO_PPK,
    S.PPK_DECIDED,
    S.EXECUTED,
    S.CLOSED,
]
SIDE_PATHS: dict[str, list[str]] = {
    S.NEEDS_COMPLETION: [S.PRELIMINARY_REVIEW, S.NEEDS_COMPLETION],
    S.NOT_REGISTERED: [S.PRELIMINARY_REVIEW, S.NOT_REGISTERED],
    S.FORWARDED: [S.PRELIMINARY_REVIEW, S.FORWARDED],
    S.NOT_PROVEN: [S.PRELIMINARY_REVIEW, S.REGISTERED, S.EXAMINATION, S.NOT_PROVEN],
}
DOCS: dict[str, list[str]] = {
    S.REGISTERED: [D.PRELIMINARY_REVIEW],
    S.NOT_REGISTERED: [D.PRELIMINARY_REVIEW],
    S.FORWARDED: [D.FORWARDING_LETTER],
    S.PROVEN: [D.MINUTES_REPORTER, D.MINUTES_ASN, D.EXAMINATION_RESULT],
    S.NOT_PROVEN: [D.MINUTES_ASN, D.EXAMINATION_RESULT],
    S.RECOMMENDED_TO_AUTHORITY: [D.RECOMMENDATION_AUTHORITY],
    S.RECOMMENDED_TO_PPK: [D.RECOMMENDATION_PPK],
    S.PPK_DECIDED: [D.SK],
    S.EXECUTED: [D.EXECUTION],
}


def path_for(spec: Spec) -> list[str]:
    if spec.until == S.RECEIVED:
        return []
    if spec.until in SIDE_PATHS:
        return SIDE_PATHS[spec.until]
    if spec.until == S.CLOSED and "close_note" in spec.extra:
        return [*BAWASLU_PATH[: BAWASLU_PATH.index(S.AUTHORITY_VERIFICATION) + 1], S.CLOSED]
    return BAWASLU_PATH[: BAWASLU_PATH.index(spec.until) + 1]


def _actor(spec: Spec, target: str, source: str) -> User:
    bawaslu, authority, _ppk = REGIONS[spec.region]
    name = bawaslu
    if target in {S.AUTHORITY_VERIFICATION, S.RECOMMENDED_TO_PPK} or (
        target == S.CLOSED and source in {S.EXECUTED, S.AUTHORITY_VERIFICATION}
    ):
        name = authority
    elif target in {S.PPK_DECIDED, S.EXECUTED}:
        name = "ppk_jatim" if spec.region.startswith("35") else "ppk_oku"
    return User.objects.select_related("institution").get(username=name)


def _data(case: Case, spec: Spec, target: str, on: dt.date) -> dict[str, Any]:
    ids = [str(pk) for pk in case.subjects.values_list("pk", flat=True)]
    data: dict[str, Any] = {
        "date": on.isoformat(),
        "note": spec.extra.get("close_note", "Catatan demo: lihat dokumen terlampir."),
    }
    data.update({k: v for k, v in spec.extra.items() if k != "close_note"})
    if target == S.PROVEN:
        proven = {"outcome": "proven", "violations": [_proven_code(case)]}
        data["outcomes"] = {i: proven for i in ids}
    if target in {S.RECOMMENDED_TO_AUTHORITY, S.RECOMMENDED_TO_PPK}:
        data["letter_number"] = f"{case.pk:03d}/REK/{on.year}"
    if target == S.RECOMMENDED_TO_PPK:
        data["sanctions"] = {
            i: {
                "level": "berat",
                "sanction": "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
            }
            for i in ids
        }
        data["ppk_due"] = (on + dt.timedelta(days=spec.ppk_due_in)).isoformat()
    if target == S.PPK_DECIDED:
        data["decisions"] = {
            i: {
                "sk_number": f"800.1.6/{case.pk}{i}/BKPSDM/{on.year}",
                "sk_date": on.isoformat(),
                "punishment": "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
            }
            for i in ids
        }
    if target == S.EXECUTED:
        data["executed_date"] = on.isoformat()
    return data


def _proven_code(case: Case) -> str:
    """A reported item, else D7 (or E2 when the phase allows only ethics items)."""
    from netral.cases.services.findings import applicable_violation_codes

    reported = list(case.violations.values_list("code", flat=True))
    if reported:
        return reported[0]
    allowed = applicable_violation_codes(case.election, case.incident_date)
    return "D7" if allowed is None or "D7" in allowed else "E2"


def _attach(case: Case, actor: User, kinds: list[str]) -> None:
    for kind in kinds:
        case_document_add(
            case_id=case.pk,
            actor=actor,
            kind=kind,
            title=str(D(kind).label),
            upload=SimpleUploadedFile(f"{kind}.pdf", PDF, "application/pdf"),
        )


def _open(spec: Spec, received: dt.date) -> Case:
    _b, _a, ppk_name = REGIONS[spec.region]
    ppk = Institution.objects.get(name=ppk_name)
    election = None
    if spec.fixed is not None or spec.region == "11.74":
        from netral.elections.models import Election

        election = Election.objects.filter(code=ELECTIONS[spec.region]).first()
    regency = spec.region if "." in spec.region else None
    return case_open(
        actor=None,
        opening=CaseOpening(
            origin=spec.origin,
            summary=spec.summary,
            received_on=received,
            incident_date=received - dt.timedelta(days=2),
            discovered_date=received,
            place="Demo: " + ppk.name,
            incident_regency_id=regency,
            incident_province_id=spec.region[:2],
            election=election,
            subjects=[
                {
                    "name": n,
                    "nip": nip,
                    "position": pos,
                    "agency_name": ppk.name,
                    "ppk_institution": ppk,
                }
                for n, nip, pos in spec.subjects
            ],
        ),
    )


def build(spec: Spec, today: dt.date) -> Case:
    received = spec.fixed or today - dt.timedelta(days=spec.ago)
    case = _open(spec, received)
    for i, target in enumerate(path_for(spec), start=1):
        on = min(received + dt.timedelta(days=i), today)
        actor = _actor(spec, target, case.state)
        _attach(case, actor, DOCS.get(target, []))
        case = case_transition(
            case_id=case.pk,
            actor=actor,
            to=target,
            version=case.version,
            data=_data(case, spec, target, on),
        )
    return case


def _ensure_conflict_setup() -> None:
    """A demo-only Langsa election whose incumbent mayor heads the PPK agency of the ASN, and
    the province government a conflicted Langsa case is routed to."""
    from netral.elections.models import Contestant, DataStatus, Election

    aceh, _c = Institution.objects.get_or_create(
        name="Pemerintah Provinsi Aceh",
        defaults={"kind": InstitutionKind.PROVINCIAL_GOVERNMENT, "province_id": "11"},
    )
    Institution.objects.filter(name="Pemerintah Kota Langsa", parent=None).update(parent=aceh)
    election, _c = Election.objects.get_or_create(
        code=DEMO_ELECTION,
        defaults={
            "name": "Pemilihan Wali Kota Langsa 2024 (data demo)",
            "kind": "pilkada",
            "level": "walikota",
            "province_id": "11",
            "regency_id": "11.74",
            "candidate_determination": dt.date(2024, 9, 22),
            "voting_day": dt.date(2024, 11, 27),
            "data_status": DataStatus.DEMO,
            "notes": "Data demo: pasangan calon fiktif untuk memperlihatkan konflik kepentingan.",
        },
    )
    Contestant.objects.get_or_create(
        election=election,
        number=1,
        defaults={
            "name": "Pasangan Demo Satu (petahana)",
            "incumbent_of": Institution.objects.get(name="Pemerintah Kota Langsa"),
            "incumbent_office": "Wali Kota Langsa",
        },
    )
    Contestant.objects.get_or_create(
        election=election, number=2, defaults={"name": "Pasangan Demo Dua"}
    )


def load_demo_cases(today: dt.date | None = None) -> str:
    from netral.demo.people import load_people

    load_people()  # the demo app loads after this one; the people must exist first
    today = today or timezone.localdate()
    with transaction.atomic():
        _ensure_conflict_setup()
    made = 0
    for spec in SPECS:
        if Case.objects.filter(summary=spec.summary).exists():
            continue
        with transaction.atomic():
            build(spec, today)
        made += 1
    result = sweep(today=today)
    return f"{made} demo cases created; sweep: {result}"
