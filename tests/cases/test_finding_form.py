"""The finding (temuan) form: election and violation items are picked, not typed, and the phase
resolver refuses an item of the wrong phase without losing what the officer entered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from netral.cases.models import Case

pytestmark = pytest.mark.django_db

FORM = {
    "summary": "Kepala dinas membagikan unggahan kampanye paslon 1 di grup WhatsApp kantor",
    "incident_date": "2024-10-15",  # after candidate determination (2024-09-22)
    "place": "Baturaja",
    "regency": "16.01",
    "election": "pilbup-oku-2024",
    "subject_name": "Rudi Hartono",
    "subject_agency": "Dinas Pendidikan",
    "subject_position": "Kepala Dinas",
}


def test_the_form_offers_the_catalogue_items_and_elections_to_pick(client_for):
    page = client_for("bawaslu_oku").get(reverse("cases:finding-new")).content.decode()
    assert 'type="checkbox" name="violations" value="D6"' in page
    assert 'value="pilbup-oku-2024"' in page


def test_a_discipline_item_after_determination_opens_the_finding(client_for):
    response = client_for("bawaslu_oku").post(
        reverse("cases:finding-new"), {**FORM, "violations": ["D6"]}
    )
    assert response.status_code == 302
    case = Case.objects.get(summary=FORM["summary"])
    assert list(case.violations.values_list("code", flat=True)) == ["D6"]
    assert case.election is not None and case.election.code == "pilbup-oku-2024"


def test_an_ethics_item_after_determination_is_refused_and_nothing_typed_is_lost(client_for):
    response = client_for("bawaslu_oku").post(
        reverse("cases:finding-new"), {**FORM, "violations": ["E2"]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kode E2 tidak berlaku pada tanggal kejadian ini" in page
    assert FORM["summary"] in page and "Rudi Hartono" in page
    assert not Case.objects.filter(summary=FORM["summary"]).exists()


def test_an_unknown_item_code_is_refused_by_the_picker(client_for):
    response = client_for("bawaslu_oku").post(
        reverse("cases:finding-new"), {**FORM, "violations": ["Z9"]}
    )
    assert response.status_code == 200
    assert "Z9" in response.content.decode()  # Django names the value it cannot accept
    assert not Case.objects.filter(summary=FORM["summary"]).exists()
