"""Every insights page opens for staff, answers 404 to outsiders, and reads a fixed number of
queries whatever the number of cases."""

from __future__ import annotations

import re

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
    for who in (
        "kemendagri",
        "bawaslu_sumsel",
        "bawaslu_oku",
        "inspektorat_oku",
        "ppk_oku",
        "analyst",
    ):
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
    assert (
        client_for("bawaslu_oku").get(reverse("insights:export-status", args=[job.pk])).status_code
        == 200
    )
    assert (
        client_for("bawaslu_sumsel")
        .get(reverse("insights:export-status", args=[job.pk]))
        .status_code
        == 404
    )


# Queries per page (session, user, roles, institution, filters' choices, refresh stamp, then
# the figures): pinned, and the same with more cases. The roles are read on every page by the
# second-factor check (does this user's role require one?), so the pages that never asked for
# them count one query more than before it.
PINNED = {"dashboard": 15, "league": 9, "map": 9, "risk": 16}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_query_count_is_pinned_and_does_not_grow_with_cases(
    client_for, django_assert_num_queries, settings, name
) -> None:
    settings.INSIGHTS_CACHE_SECONDS = 0  # count the figures' own queries
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


@pytest.mark.parametrize("name", ["dashboard", "league", "map"])
def test_a_second_view_reads_the_kept_figures_until_the_next_refresh(client_for, name) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    refresh_all()
    client = client_for("kemendagri")
    url = reverse(f"insights:{name}")
    first = _figures(client.get(url))
    with CaptureQueriesContext(connection) as read:
        assert _figures(client.get(url)) == first
    assert not [
        q
        for q in read.captured_queries
        if "insights_casefact" in q["sql"] or "insights_subjectfact" in q["sql"]
    ], "the kept figures are read, not computed"
    open_oku_case()
    refresh_all()  # a new generation: the figures are computed again
    assert _figures(client.get(url)) != first or name == "league"


def _figures(response) -> str:
    """The page without its per-response CSRF tokens."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


# 14: the rows prefetch the reported and the proven violation items (two queries, any page size).
CASES_PAGE, PUBLIC_PAGE = 14, 1


def test_the_cases_behind_and_the_public_page_have_pinned_counts(
    client_for, client, django_assert_num_queries
) -> None:
    from netral.insights import public

    refresh_all()
    public.publish()
    staff = client_for("kemendagri")
    staff.get(reverse("insights:cases") + "?state=received")
    with django_assert_num_queries(CASES_PAGE):
        staff.get(reverse("insights:cases") + "?state=received")
    with django_assert_num_queries(PUBLIC_PAGE):
        client.get(reverse("insights:public"))
