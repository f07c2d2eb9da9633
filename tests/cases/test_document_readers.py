"""Each kind of case document has its readers (issue 11.4): the reporter's clarification
minutes and the other documents that identify the reporter or witnesses are read only by the
Bawaslu staff who handle the report, never by the PPK (the accused's employer), BKN, the
Inspektorat, supervisors, the analyst or the administrator."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netral.cases.models import Case, CaseDocument
from netral.cases.policies import CASE, DOCUMENT_READERS, REPORTER_SIDE
from netral.cases.services.documents import case_document_add
from netral.cases.states import DocumentKind as D
from netral.cases.states import State as S
from tests.cases.helpers import PDF, drive, open_oku_case, upload, user

pytestmark = pytest.mark.django_db

HANDLERS = ["bawaslu_oku", "bawaslu_sumsel", "bawaslu_ri"]
OTHERS = [
    "ppk_oku",
    "bkn",
    "bkn_kanreg7",
    "inspektorat_oku",
    "satgas",
    "kemendagri",
    "analyst",
    "admin",
    "monitor_oku",
]


@pytest.fixture
def case_at_ppk() -> Case:
    case = open_oku_case()
    upload(case, "bawaslu_oku", D.MINUTES_REPORTER)
    upload(case, "bawaslu_oku", D.REPORT_FORM)
    return drive(case, S.RECOMMENDED_TO_PPK)


def _doc(case: Case, kind: str) -> CaseDocument:
    return CaseDocument.objects.filter(case=case, kind=kind).latest("id")


def test_every_document_kind_has_its_readers() -> None:
    assert set(DOCUMENT_READERS) == set(D.values)
    assert DOCUMENT_READERS[D.MINUTES_REPORTER] == REPORTER_SIDE
    assert DOCUMENT_READERS[D.SK] == CASE


@pytest.mark.parametrize("username", OTHERS)
def test_the_reporter_minutes_are_not_for_the_other_sides(
    case_at_ppk: Case, username: str, client_for: Any, api_client_for: Any
) -> None:
    minutes = _doc(case_at_ppk, D.MINUTES_REPORTER)
    form = _doc(case_at_ppk, D.REPORT_FORM)
    page = client_for(username).get(reverse("cases:detail", args=[case_at_ppk.pk]))
    assert page.status_code == 200, username  # they all see the case at the PPK stage
    body = page.content.decode()
    for doc in (minutes, form):
        url = reverse("cases:document", args=[case_at_ppk.pk, doc.pk])
        assert url not in body
        assert client_for(username).get(url).status_code == 404
    api = api_client_for(username).get(f"/api/v1/cases/{case_at_ppk.pk}").json()
    kinds = {d["kind"] for d in api["documents"]}
    assert D.MINUTES_REPORTER not in kinds and D.REPORT_FORM not in kinds
    # ... while the documents of the decision are theirs to read
    assert D.RECOMMENDATION_PPK in kinds
    sk_letter = _doc(case_at_ppk, D.RECOMMENDATION_PPK)
    assert (
        client_for(username)
        .get(reverse("cases:document", args=[case_at_ppk.pk, sk_letter.pk]))
        .status_code
        == 200
    )


@pytest.mark.parametrize("username", HANDLERS)
def test_the_handling_bawaslu_reads_the_reporter_minutes(
    case_at_ppk: Case, username: str, client_for: Any
) -> None:
    minutes = _doc(case_at_ppk, D.MINUTES_REPORTER)
    url = reverse("cases:document", args=[case_at_ppk.pk, minutes.pk])
    assert client_for(username).get(url).status_code == 200
    assert (
        url
        in client_for(username).get(reverse("cases:detail", args=[case_at_ppk.pk])).content.decode()
    )


def test_the_ppk_cannot_file_a_document_that_identifies_the_reporter(case_at_ppk: Case) -> None:
    from django.core.exceptions import ValidationError

    before = CaseDocument.objects.filter(case=case_at_ppk).count()
    with pytest.raises(ValidationError):
        case_document_add(
            case_id=case_at_ppk.pk,
            actor=user("ppk_oku"),
            kind=D.MINUTES_REPORTER,
            title="BA",
            upload=SimpleUploadedFile("ba.pdf", PDF),
        )
    assert CaseDocument.objects.filter(case=case_at_ppk).count() == before


def test_an_other_document_stays_with_its_filer_and_the_handlers(
    case_at_ppk: Case, client_for: Any
) -> None:
    upload(case_at_ppk, "ppk_oku", D.OTHER)
    other = _doc(case_at_ppk, D.OTHER)
    url = reverse("cases:document", args=[case_at_ppk.pk, other.pk])
    assert client_for("ppk_oku").get(url).status_code == 200
    assert client_for("bawaslu_oku").get(url).status_code == 200
    assert client_for("bkn").get(url).status_code == 404


def test_the_upload_form_offers_only_the_kinds_one_may_file(
    case_at_ppk: Case, client_for: Any
) -> None:
    ppk_page = client_for("ppk_oku").get(reverse("cases:detail", args=[case_at_ppk.pk]))
    kinds = [k for k, _label in ppk_page.context["document_form"].fields["kind"].choices]
    assert D.SK in kinds and D.MINUTES_REPORTER not in kinds and D.REPORT_FORM not in kinds
