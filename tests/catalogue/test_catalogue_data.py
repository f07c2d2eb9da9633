"""The shipped catalogue loads completely, says what is unconfirmed, and survives reloads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from netral.catalogue.loader import DATA_DIR, load_reference_data
from netral.catalogue.models import (
    Authority,
    CatalogueRelease,
    CriminalProvision,
    Regulation,
    Sanction,
    Violation,
)
from netral.catalogue.yamlutil import DataFileError

pytestmark = pytest.mark.django_db

ETHICS = [f"E{i}" for i in range(1, 8)]
DISCIPLINE = [f"D{i}" for i in range(1, 14)]
PP94 = [f"PP94-5n-{i}" for i in range(1, 8)]


def test_every_skb_and_pp94_item_is_loaded_with_its_kind():
    codes = set(Violation.objects.values_list("code", flat=True))
    assert codes == set(ETHICS + DISCIPLINE + PP94)
    assert set(Violation.objects.filter(kind="ethics").values_list("code", flat=True)) == set(
        ETHICS
    )
    assert not Violation.objects.filter(kind="ethics").exclude(phase="before_determination")


def test_required_regulations_sanctions_and_criminal_provisions_exist():
    for code in [
        "UU-5-2014",
        "UU-20-2023",
        "UU-7-2017",
        "UU-10-2016",
        "PP-94-2021",
        "PP-42-2004",
        "PP-49-2018",
        "SKB-2022",
        "PERBAWASLU-7-2022",
        "PERBAWASLU-8-2020",
        "PERBKN-1-2023",
    ]:
        assert Regulation.objects.filter(code=code).exists(), code
    ladder = Sanction.objects.filter(category="discipline", regulation__code="PP-94-2021")
    assert {lvl: ladder.filter(level=lvl).count() for lvl in ("ringan", "sedang", "berat")} == {
        "ringan": 3,
        "sedang": 3,
        "berat": 3,
    }
    for code in [
        "PP42-moral-tertutup",
        "PP42-moral-terbuka",
        "PTDH",
        "BKN-blokir-data",
        "PPK-pengingat",
    ]:
        assert Sanction.objects.filter(code=code).exists(), code
    regulation = Sanction.objects.get(code="BKN-blokir-data").regulation
    assert regulation is not None and regulation.code == "PERBKN-1-2023"
    pairs = set(CriminalProvision.objects.values_list("prohibition_article", "penalty_article"))
    assert {
        ("Pasal 280 ayat (3)", "Pasal 494"),
        ("Pasal 71 ayat (1)", "Pasal 188"),
        ("Pasal 70 ayat (1)", "Pasal 189"),
    } <= pairs


@pytest.mark.parametrize(
    ("code", "wording", "level"),
    [
        ("D3", True, False),  # sedang vs berat: sources disagree (legal-notes §9.1)
        ("D1", False, True),  # "calon" or "bakal calon" still open
        ("PP94-5n-1", True, False),  # article for angka 1 unconfirmed (§9.2)
        ("E3", False, True),  # one source only
    ],
)
def test_items_legal_notes_leaves_open_are_not_confirmed(code, wording, level):
    item = Violation.objects.get(code=code)
    assert (item.wording_confirmed, item.level_confirmed, item.confirmed) == (wording, level, False)
    assert item.confirmation_note


def test_resolved_items_are_confirmed_with_their_level_and_sanction():
    d5 = Violation.objects.get(code="D5")
    assert d5.confirmed and d5.phase == "any"
    assert d5.default_sanction is not None and d5.default_sanction.code == "PTDH"
    d10 = Violation.objects.get(code="D10")
    assert d10.confirmed and d10.level == "berat"
    assert set(d10.allowed_sanctions.values_list("level", flat=True)) == {"berat"}
    assert set(d10.criminal_provisions.values_list("code", flat=True)) == {"UU7-280-3", "UU10-70-1"}
    e1 = Violation.objects.get(code="E1")
    assert set(e1.allowed_sanctions.values_list("code", flat=True)) == {
        "PP42-moral-tertutup",
        "PP42-moral-terbuka",
    }


def test_pp94_article_citations_follow_pasal_14_huruf_i():
    basis = Violation.objects.get(code="PP94-5n-5").basis.values_list("article", flat=True)
    assert "Pasal 14 huruf i angka 3" in basis
    unconfirmed = Violation.objects.get(code="PP94-5n-2").basis.filter(confirmed=False)
    assert list(unconfirmed.values_list("article", flat=True)) == ["Pasal 13 huruf g"]


def test_unconfirmed_ppk_sanction_and_authority_date_are_marked():
    assert not Sanction.objects.get(code="PPK-berhenti-kepala-daerah").confirmed
    bkn = Authority.objects.get(code="BKN")
    assert not bkn.confirmed and "4 September" in bkn.confirmation_note


def test_reloading_the_same_release_changes_nothing():
    history = Violation.history.count()
    assert load_reference_data() == ""
    assert Violation.history.count() == history
    assert CatalogueRelease.objects.count() == 1


def test_an_administrators_correction_survives_a_reload():
    Violation.objects.filter(code="D3").update(explanation="Diperbaiki admin.")
    load_reference_data()
    assert Violation.objects.get(code="D3").explanation == "Diperbaiki admin."


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_a_newer_release_is_applied_over_the_rows(tmp_path):
    data = _copy_data(tmp_path)
    for name in ("catalogue.yaml", "violations.yaml"):
        path = data / name
        path.write_text(path.read_text().replace('version: "2025.11.1"', 'version: "2099.1.1"'))
    path = data / "violations.yaml"
    path.write_text(path.read_text().replace("Ikut kampanye\n", "Ikut kampanye (revisi)\n"))
    summary = load_reference_data(data)
    assert summary.startswith("release 2099.1.1")
    assert Violation.objects.get(code="PP94-5n-1").title == "Ikut kampanye (revisi)"
    assert Violation.objects.get(code="D1").basis.count() == 3  # replaced, not duplicated


def test_a_broken_release_names_the_key_and_line_and_changes_nothing(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "violations.yaml"
    text = path.read_text().replace('version: "2025.11.1"', 'version: "2099.1.1"')
    path.write_text(text.replace("    kind: ethics\n", "    kind: ethics\n    severity: x\n", 1))
    cat = data / "catalogue.yaml"
    cat.write_text(cat.read_text().replace('version: "2025.11.1"', 'version: "2099.1.1"'))
    line = path.read_text().splitlines().index("    severity: x") + 1
    with pytest.raises(DataFileError, match=rf"violations\[0\]\.severity \(line {line}\)"):
        load_reference_data(data)
    assert not CatalogueRelease.objects.filter(version="2099.1.1").exists()
