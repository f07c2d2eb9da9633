from __future__ import annotations

import pytest
from django.core.management import call_command

from netral.accounts.models import ApiToken


@pytest.mark.django_db
def test_me_answers_who_the_token_belongs_to(api_client_for):
    body = api_client_for("bawaslu_oku").get("/api/v1/me").json()
    assert body["username"] == "bawaslu_oku"
    assert body["institution"]["name"] == "Bawaslu Kabupaten Ogan Komering Ulu"
    assert body["institution"]["jurisdiction"] == {
        "level": "regency",
        "province": "16",
        "regency": "16.01",
        "label": "Kabupaten Ogan Komering Ulu",
    }
    assert body["roles"] == ["commissioner", "intake_officer", "investigator"]


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["bawaslu_sumsel", "bkn", "analyst", "ppk_oku"])
def test_me_for_each_jurisdiction_level(api_client_for, persona, username):
    body = api_client_for(username).get("/api/v1/me").json()
    inst = persona(username).institution
    assert body["institution"]["jurisdiction"]["level"] == inst.jurisdiction


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header", [None, "Bearer ntl_not-a-real-token", "Token something", "Bearer "]
)
def test_me_refuses_missing_or_bad_tokens(client, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


@pytest.mark.django_db
def test_revoked_token_stops_working(api_client_for, persona):
    client = api_client_for("bkn")
    assert client.get("/api/v1/me").status_code == 200
    ApiToken.objects.filter(user=persona("bkn")).update(revoked_at="2026-01-01T00:00:00Z")
    assert client.get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_token_create_command_prints_a_working_token(client, capsys):
    call_command("token", "create", "--user", "ppk_oku")
    token = capsys.readouterr().out.strip()
    assert token.startswith("ntl_") and len(token) > 40
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.json()["username"] == "ppk_oku"
    # Only a hash is stored.
    assert not ApiToken.objects.filter(digest=token).exists()


@pytest.mark.django_db
def test_token_create_names_an_unknown_user(capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no active user named 'ghost'"):
        call_command("token", "create", "--user", "ghost")


@pytest.mark.django_db
def test_regions_lists_38_provinces(client):
    body = client.get("/api/v1/regions").json()
    assert len(body) == 38
    assert {"code": "16", "name": "Sumatera Selatan", "level": "province", "parent": None} in body


@pytest.mark.django_db
def test_regions_of_province_16_are_its_17_kab_kota(client):
    body = client.get("/api/v1/regions?province=16").json()
    assert len(body) == 17
    assert body[0] == {
        "code": "16.01",
        "name": "Kabupaten Ogan Komering Ulu",
        "level": "kabupaten",
        "parent": "16",
    }
    assert {r["parent"] for r in body} == {"16"}


@pytest.mark.django_db
def test_regions_of_a_kab_kota_are_its_kecamatan(client):
    body = client.get("/api/v1/regions?regency=16.01").json()
    assert body and all(r["code"].startswith("16.01.") for r in body)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("province=abc", 422, "province"),
        ("province=1", 422, "province"),
        ("regency=1601", 422, "regency"),
        ("province=99", 404, "province"),
        ("province=16&regency=16.01", 422, "regency"),
    ],
)
def test_malformed_region_queries_name_the_field(client, query, status, field):
    response = client.get(f"/api/v1/regions?{query}")
    assert response.status_code == status
    body = response.json()
    assert [e["field"] for e in body["errors"]] == [field]
    assert body["detail"]


@pytest.mark.django_db
def test_openapi_description_and_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/me" in schema["paths"] and "/api/v1/regions" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/cases/-1", "/api/v1/no-such-thing", "/api/v2/me"])
def test_unknown_api_paths_answer_the_json_error_shape(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "not found", "errors": []}
