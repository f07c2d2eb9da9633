"""The detector reads the stored elections: an election imported with `netral election
import` (or changed in /admin/) changes what /cek/ and POST /api/v1/detect say at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from netral.detection.cli import main
from netral.elections.models import Election

pytestmark = pytest.mark.django_db

CODE = "pilwalkot-lubuklinggau-2029"
ELECTION = """\
format: netral-election/1
code: pilwalkot-lubuklinggau-2029
name: Pemilihan Wali Kota Lubuklinggau 2029
kind: pilkada
level: walikota
region: '16.73'
status: unconfirmed
stages:
  registration: 2029-08-20
  candidate_determination: {determination}
  voting_day: 2029-11-28
parties:
- code: GOLKAR
  name: Partai Golongan Karya
  number: null
  aliases: [Golkar]
contestants:
- number: 1
  name: Rahmat Santoso – Wulan Sari
  people: [Rahmat Santoso, Wulan Sari]
  aliases: [Rahmat Santoso, Wulan Sari, '#RahmatWulan']
  parties: [GOLKAR]
  incumbent_of: null
sources: []
"""
POST = "Ayo coblos Rahmat Santoso nomor 1 di Lubuklinggau! #RahmatWulan"


def _import(tmp_path: Path, determination: str) -> None:
    path = tmp_path / f"{CODE}.yaml"
    path.write_text(ELECTION.format(determination=determination), encoding="utf-8")
    call_command("election", "import", str(path))


def _detect(body: dict[str, Any]) -> Any:
    return Client().post("/api/v1/detect", data=json.dumps(body), content_type="application/json")


def test_an_imported_election_is_recognised_by_the_api_and_the_page(tmp_path: Path) -> None:
    assert _detect({"text": POST, "election": CODE}).status_code == 422
    assert _detect({"text": POST, "posted_at": "2029-10-01"}).json()["election"] != CODE

    _import(tmp_path, "null")
    answer = _detect({"text": POST, "posted_at": "2029-10-01"}).json()
    assert answer["election"] == CODE and answer["label"] == "partisan"
    # No determination date yet: the phase is unknown and both phases' items are offered.
    assert answer["phase"] == "unknown"
    codes = [v["code"] for v in answer["violations"]]
    assert "E2" in codes and "D2" in codes
    page = Client().post("/cek/", {"text": POST, "election": CODE}).content.decode()
    assert "Pemilihan Wali Kota Lubuklinggau 2029" in page


def test_a_reimported_determination_date_changes_the_phase(tmp_path: Path) -> None:
    _import(tmp_path, "null")
    assert (
        _detect({"text": POST, "election": CODE, "posted_at": "2029-10-01"}).json()["phase"]
        == "unknown"
    )
    _import(tmp_path, "2029-09-20")
    answer = _detect({"text": POST, "election": CODE, "posted_at": "2029-10-01"}).json()
    assert answer["phase"] == "after"
    assert [v["code"] for v in answer["violations"]][:2] == ["D2", "D6"]


def test_a_deleted_election_is_forgotten(tmp_path: Path) -> None:
    _import(tmp_path, "2029-09-20")
    assert _detect({"text": POST, "election": CODE}).status_code == 200
    Election.objects.filter(code=CODE).delete()
    assert _detect({"text": POST, "election": CODE}).status_code == 422


def test_netral_detect_reads_the_stored_elections_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(tmp_path, "2029-09-20")
    capsys.readouterr()
    assert main(["--text", POST, "--posted-at", "2029-10-01"]) == 0
    assert json.loads(capsys.readouterr().out)["election"] != CODE
    assert main(["--from-database", "--text", POST, "--posted-at", "2029-10-01"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["election"], answer["phase"]) == (CODE, "after")


def test_with_the_shared_cache_down_an_import_works_and_the_detector_reloads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netral.elections import detection

    def down(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("cache down")

    for name in ("get", "add", "set"):
        monkeypatch.setattr(detection.shared_cache, name, down)
    _import(tmp_path, "2029-09-20")  # the import does not fail
    # Each process falls back to reloading from the database every few minutes.
    assert CODE in [e.code for e in detection.detection_elections()]
