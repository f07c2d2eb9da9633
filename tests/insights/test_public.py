"""The public transparency page: aggregates only, no person named, small counts suppressed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from netral.cases.models import CaseSubject
from netral.insights import public
from netral.insights.refresh import refresh_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def published() -> None:
    refresh_all()
    public.publish()


def test_anyone_reads_it_without_logging_in(client, published) -> None:
    page = client.get(reverse("insights:public"))
    assert page.status_code == 200
    assert "Transparansi netralitas ASN" in page.content.decode()


def test_it_names_no_person_on_the_page_or_in_the_csv(client, published) -> None:
    names = set(CaseSubject.objects.values_list("name", flat=True))
    nips = {n for n in CaseSubject.objects.values_list("nip", flat=True) if n}
    assert names
    for url in (reverse("insights:public"), reverse("insights:public-csv")):
        body = client.get(url).content.decode()
        assert not [n for n in names if n in body], url
        assert not [n for n in nips if n in body], url


def test_small_counts_are_shown_as_less_than_five(client, published) -> None:
    snapshot = public.latest()
    assert snapshot is not None
    data = snapshot.data
    small = [p for p in data["provinces"] if 0 < p["n"] < 5]
    assert small, "the demo has provinces with 1-4 cases"
    body = client.get(reverse("insights:public")).content.decode()
    csv = client.get(reverse("insights:public-csv")).content.decode()
    for p in small:
        assert f"<td>{p['name']}</td><td>&lt; 5</td>" in body
        assert f"provinsi,{p['code']},{p['name']},< 5" in csv
    assert public.shown(0) == "0" and public.shown(4) == "< 5" and public.shown(5) == "5"


def test_a_rate_needs_five_recommendations(published) -> None:
    assert public.rate({"n": 4, "done": 4}) is None
    assert public.rate({"n": 5, "done": 2}) == 40.0


def test_before_the_first_publication_it_says_so(client) -> None:
    from netral.insights.models import PublicSnapshot

    PublicSnapshot.objects.all().delete()
    page = client.get(reverse("insights:public"))
    assert page.status_code == 200 and 'data-testid="no-data"' in page.content.decode()
    assert client.get(reverse("insights:public-csv")).status_code == 200
