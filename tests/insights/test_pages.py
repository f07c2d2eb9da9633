"""Every insights page opens for staff, answers 404 to outsiders, and reads a fixed number of
queries whatever the number of cases."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from netral.accounts.models import User
from netral.insights.refresh import refresh_all
from tests.cases.helpers import open_oku_case

pytestmark = pytest.mark.django_db

PAGES = ["dashboard", "league", "map", "risk", "cases", "report"]


@pytest.fixture
def outsider(db) -> Client:
    """Logged in, but with no institution: not staff."""
    user = User.objects.create_user("outsider", password="x")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", PAGES)
def test_staff_of_every_level_open_the_page(client_for, name) -> None:
    refresh_all()
    for who in ("kemendagri", "bawaslu_sumsel", "bawaslu_oku", "inspektorat_oku", "ppk_oku",
                "analyst"):
        assert client_for(who).get(reverse(f"insights:{name}")).status_code == 200, who


@pytest.mark.parametrize("name", [*PAGES, "report-pdf", "export"])
def test_an_outsider_gets_404(outsider, name) -> None:
    assert outsider.get(reverse(f"insights:{name}")).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client) -> None:
    response = client.get(reverse("insights:dashboard"))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_another_users_export_job_is_404(client_for, persona) -> None:
    from netral.insights.models import ExportJob

    job = ExportJob.objects.create(user=persona("bawaslu_oku"), table="cases", fmt="csv")
    assert client_for("bawaslu_oku").get(reverse("insights:export-status", args=[job.pk])
                                         ).status_code == 200
    assert client_for("bawaslu_sumsel").get(reverse("insights:export-status", args=[job.pk])
                                            ).status_code == 404


# Queries per page (session, user, roles, institution, filters' choices, refresh stamp, then
# the figures): pinned, and the same with more cases.
PINNED = {"dashboard": 15, "league": 8, "map": 8, "risk": 16}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_query_count_is_pinned_and_does_not_grow_with_cases(
        client_for, django_assert_num_queries, name) -> None:
    refresh_all()
    client = client_for("kemendagri")
    url = reverse(f"insights:{name}") + ("?election=2" if name == "risk" else "")
    client.get(url)  # warm the per-process caches (geometry, catalogue wording)
    with django_assert_num_queries(PINNED[name]):
        assert client.get(url).status_code == 200
    for _ in range(3):
        open_oku_case()
    refresh_all()
    with django_assert_num_queries(PINNED[name]):
        client.get(url)
