"""Public read API of elections."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_list_gives_every_election_with_stages(anon, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        items = anon.get("/api/v1/elections").json()
    by_code = {e["code"]: e for e in items}
    assert set(by_code) >= {
        "pemilu-2024",
        "pilpres-2019",
        "pilkada-dki-2017",
        "pilgub-jatim-2024",
        "pilbup-oku-2024",
    }
    assert by_code["pemilu-2024"]["stages"]["candidate_determination"] == "2023-11-13"


def test_detail_gives_contestants_parties_and_aliases(anon, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        data = anon.get("/api/v1/elections/pilgub-jatim-2024").json()
    assert data["region"] == "35"
    risma = data["contestants"][2]
    assert risma["number"] == 3 and "#RismaGusHans" in risma["aliases"]
    assert "PDIP" in risma["parties"]


def test_unknown_election_is_404(anon):
    response = anon.get("/api/v1/elections/pemilu-1999")
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "code"


def test_phase_endpoint_names_the_phase_authority_and_items(anon):
    data = anon.get("/api/v1/elections/pilbup-oku-2024/phase?date=2024-10-01").json()
    assert data["phase"] == "after_determination" and data["authority"].startswith("Badan")
    assert "D1" in data["violations"] and "E1" not in data["violations"]
    bad = anon.get("/api/v1/elections/pilbup-oku-2024/phase?date=kemarin")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "date"
