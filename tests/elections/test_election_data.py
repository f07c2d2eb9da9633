"""Shipped elections load, export → import → export is identical, and bad files are refused
with the key and line named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from netral.accounts.models import Institution
from netral.catalogue.yamlutil import DataFileError
from netral.elections import yamlio
from netral.elections.loader import shipped_files
from netral.elections.models import Contestant, Election
from netral.elections.services import election_export, election_import
from netral.prevention.models import PactTemplate

pytestmark = pytest.mark.django_db


def test_shipped_elections_are_loaded_with_their_contestants():
    pairs = {e.code: [c.name for c in e.contestants.all()] for e in Election.objects.all()}
    assert pairs["pemilu-2024"] == [
        "Anies Baswedan – Muhaimin Iskandar",
        "Prabowo Subianto – Gibran Rakabuming Raka",
        "Ganjar Pranowo – Mahfud MD",
    ]
    assert pairs["pilpres-2019"] == ["Joko Widodo – Ma'ruf Amin", "Prabowo Subianto – Sandiaga Uno"]
    assert [n.split(" – ")[0] for n in pairs["pilkada-dki-2017"]] == [
        "Agus Harimurti Yudhoyono",
        "Basuki Tjahaja Purnama",
        "Anies Baswedan",
    ]
    assert [n.split(" – ")[0] for n in pairs["pilgub-jatim-2024"]] == [
        "Luluk Nur Hamidah",
        "Khofifah Indar Parawansa",
        "Tri Rismaharini",
    ]
    assert len(pairs["pilbup-oku-2024"]) == 2


def test_pemilu_2024_has_the_national_parties_with_ballot_numbers():
    ballot = {
        b.party.code: b.number
        for b in Election.objects.get(code="pemilu-2024").ballot.select_related("party")
    }
    assert len(ballot) == 18
    assert (ballot["PKB"], ballot["PDIP"], ballot["PPP"], ballot["UMMAT"]) == (1, 3, 17, 24)


def test_oku_election_is_in_its_regency_with_the_pilkada_2024_dates():
    oku = Election.objects.get(code="pilbup-oku-2024")
    assert (oku.province_id, oku.regency_id, oku.kind) == ("16", "16.01", "pilkada")
    assert (oku.candidate_determination, oku.voting_day) == (date(2024, 9, 22), date(2024, 11, 27))


def test_contestants_carry_aliases_and_hashtags_for_the_detector():
    khofifah = Contestant.objects.get(election__code="pilgub-jatim-2024", number=2)
    assert "#khofifahemil02" in khofifah.aliases and "Emil Dardak" in khofifah.aliases
    assert (
        "#2019GantiPresiden"
        in Contestant.objects.get(election__code="pilpres-2019", number=2).aliases
    )


def test_unconfirmed_election_data_says_so():
    sumsel = Election.objects.get(code="pilgub-sumsel-2024")
    assert sumsel.data_status == "unconfirmed" and "BELUM DIKONFIRMASI" in sumsel.notes


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.stem)
def test_shipped_file_is_the_canonical_export(path: Path):
    election = Election.objects.get(code=path.stem)
    assert election_export(election) == path.read_text(encoding="utf-8")


def test_export_import_export_round_trip_through_the_command(tmp_path, capsys):
    call_command("election", "export", "pilkada-dki-2017")
    first = capsys.readouterr().out
    file = tmp_path / "dki.yaml"
    file.write_text(first, encoding="utf-8")
    # The demo's pact template for this election guards it (an election with pacts is never
    # deleted); a fresh database has neither, which is what this round trip stands for.
    PactTemplate.objects.filter(election__code="pilkada-dki-2017").delete()
    Election.objects.filter(code="pilkada-dki-2017").delete()
    call_command("election", "import", str(file))
    assert "created pilkada-dki-2017" in capsys.readouterr().out
    call_command("election", "export", "pilkada-dki-2017")
    assert capsys.readouterr().out == first


def test_import_matches_an_incumbent_to_an_institution_by_name():
    spec = yamlio.parse(Path(shipped_files()[0]).read_text(encoding="utf-8"))
    spec["contestants"][0]["incumbent_of"] = "Pemerintah Kabupaten Ogan Komering Ulu"
    election, created = election_import(actor=None, spec=spec)
    first = election.contestants.get(number=spec["contestants"][0]["number"])
    assert not created
    assert first.incumbent_of == Institution.objects.get(
        name="Pemerintah Kabupaten Ogan Komering Ulu"
    )
    assert yamlio.parse(election_export(election))["contestants"][0]["incumbent_of"] == (
        "Pemerintah Kabupaten Ogan Komering Ulu"
    )


GOOD = """format: netral-election/1
code: contoh-2029
name: Contoh
kind: pilkada
level: bupati
region: '16.01'
stages:
  candidate_determination: 2029-09-22
  voting_day: 2029-11-27
parties:
- {code: PKB, name: Partai Kebangkitan Bangsa, number: null}
contestants:
- {number: 1, name: A – B, parties: [PKB]}
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("  voting_day: 2029-11-27\n", "  voting_day: 2029-11-27\n  votingday: 2029-11-28\n"),
            r"stages\.votingday \(line 10\): unknown key",
        ),
        (
            ("  voting_day: 2029-11-27\n", "  voting_day: 27-11-2029\n"),
            r"stages\.voting_day \(line 9\): expected a date",
        ),
        (("kind: pilkada", "kind: pemilukada"), r"kind \(line 4\): 'pemilukada' is not one of"),
        (
            ("parties: [PKB]", "parties: [PKS]"),
            r"contestants\[0\]\.parties \(line 13\): PKS not listed under parties",
        ),
        (("region: '16.01'", "region: 16.01"), r"region \(line 6\): expected null"),
        (
            ("  candidate_determination: 2029-09-22\n", "  candidate_determination: 2029-12-22\n"),
            r"stages\.voting_day \(line 9\): 2029-11-27 is before candidate_determination",
        ),
    ],
)
def test_bad_files_are_refused_naming_key_and_line(change, message):
    assert yamlio.parse(GOOD)["code"] == "contoh-2029"
    with pytest.raises(DataFileError, match=message):
        yamlio.parse(GOOD.replace(*change))


def test_import_command_reports_errors_and_stores_nothing(tmp_path):
    file = tmp_path / "bad.yaml"
    file.write_text(GOOD.replace("region: '16.01'", "region: '99.99'"), encoding="utf-8")
    with pytest.raises(CommandError, match=r"no kab/kota with code 99\.99"):
        call_command("election", "import", str(file))
    assert not Election.objects.filter(code="contoh-2029").exists()


def test_export_of_an_unknown_election_is_an_error():
    with pytest.raises(CommandError, match="no election with code or id 'nope'"):
        call_command("election", "export", "nope")
