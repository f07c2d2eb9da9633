"""/cek/ and POST /api/v1/detect: public, explain the verdict, and store nothing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from netral.selfcheck import engine

pytestmark = pytest.mark.django_db

PARTISAN_TEXT = "Ayo coblos Prabowo-Sandi nomor 2! Salam dua jari ✌️"
NEUTRAL_TEXT = "Bawaslu mengimbau seluruh ASN menjaga netralitas selama masa kampanye."


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.fixture
def nothing_stored(db: None) -> Iterator[None]:
    before = row_counts()
    yield
    assert row_counts() == before


def test_anyone_can_open_the_page(anon: Client) -> None:
    page = anon.get("/cek/")
    assert page.status_code == 200
    assert "Cek unggahan sebelum diposting" in page.content.decode()
    assert 'hx-post="/cek/"' in page.content.decode()


@pytest.mark.parametrize("username", ["bawaslu_langsa", "ppk_oku"])
def test_staff_of_any_region_see_the_same_public_page(
    client_for: Callable[[str], Client], username: str
) -> None:
    # A public tool with no per-region data: nobody is an outsider to it, so no 404 case.
    page = client_for(username).get("/cek/")
    assert page.status_code == 200 and "Periksa teks" in page.content.decode()


def test_a_partisan_text_shows_verdict_evidence_and_catalogue_items(
    anon: Client, nothing_stored: None
) -> None:
    page = anon.post(
        "/cek/",
        {"text": PARTISAN_TEXT, "election": "pilpres-2019", "posted_at": "2019-04-01"},
        headers={"HX-Request": "true"},
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Berpotensi berpihak" in html and 'data-label="partisan"' in html
    assert '<mark title="ajakan memilih' in html
    assert "D6" in html and "PP94-5n-6" in html
    assert "<html" not in html  # the htmx answer is the fragment only


def test_before_determination_the_page_names_ethics_items(anon: Client) -> None:
    html = anon.post(
        "/cek/", {"text": PARTISAN_TEXT, "election": "pilpres-2019", "posted_at": "2018-08-10"}
    ).content.decode()
    assert "E2" in html and "D6" not in html


def test_a_neutral_text_is_not_flagged(anon: Client, nothing_stored: None) -> None:
    html = anon.post("/cek/", {"text": NEUTRAL_TEXT}).content.decode()
    assert "Tidak terdeteksi keberpihakan" in html


def test_an_empty_text_names_the_field(anon: Client) -> None:
    page = anon.post("/cek/", {"text": ""})
    assert page.status_code == 422
    assert "Teks unggahan" in page.content.decode()


def test_too_long_a_text_is_refused(anon: Client) -> None:
    assert anon.post("/cek/", {"text": "a" * 5001}).status_code == 422
    assert anon.post("/cek/", {"text": "a" * 30000}).status_code == 413


def api(client: Client, body: Any) -> Any:
    return client.post("/api/v1/detect", data=json.dumps(body), content_type="application/json")


def test_api_answers_with_codes_titles_and_evidence(anon: Client, nothing_stored: None) -> None:
    answer = api(
        anon, {"text": PARTISAN_TEXT, "posted_at": "2019-04-01", "election": "pilpres-2019"}
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["label"] == "partisan" and body["subtype"] == "campaign_call"
    assert [v["code"] for v in body["violations"]][:2] == ["D2", "D6"]
    assert all(v["title"] for v in body["violations"])
    assert {"start", "end", "text", "reason", "kind"} <= set(body["evidence"][0])


def test_api_rejects_unknown_fields_and_names_them(anon: Client) -> None:
    answer = api(anon, {"text": "halo", "txt": "typo"})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "txt"


def test_api_rejects_an_unknown_election(anon: Client) -> None:
    answer = api(anon, {"text": "halo", "election": "pilkada-mars-2099"})
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "election"


def test_api_size_limits(anon: Client) -> None:
    too_long = api(anon, {"text": "a" * 5001})
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "text"
    too_big = api(anon, {"text": "a" * 30000})
    assert too_big.status_code == 413
    assert "too large" in too_big.json()["detail"]


def test_api_and_page_are_rate_limited(anon: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "RATE", "2/m")
    assert [api(anon, {"text": "halo"}).status_code for _ in range(3)] == [200, 200, 429]
    assert anon.post("/cek/", {"text": "halo"}).status_code == 429


def test_the_catalogue_wording_is_used_when_loaded(db: None) -> None:
    from netral.catalogue.models import Violation

    item = engine.describe(["D6"])[0]
    stored = Violation.objects.filter(code="D6").first()
    assert item.code == "D6"
    assert item.title == (stored.title if stored else engine._FALLBACK["D6"])


@pytest.mark.parametrize("attack", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
@pytest.mark.parametrize("partial", [False, True])
def test_pasted_markup_is_shown_as_text_and_not_cached(
    anon: Client, attack: str, partial: bool
) -> None:
    headers = {"HX-Request": "true"} if partial else {}
    response = anon.post(
        "/cek/", {"text": f"{attack} Ayo coblos Prabowo-Sandi nomor 2!"}, headers=headers
    )
    html = response.content.decode()
    assert "<mark" in html  # the evidence is highlighted around the escaped text
    from django.utils.html import escape

    assert attack not in html and escape(attack) in html
    assert "no-store" in response["Cache-Control"]
