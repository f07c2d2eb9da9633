"""/api/v1/prevention/: events, attendance imports (bad lines reported by number), pact rounds
and their coverage, socialization reach; scoped like the pages (404 outside one's
jurisdiction, 403 for what one sees but may not change)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from netral.elections.models import Election
from netral.prevention import coverage, events
from netral.prevention.models import Attendance, Event, PactRound
from netral.regions.models import Regency
from netral.registry.models import Asn
from netral.registry.vocab import Status

from .test_events import ZOOM

pytestmark = pytest.mark.django_db
API = "/api/v1/prevention"
OKU_WEBINAR = "Webinar Netralitas ASN dalam Pilkada OKU 2024"
LANGSA_WEBINAR = "Netralitas ASN Menghadapi Pemilu 2024"


@pytest.fixture
def trial_election() -> Election:
    """An election no demo event belongs to, so reach counts only this test's event."""
    return Election.objects.create(
        code="pilkada-uji-api",
        name="Pilkada Uji API",
        kind="pilkada",
        level="bupati",
        voting_day=dt.date(2029, 11, 28),
    )


@pytest.fixture
def oku_event(persona: Callable[[str], Any], trial_election: Election) -> Event:
    return events.event_create(
        actor=persona("ppk_oku"),
        title="Apel netralitas ASN (API)",
        kind="apel",
        organisers="BKPSDM OKU",
        date=dt.date(2029, 10, 1),
        regency=Regency.objects.get(pk="16.01"),
        election=trial_election,
    )


def _upload(client: Client, event: Event, name: str, data: bytes) -> Any:
    return client.post(
        f"{API}/events/{event.pk}/attendance", {"file": SimpleUploadedFile(name, data)}
    )


def test_events_are_listed_as_on_the_page(api_client_for: Callable[[str], Client]) -> None:
    answer = api_client_for("ppk_oku").get(f"{API}/events")
    assert answer.status_code == 200
    titles = {e["title"] for e in answer.json()["results"]}
    assert OKU_WEBINAR in titles and LANGSA_WEBINAR not in titles
    webinar = next(e for e in answer.json()["results"] if e["title"] == OKU_WEBINAR)
    event = Event.objects.get(title=OKU_WEBINAR)
    assert webinar["attendees_matched"] == event.attendance.filter(match="cocok").count() > 0
    langsa = api_client_for("ppk_langsa").get(f"{API}/events").json()["results"]
    assert {e["title"] for e in langsa} == {LANGSA_WEBINAR}


def test_a_zoom_export_is_imported_and_unsure_lines_are_named_by_number(
    api_client_for: Callable[[str], Client], oku_event: Event
) -> None:
    answer = _upload(api_client_for("ppk_oku"), oku_event, "participants.csv", ZOOM.encode())
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["layout"] == "zoom"
    assert (body["matched"], body["uncertain"], body["unmatched"], body["duplicates"]) == (
        2,
        1,
        1,
        1,
    )
    # The participant table starts on line 4: Yusuf Maulan is line 8, "Samsung A52" line 9.
    assert [(n["line"], n["match"]) for n in body["lines"]] == [(8, "ragu"), (9, "tidak")]
    assert "Tidak ditemukan" in body["lines"][1]["reason"]
    assert oku_event.attendance.count() == 4


def test_a_file_without_a_header_is_refused_naming_the_file(
    api_client_for: Callable[[str], Client], oku_event: Event
) -> None:
    answer = _upload(api_client_for("ppk_oku"), oku_event, "x.csv", b"\x00\x01junk\nmore junk\n")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "file"
    assert not oku_event.attendance.exists()


def test_an_import_outside_ones_jurisdiction_is_404_and_a_reader_gets_403(
    api_client_for: Callable[[str], Client], oku_event: Event
) -> None:
    assert (
        _upload(api_client_for("ppk_langsa"), oku_event, "z.csv", ZOOM.encode()).status_code == 404
    )
    # Bawaslu OKU sees the event (its kab/kota) but did not enter it.
    assert (
        _upload(api_client_for("bawaslu_oku"), oku_event, "z.csv", ZOOM.encode()).status_code == 403
    )
    assert not oku_event.attendance.exists()


