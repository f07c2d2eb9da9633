"""Conflict of interest: the PPK is a contestant; the case is flagged and routed one level up."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from netral.accounts.models import Institution
from netral.cases.models import Case
from netral.cases.services.conflict import conflict_refresh
from netral.elections.models import Contestant, Election
from tests.cases.helpers import open_oku_case

pytestmark = pytest.mark.django_db


def test_a_mayor_running_for_office_sends_the_langsa_decision_to_the_governor(
    client_for: Callable[[str], Client], api_client_for: Callable[[str], Client]
) -> None:
    case = Case.objects.get(summary__startswith="Sekretaris dinas memobilisasi")
    subject = case.subjects.get()
    assert case.conflict_of_interest and subject.conflict_of_interest
    assert getattr(subject.decision_institution, "name", None) == "Pemerintah Provinsi Aceh"
    assert "Pasangan Demo Satu" in case.conflict_note
    page = client_for("bawaslu_langsa").get(reverse("cases:detail", args=[case.pk]))
    assert 'data-testid="conflict-flag"' in page.content.decode()
    listing = client_for("bawaslu_langsa").get(reverse("cases:register")).content.decode()
    assert case.number in listing and 'data-testid="conflict-flag"' in listing
    api = api_client_for("bawaslu_langsa").get(f"/api/v1/cases/{case.pk}").json()
    assert api["conflict_of_interest"] and api["subject_list"][0]["conflict_of_interest"]
    # The conflicted PPK's own personnel office cannot decide it.
    assert client_for("ppk_langsa").post(
        reverse("cases:move", args=[case.pk]), {"to": "ppk_decided", "version": case.version}
    ).status_code in (404, 422)


def test_a_governor_running_again_sends_a_provincial_case_to_kemendagri() -> None:
    jatim = Institution.objects.get(name="Pemerintah Provinsi Jawa Timur")
    election = Election.objects.get(code="pilgub-jatim-2024")
    Contestant.objects.filter(election=election, number=2).update(incumbent_of=jatim)
    case = open_oku_case(
        incident_regency_id=None,
        incident_province_id="35",
        election=election,
        subjects=[{"name": "Agus", "ppk_institution": jatim}],
    )
    subject = case.subjects.get()
    assert case.conflict_of_interest
    assert getattr(subject.decision_institution, "name", None) == "Kementerian Dalam Negeri"
    Contestant.objects.filter(election=election).update(incumbent_of=None)
    assert conflict_refresh(case=case) is False
    assert case.subjects.get().decision_institution == jatim
