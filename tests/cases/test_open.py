"""Opening a case: number, routing and first clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from netral.cases.models import Case
from netral.cases.services import CaseOpening, case_open
from netral.cases.states import State

pytestmark = pytest.mark.django_db


def _open(*, actor: None = None, **opening: Any) -> Case:
    return case_open(actor=actor, opening=CaseOpening(**opening))


def test_a_report_in_oku_goes_to_bawaslu_oku_with_a_readable_number() -> None:
    case = _open(
        origin="report",
        actor=None,
        summary="Camat ikut kampanye",
        incident_regency_id="16.01",
        received_on=dt.date(2024, 10, 1),
        subjects=[{"name": "Budi", "agency_name": "Kecamatan Baturaja"}],
    )
    assert case.handling_institution.name == "Bawaslu Kabupaten Ogan Komering Ulu"
    assert case.regency_id == "16.01" and case.province_id == "16"
    assert case.state == State.RECEIVED and case.version == 1
    assert case.number.endswith("/LP/PL/16.01/2024")
    assert case.stages.get().stage == "preliminary_review"
    second = _open(
        origin="finding",
        actor=None,
        summary="x",
        incident_regency_id="16.01",
        received_on=dt.date(2024, 10, 1),
    )
    assert "/TM/PL/16.01/2024" in second.number


def test_a_regency_without_its_own_office_falls_back_to_the_province() -> None:
    case = _open(origin="report", actor=None, summary="x", incident_regency_id="16.02")
    assert case.handling_institution.name == "Bawaslu Provinsi Sumatera Selatan"
    assert case.regency_id is None and case.province_id == "16"


def test_a_bad_nip_is_refused_and_nothing_is_saved() -> None:
    before = Case.objects.count()
    with pytest.raises(ValidationError, match="NIP"):
        _open(
            origin="report",
            actor=None,
            summary="x",
            incident_regency_id="16.01",
            subjects=[{"name": "A", "nip": "123"}],
        )
    assert Case.objects.count() == before