def test_rounds_and_coverage_match_the_data(api_client_for: Callable[[str], Client]) -> None:
    client = api_client_for("ppk_oku")
    rounds = client.get(f"{API}/rounds").json()["results"]
    oku_round = PactRound.objects.get(agency__code="16.01", election__code="pilbup-oku-2024")
    listed = next(r for r in rounds if r["id"] == oku_round.pk)
    cov = coverage.of_round(oku_round)
    assert (listed["invited"], listed["signed"]) == (cov["all"].total, cov["all"].signed)
    assert 0 < listed["signed"] < listed["invited"]  # the demo's partial coverage
    assert all(r["agency_code"] == "16.01" for r in rounds)

    answer = client.get(f"{API}/rounds/{oku_round.pk}/coverage")
    assert answer.status_code == 200
    body = answer.json()
    signed = oku_round.invitations.filter(
        signature__isnull=False, signature__revoked_at__isnull=True
    ).count()
    assert body["all"]["signed"] == signed
    assert body["all"]["total"] == oku_round.invitations.count()
    assert body["heads"]["total"] == oku_round.invitations.filter(is_head=True).count()
    assert sum(u["total"] for u in body["units"]) == body["all"]["total"]
    assert body["all"]["percent"] == round(100 * signed / body["all"]["total"], 1)


def test_a_round_of_another_agency_is_404(api_client_for: Callable[[str], Client]) -> None:
    oku_round = PactRound.objects.get(agency__code="16.01", election__code="pilbup-oku-2024")
    langsa = api_client_for("ppk_langsa")
    assert langsa.get(f"{API}/rounds/{oku_round.pk}/coverage").status_code == 404
    assert oku_round.pk not in {r["id"] for r in langsa.get(f"{API}/rounds").json()["results"]}
    # Bawaslu OKU watches the coverage of agencies in its kab/kota.
    assert (
        api_client_for("bawaslu_oku").get(f"{API}/rounds/{oku_round.pk}/coverage").status_code
        == 200
    )


def test_reach_counts_asn_who_attended_over_the_agencys_active_asn(
    api_client_for: Callable[[str], Client], oku_event: Event, trial_election: Election
) -> None:
    client = api_client_for("ppk_oku")
    assert _upload(client, oku_event, "participants.csv", ZOOM.encode()).status_code == 200
    answer = client.get(f"{API}/reach", {"election": trial_election.pk})
    assert answer.status_code == 200
    matched = Asn.objects.filter(
        attendances__event=oku_event, attendances__match=Attendance.Match.MATCHED
    ).distinct()
    expected: dict[str, set[int]] = {}
    for asn in matched.select_related("agency"):
        expected.setdefault(asn.agency.name, set()).add(asn.pk)
    rows = {r["agency"]: r for r in answer.json()}
    assert set(rows) == set(expected)
    for name, reached in expected.items():
        active = Asn.objects.filter(agency__name=name, status=Status.ACTIVE, listed=True).count()
        assert (rows[name]["reached"], rows[name]["active"]) == (len(reached), active)
    # Langsa's officer does not see the OKU event: nothing reached for them in this election.
    langsa = api_client_for("ppk_langsa").get(f"{API}/reach", {"election": trial_election.pk})
    assert langsa.json() == []


def test_lists_take_a_fixed_number_of_queries(
    api_client_for: Callable[[str], Client], django_assert_max_num_queries: Any
) -> None:
    client = api_client_for("bawaslu_sumsel")  # the whole province: every demo event and round
    client.get(f"{API}/events")  # the token's first use is recorded once
    with django_assert_max_num_queries(4):  # token, its user's second factor, count, page
        assert client.get(f"{API}/events").status_code == 200
    with django_assert_max_num_queries(5):  # the policy reads the office's jurisdiction once
        assert client.get(f"{API}/rounds").status_code == 200


def test_without_a_token_the_api_answers_401(anon: Client) -> None:
    for path in ("/events", "/rounds", "/reach"):
        assert anon.get(f"{API}{path}").status_code == 401


def test_the_endpoints_are_described(anon: Client) -> None:
    paths = anon.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/events",
        "/events/{event_id}/attendance",
        "/rounds",
        "/rounds/{round_id}/coverage",
        "/reach",
    ):
        assert f"/api/v1/prevention{path}" in paths, path
    upload = paths["/api/v1/prevention/events/{event_id}/attendance"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert "413" in upload["responses"]
