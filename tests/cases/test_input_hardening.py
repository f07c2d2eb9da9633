"""Malformed or out-of-bounds input to the case services and API is refused by field, never
stored half-way and never a 500 (PostgreSQL refuses overlong text and NUL bytes that SQLite
keeps), and people who only read a case cannot put documents or decisions on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from netral.accounts.models import Institution, InstitutionKind
from netral.cases.models import Case, CaseDocument, CaseSubject
from netral.cases.services import case_subject_add, subject_decision_record
from netral.cases.services.documents import case_document_add
from netral.cases.states import DocumentKind as D
from netral.cases.states import State as S
from tests.cases.helpers import PDF, drive, open_oku_case, upload, user

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _move(client: Any, case: Case, to: str, **data: Any) -> Any:
    case.refresh_from_db()
    return client.post(
        f"/api/v1/cases/{case.pk}/transitions",
        {"to": to, "version": case.version, **data},
        content_type=JSON,
    )


def _fields(answer: Any) -> set[str]:
    return {e["field"] for e in answer.json()["errors"]}


def test_a_letter_number_longer_than_its_column_is_refused_by_name(
    api_client_for: Callable[[str], Client],
) -> None:
    case = drive(open_oku_case(), S.PROVEN)
    upload(case, "bawaslu_oku", D.RECOMMENDATION_AUTHORITY)
    answer = _move(
        api_client_for("bawaslu_oku"), case, S.RECOMMENDED_TO_AUTHORITY, letter_number="L" * 101
    )
    assert answer.status_code == 422 and _fields(answer) == {"letter_number"}
    assert Case.objects.get(pk=case.pk).state == S.PROVEN


def test_a_transition_with_a_field_the_move_does_not_take_is_refused_naming_it(
    api_client_for: Callable[[str], Client],
) -> None:
    case = open_oku_case()
    answer = _move(api_client_for("bawaslu_oku"), case, S.PRELIMINARY_REVIEW, letter_numbr="x")
    assert answer.status_code == 422 and _fields(answer) == {"letter_numbr"}
    assert Case.objects.get(pk=case.pk).state == S.RECEIVED


@pytest.mark.parametrize("note", ["a\x00b", "n" * 10_001])
def test_a_nul_or_a_huge_note_is_refused(
    note: str, api_client_for: Callable[[str], Client]
) -> None:
    case = open_oku_case()
    answer = _move(api_client_for("bawaslu_oku"), case, S.PRELIMINARY_REVIEW, note=note)
    assert answer.status_code == 422 and _fields(answer) == {"note"}
    assert Case.objects.get(pk=case.pk).version == case.version


def test_a_step_cannot_be_dated_before_the_step_before_it(
    api_client_for: Callable[[str], Client],
) -> None:
    case = open_oku_case()
    client = api_client_for("bawaslu_oku")
    answer = _move(client, case, S.PRELIMINARY_REVIEW, date="0001-01-01")
    assert answer.status_code == 422 and _fields(answer) == {"date"}
    assert not case.stages.filter(started__year=1).exists()
    assert _move(client, case, S.PRELIMINARY_REVIEW).status_code == 200


@pytest.mark.parametrize(
    ("subject", "why"),
    [
        ({"name": "A" * 201}, "name"),
        ({"name": "Budi", "agency_name": "B" * 201}, "agency_name"),
        ({"name": "Budi", "ppk_institution_id": 999_999}, "subjects"),
        ({"name": "Budi", "ppk_institution_id": -1}, "subjects"),
        ({"name": "Bu\x00di"}, "name"),
    ],
)
def test_a_finding_with_a_bad_asn_is_refused_and_nothing_is_saved(
    subject: dict[str, Any], why: str, api_client_for: Callable[[str], Client]
) -> None:
    before = Case.objects.count()
    answer = api_client_for("bawaslu_oku").post(
        "/api/v1/cases",
        {"summary": "Camat kampanye", "regency": "16.01", "subjects": [subject]},
        content_type=JSON,
    )
    assert answer.status_code == 422
    assert any(f.endswith(why) for f in _fields(answer)), answer.json()
    assert Case.objects.count() == before


def test_an_asn_can_only_name_a_ppk_agency_as_their_ppk(
    api_client_for: Callable[[str], Client],
) -> None:
    bawaslu = Institution.objects.filter(kind=InstitutionKind.BAWASLU_RI).first()
    assert bawaslu is not None
    answer = api_client_for("bawaslu_oku").post(
        "/api/v1/cases",
        {
            "summary": "x",
            "regency": "16.01",
            "subjects": [{"name": "Budi", "ppk_institution_id": bawaslu.pk}],
        },
        content_type=JSON,
    )
    assert answer.status_code == 422 and _fields(answer) == {"subjects"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"summary": "x", "province": "16", "regency": "11.74"}, "regency"),
        ({"summary": "x", "province": "16", "incident_date": "9999-12-31"}, "incident_date"),
        ({"summary": "x\x00", "province": "16"}, "summary"),
    ],
)
def test_a_provincial_finding_must_lie_in_its_province_and_in_the_past(
    body: dict[str, Any], field: str, api_client_for: Callable[[str], Client]
) -> None:
    answer = api_client_for("bawaslu_sumsel").post("/api/v1/cases", body, content_type=JSON)
    assert answer.status_code == 422 and _fields(answer) == {field}
    assert not Case.objects.filter(incident_regency_id="11.74", province_id="16").exists()


def test_a_monitor_of_the_office_cannot_file_the_documents_a_move_requires(
    api_client_for: Callable[[str], Client],
) -> None:
    case = open_oku_case()
    answer = api_client_for("monitor_oku").post(
        f"/api/v1/cases/{case.pk}/documents",
        {"kind": D.PRELIMINARY_REVIEW, "file": SimpleUploadedFile("k.pdf", PDF)},
    )
    assert answer.status_code == 422
    assert not CaseDocument.objects.filter(case=case).exists()


def test_a_monitor_cannot_add_an_asn_to_the_case() -> None:
    case = open_oku_case()
    with pytest.raises(ValidationError):
        case_subject_add(case_id=case.pk, actor=user("monitor_oku"), data={"name": "Siti"})
    assert case.subjects.count() == 1


def test_a_supervisor_of_the_deciding_agency_cannot_record_the_sk() -> None:
    """Kemendagri decides on a conflicted provincial PPK's ASN; its supervisor reads the case
    but only a PPK officer records the SK."""
    case = drive(open_oku_case(), S.RECOMMENDED_TO_PPK)
    kemendagri = Institution.objects.get(kind=InstitutionKind.KEMENDAGRI)
    subject = case.subjects.get()
    CaseSubject.objects.filter(pk=subject.pk).update(decision_institution=kemendagri)
    with pytest.raises(ValidationError):
        subject_decision_record(
            case_id=case.pk,
            subject_id=subject.pk,
            actor=user("kemendagri"),
            data={"sk_number": "1/SK", "sk_date": "2024-12-01", "punishment": "Teguran"},
        )
    with pytest.raises(ValidationError):
        case_document_add(
            case_id=case.pk,
            actor=user("kemendagri"),
            kind=D.SK,
            title="SK",
            upload=SimpleUploadedFile("sk.pdf", PDF),
        )
    assert CaseSubject.objects.get(pk=subject.pk).sk_number == ""


def test_outsiders_get_404_from_the_document_endpoints(
    api_client_for: Callable[[str], Client], client_for: Callable[[str], Client]
) -> None:
    case = open_oku_case()
    upload(case, "bawaslu_oku", D.REPORT_FORM)
    doc = CaseDocument.objects.get(case=case)
    for who in ("bawaslu_palembang", "bawaslu_langsa", "ppk_langsa", "bkn"):
        answer = api_client_for(who).post(
            f"/api/v1/cases/{case.pk}/documents",
            {"kind": D.OTHER, "file": SimpleUploadedFile("x.pdf", PDF)},
        )
        assert answer.status_code == 404, who
        page = client_for(who).get(f"/staf/perkara/{case.pk}/dokumen/{doc.pk}/")
        assert page.status_code == 404, who
    assert CaseDocument.objects.filter(case=case).count() == 1


def test_the_bkn_verifier_cannot_move_a_case_still_under_bawaslu_review(
    api_client_for: Callable[[str], Client],
) -> None:
    case = drive(open_oku_case(), S.PROVEN)
    answer = _move(api_client_for("bkn"), case, S.RECOMMENDED_TO_AUTHORITY, letter_number="1")
    assert answer.status_code == 404
    assert answer.json() == api_client_for("bkn").get("/api/v1/cases/999999").json()
