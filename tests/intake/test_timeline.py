"""The reporter's timeline at /lapor/status/: each stage with its date and meaning, what comes
next and by when, the outcome per ASN at the end; nothing internal at any stage."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from netral.cases.models import CaseTransition
from netral.cases.states import State as S
from netral.intake.models import Report
from tests.cases.helpers import drive
from tests.intake.conftest import form_data

pytestmark = pytest.mark.django_db

# What a reporter must never read: officers' accounts and notes, letter numbers, SK numbers.
INTERNAL = (
    "bawaslu_oku",
    "bkn",
    "ppk_oku",
    "001/PP.01.02",
    "9953/B-AK",
    "800/",
    "Catatan internal rahasia",
)


def _filed(client: Client) -> tuple[Report, Any]:
    response = client.post("/lapor/", form_data(**{"asn-0-regency": ""}))
    receipt = response.context["receipt"]
    client.post("/lapor/status/", {"action": "open", "receipt": receipt})
    return Report.objects.latest("id"), receipt


def _status(client: Client) -> str:
    return client.get("/lapor/status/").content.decode()


@pytest.mark.parametrize("until", [S.RECEIVED, S.EXAMINATION, S.RECOMMENDED_TO_PPK, S.EXECUTED])
def test_the_timeline_at_each_stage_shows_nothing_internal(until: str) -> None:
    client = Client()
    report, _receipt = _filed(client)
    case = report.case
    if until != S.RECEIVED:
        case = drive(case, until)
    CaseTransition.objects.filter(case=case).update(note="Catatan internal rahasia")
    page = _status(client)
    timeline = page.split('data-testid="timeline"')[1].split("</section>")[0]
    assert timeline.count('data-testid="step"') == case.transitions.count()
    assert str(S(until).label) in timeline
    for secret in INTERNAL:
        assert secret not in page, secret
    if until == S.EXECUTED:
        outcomes = timeline.split('data-testid="outcomes"')[1]
        assert "Budi Santoso" in outcomes and "Terbukti" in outcomes
        assert "Penurunan jabatan setingkat lebih rendah" in outcomes
        assert "Dilaksanakan" in outcomes
    else:
        assert 'data-testid="next"' in timeline and "Paling lambat" in timeline
    if until in {S.RECEIVED, S.EXAMINATION}:
        assert "Belum diputus" in timeline
