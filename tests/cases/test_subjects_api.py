"""The two writes on one ASN of a case, by API: Bawaslu adds an ASN while it examines the case,
and a PPK records its SK for one ASN while other PPKs of the same case still decide."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from netral.audit.models import AuditEntry
from netral.cases.models import CaseSubject
from netral.cases.states import DocumentKind as D
from netral.cases.states import State as S
from tests.cases.helpers import drive, open_oku_case, upload

pytestmark = pytest.mark.django_db


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, content_type="application/json")


SK = {
    "sk_number": "800/7/BKPSDM/2024",
    "sk_date": "2024-12-01",
    "punishment": "Penurunan jabatan setingkat lebih rendah 12 bulan",
}


def test_bawaslu_adds_an_asn_while_it_examines_and_the_addition_is_audited(
    api_client_for: Callable[[str], Client],
) -> None:
    case = open_oku_case()
    answer = _post(
        api_client_for("bawaslu_oku"),
        f"/api/v1/cases/{case.pk}/subjects",
        {"name": "Siti Aminah", "position": "Lurah"},
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["name"] == "Siti Aminah"
    assert case.subjects.count() == 2
    assert AuditEntry.objects.filter(action="case.subject_add").count() == 1


def test_an_asn_cannot_be_added_once_the_case_left_bawaslu(
    api_client_for: Callable[[str], Client],
) -> None:
    case = drive(open_oku_case(), S.PROVEN)
    answer = _post(
        api_client_for("bawaslu_oku"), f"/api/v1/cases/{case.pk}/subjects", {"name": "Siti Aminah"}
    )
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "subjects"
    assert case.subjects.count() == 1


def test_outsiders_get_404_and_readers_403_from_the_subject_endpoints(
    api_client_for: Callable[[str], Client],
) -> None:
    case = open_oku_case()
    sid = case.subjects.get().pk
    urls = [
        (f"/api/v1/cases/{case.pk}/subjects", {"name": "X"}),
        (f"/api/v1/cases/{case.pk}/subjects/{sid}/decision", SK),
    ]
    for url, body in urls:
        assert _post(api_client_for("bawaslu_palembang"), url, body).status_code == 404
        assert _post(api_client_for("analyst"), url, body).status_code == 403


def test_the_ppk_records_its_sk_for_one_asn_then_decides_the_case(
    api_client_for: Callable[[str], Client],
) -> None:
    case = drive(open_oku_case(), S.RECOMMENDED_TO_PPK)
    subject = case.subjects.get()
    ppk = api_client_for("ppk_oku")
    answer = _post(ppk, f"/api/v1/cases/{case.pk}/subjects/{subject.pk}/decision", SK)
    assert answer.status_code == 200, answer.content
    assert answer.json()["sk_number"] == SK["sk_number"]
    assert str(CaseSubject.objects.get(pk=subject.pk).sk_date) == SK["sk_date"]
    # The PPK's clock stopped with its last SK; the move needs no SK fields any more.
    assert not case.stages.filter(stage="ppk_follow_up", completed_at__isnull=True).exists()
    upload(case, "ppk_oku", D.SK)
    case.refresh_from_db()
    moved = _post(
        ppk, f"/api/v1/cases/{case.pk}/transitions", {"to": S.PPK_DECIDED, "version": case.version}
    )
    assert moved.status_code == 200, moved.content


def test_an_sk_date_that_is_not_a_date_is_refused_by_name(
    api_client_for: Callable[[str], Client],
) -> None:
    case = drive(open_oku_case(), S.RECOMMENDED_TO_PPK)
    subject = case.subjects.get()
    answer = _post(
        api_client_for("ppk_oku"),
        f"/api/v1/cases/{case.pk}/subjects/{subject.pk}/decision",
        {**SK, "sk_date": "1 Desember"},
    )
    assert answer.status_code == 422
    assert CaseSubject.objects.get(pk=subject.pk).sk_number == ""
