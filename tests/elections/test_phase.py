"""Phase resolution around the candidate-determination date, and the authority switch."""

from __future__ import annotations

from datetime import date

import pytest

from netral.catalogue.models import Authority
from netral.elections.models import Election
from netral.elections.phase import authority_on, resolve_phase

pytestmark = pytest.mark.django_db


def _codes(resolution):
    return {v.code for v in resolution.violations}


def test_the_day_before_determination_gives_ethics_items():
    oku = Election.objects.get(code="pilbup-oku-2024")
    result = resolve_phase(oku, date(2024, 9, 21))
    assert result.phase == "before_determination"
    codes = _codes(result)
    assert {f"E{i}" for i in range(1, 8)} <= codes
    assert {"D3", "D9", "D11", "D5", "D13"} <= codes  # bakal-calon discipline items and "any"
    assert not codes & {"D1", "D2", "D4", "D6", "D7", "D8", "D10", "D12"}


def test_the_determination_day_itself_gives_discipline_items():
    oku = Election.objects.get(code="pilbup-oku-2024")
    result = resolve_phase(oku, date(2024, 9, 22))
    assert result.phase == "after_determination"
    codes = _codes(result)
    assert {"D1", "D2", "D10", "D12", "D5", "PP94-5n-3"} <= codes
    assert not codes & {f"E{i}" for i in range(1, 8)}
    assert "2024-09-22" in result.explanation


def test_unknown_determination_date_offers_every_item():
    oku = Election.objects.get(code="pilbup-oku-2024")
    oku.candidate_determination = None
    result = resolve_phase(oku, date(2024, 9, 22))
    assert result.phase == "unknown" and result.violations.count() == 27


@pytest.mark.parametrize(
    ("day", "authority"),
    [
        (date(2019, 4, 1), "KASN"),
        (date(2024, 8, 23), "KASN"),
        (date(2024, 8, 24), "BKN"),
        (date(2026, 1, 1), "BKN"),
    ],
)
def test_authority_switches_from_kasn_to_bkn_on_24_august_2024(day, authority):
    found = authority_on(day)
    assert found is not None and found.code == authority


def test_recommendation_date_picks_the_authority_not_the_incident_date():
    pemilu = Election.objects.get(code="pemilu-2024")
    result = resolve_phase(pemilu, date(2024, 1, 10), recommendation_date=date(2024, 9, 1))
    assert result.phase == "after_determination"
    assert result.authority is not None and result.authority.code == "BKN"


def test_a_new_body_is_a_new_row_not_a_code_change():
    Authority.objects.filter(code="BKN").update(valid_until=date(2027, 10, 15))
    Authority.objects.create(
        code="LEMBAGA-BARU", name="Lembaga independen pengawas ASN", valid_from=date(2027, 10, 16)
    )
    codes = [getattr(authority_on(date(2027, 10, d)), "code", None) for d in (15, 16)]
    assert codes == ["BKN", "LEMBAGA-BARU"]
