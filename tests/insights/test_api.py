"""`/api/v1/insights/`: the same figures as the pages, scoped; the public part needs no token."""

from __future__ import annotations

import pytest
from django.test import Client

from netral.accounts.models import User
from netral.accounts.services import token_create
from netral.cases.models import Case
from netral.insights import public
from netral.insights.refresh import refresh_all

pytestmark = pytest.mark.django_db


def test_the_dashboard_is_scoped_to_the_caller(api_client_for) -> None:
    refresh_all()
    national = api_client_for("kemendagri").get("/api/v1/insights/dashboard").json()
    oku = api_client_for("bawaslu_oku").get("/api/v1/insights/dashboard").json()
    assert national["total"] == Case.objects.count()
    assert oku["total"] == Case.objects.filter(regency_id="16.01").count()
    panels = {p["area"]: p["available"] for p in oku["panels"]}
    assert panels["monitoring"] is True and panels["prevention"] is True


def test_league_map_and_risk_answer(api_client_for) -> None:
    refresh_all()
    client = api_client_for("bawaslu_sumsel")
    league = client.get("/api/v1/insights/league").json()
    assert league["reference_rate_percent"] == 52.2
    assert {r["name"] for r in league["rows"]} == {"Pemerintah Kabupaten Ogan Komering Ulu"}
    regions = client.get("/api/v1/insights/map?measure=total").json()["regions"]
    assert {r["code"][:2] for r in regions} == {"16"}
    assert client.get("/api/v1/insights/risk?election=2").status_code == 200
    assert client.get("/api/v1/insights/risk").status_code == 422


def test_a_filter_outside_the_jurisdiction_is_refused_by_name(api_client_for) -> None:
    answer = api_client_for("bawaslu_oku").get("/api/v1/insights/dashboard?regency=35.78")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "regency"


def test_without_a_token_only_the_public_part_answers(anon) -> None:
    refresh_all()
    public.publish()
    assert anon.get("/api/v1/insights/dashboard").status_code == 401
    answer = anon.get("/api/v1/insights/public").json()
    assert answer["published_at"] and "provinces" in answer


def test_an_outsider_with_a_token_gets_404(db) -> None:
    user = User.objects.create_user("outsider", password="x")
    client = Client(headers={"Authorization": f"Bearer {token_create(user=user)}"})
    for path in ("dashboard", "league", "map", "risk?election=2"):
        assert client.get(f"/api/v1/insights/{path}").status_code == 404, path


def test_the_openapi_document_describes_the_endpoints(anon) -> None:
    paths = anon.get("/api/v1/openapi.json").json()["paths"]
    for path in ("dashboard", "league", "map", "risk", "public"):
        assert f"/api/v1/insights/{path}" in paths
