"""The public page, the read API and the CLI show the catalogue with its confirmation flags."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_public_page_lists_every_item_in_indonesian_with_unconfirmed_marked(
    anon, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = anon.get("/jenis-pelanggaran/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jenis pelanggaran netralitas ASN" in html
    for code in ["E1", "E7", "D1", "D13", "PP94-5n-1", "PP94-5n-7"]:
        assert f'id="{code}"' in html
    assert 'id="D3" class="violation unconfirmed"' in html
    assert 'id="D5" class="violation"' in html
    assert "BELUM DIKONFIRMASI" in html and "Contoh:" in html
    assert "Pemotongan tunjangan kinerja 25% selama 6 bulan" in html
    assert "Pasal 494" in html


def test_staff_see_the_same_public_page(client_for):
    assert client_for("ppk_oku").get("/jenis-pelanggaran/").status_code == 200


def test_api_lists_all_items_with_sanctions_and_flags(anon, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = anon.get("/api/v1/catalogue")
    items = {item["code"]: item for item in response.json()}
    assert len(items) == 27
    assert items["D3"]["confirmed"] is False and items["D3"]["level_confirmed"] is False
    assert items["D5"]["default_sanction"]["code"] == "PTDH"
    assert {s["level"] for s in items["D1"]["allowed_sanctions"]} == {"berat"}


def test_api_one_item_and_unknown_code_is_404(anon):
    item = anon.get("/api/v1/catalogue/PP94-5n-3").json()
    assert item["title"] == "Sebagai peserta kampanye dengan mengerahkan PNS lain"
    assert item["legal_basis"][1]["article"] == "Pasal 14 huruf i angka 1"
    response = anon.get("/api/v1/catalogue/E99")
    assert response.status_code == 404
    assert response.json()["errors"] == [{"field": "code", "message": "unknown code"}]


def test_cli_list_json_has_every_item_with_sanctions_and_flags(capsys):
    call_command("catalogue", "list", "--format", "json")
    items = json.loads(capsys.readouterr().out)
    codes = [i["code"] for i in items]
    assert codes[:7] == [f"E{i}" for i in range(1, 8)]
    assert set(codes) >= {f"D{i}" for i in range(1, 14)} | {f"PP94-5n-{i}" for i in range(1, 8)}
    assert all("confirmed" in i and "allowed_sanctions" in i for i in items)


def test_cli_show_prints_explanation_basis_and_unconfirmed_note(capsys):
    call_command("catalogue", "show", "D3")
    out = capsys.readouterr().out
    assert "BELUM DIKONFIRMASI" in out and "Pasal 10 ayat (1)" in out and "contoh:" in out


def test_cli_show_unknown_code_lists_the_known_ones():
    with pytest.raises(CommandError, match="no violation type 'X1'; known: E1"):
        call_command("catalogue", "show", "X1")
