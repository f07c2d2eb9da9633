"""Build cases through the real services and drive them along the pipeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from netral.accounts.models import Institution, User
from netral.cases.models import Case
from netral.cases.services import CaseOpening, case_open
from netral.cases.services.documents import case_document_add
from netral.cases.services.transition import case_transition
from netral.cases.states import DocumentKind as D
from netral.cases.states import State as S

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def user(username: str) -> User:
    return User.objects.select_related("institution").get(username=username)


def pemkab_oku() -> Institution:
    return Institution.objects.get(name="Pemerintah Kabupaten Ogan Komering Ulu")


def open_oku_case(**extra: Any) -> Case:
    kwargs: dict[str, Any] = {
        "origin": "report",
        "summary": "Camat hadir di kampanye paslon",
        "incident_regency_id": "16.01",
        "incident_date": dt.date(2024, 10, 10),
        "subjects": [
            {
                "name": "Budi Santoso",
                "nip": "198001012005011001",
                "agency_name": "Kecamatan Baturaja Timur",
                "position": "Camat",
                "ppk_institution": pemkab_oku(),
            }
        ],
    }
    kwargs.update(extra)
    return case_open(actor=kwargs.pop("actor", None), opening=CaseOpening(**kwargs))


def upload(case: Case, username: str, kind: str) -> None:
    case_document_add(
        case_id=case.pk,
        actor=user(username),
        kind=kind,
        title=kind,
        upload=SimpleUploadedFile(f"{kind}.pdf", PDF, "application/pdf"),
    )


def move(case: Case, username: str, to: str, **data: Any) -> Case:
    case.refresh_from_db()
    return case_transition(
        case_id=case.pk, actor=user(username), to=to, version=case.version, data=data
    )


# (who acts, target state, documents to upload first, fields)
def path_to_sanction(case: Case) -> list[tuple[str, str, list[str], dict[str, Any]]]:
    subjects = {str(s.pk): {"outcome": "proven", "violations": ["D7"]} for s in case.subjects.all()}
    sanctions = {
        str(s.pk): {"level": "berat", "sanction": "Penurunan jabatan 12 bulan"}
        for s in case.subjects.all()
    }
    decisions = {
        str(s.pk): {
            "sk_number": f"800/{s.pk}/BKPSDM/2024",
            "sk_date": "2024-12-01",
            "punishment": "Penurunan jabatan setingkat lebih rendah 12 bulan",
        }
        for s in case.subjects.all()
    }
    return [
        ("bawaslu_oku", S.PRELIMINARY_REVIEW, [], {}),
        ("bawaslu_oku", S.REGISTERED, [D.PRELIMINARY_REVIEW], {}),
        ("bawaslu_oku", S.EXAMINATION, [], {}),
        ("bawaslu_oku", S.PROVEN, [D.MINUTES_ASN, D.EXAMINATION_RESULT], {"outcomes": subjects}),
        (
            "bawaslu_oku",
            S.RECOMMENDED_TO_AUTHORITY,
            [D.RECOMMENDATION_AUTHORITY],
            {"letter_number": "001/PP.01.02/K.SS-01/11/2024"},
        ),
        ("bkn", S.AUTHORITY_VERIFICATION, [], {}),
        (
            "bkn",
            S.RECOMMENDED_TO_PPK,
            [D.RECOMMENDATION_PPK],
            {"letter_number": "9953/B-AK.02.02/SD/F/2024", "sanctions": sanctions},
        ),
        ("ppk_oku", S.PPK_DECIDED, [D.SK], {"decisions": decisions}),
        ("ppk_oku", S.EXECUTED, [D.EXECUTION], {"executed_date": "2024-12-02"}),
        ("bkn", S.CLOSED, [], {}),
    ]


def drive(case: Case, until: str) -> Case:
    """Take the case along the sanction path up to and including `until`."""
    steps = path_to_sanction(case)
    targets = [step[1] for step in steps]
    start = targets.index(case.state) + 1 if case.state in targets else 0
    for who, to, docs, data in steps[start:]:
        for kind in docs:
            upload(case, who, kind)
        case = move(case, who, to, **data)
        if to == until:
            break
    return case
