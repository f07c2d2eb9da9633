"""A kab/kota user's dashboard holds nothing from elsewhere; a province sees its kab/kota."""

from __future__ import annotations

import pytest
from django.urls import reverse

from netral.cases.models import Case
from netral.insights import figures, filters, league
from netral.insights.refresh import refresh_all

pytestmark = pytest.mark.django_db


def test_a_kabkota_dashboard_counts_only_its_own_cases(persona) -> None:
    refresh_all()
    user = persona("bawaslu_oku")
    chosen, _form = filters.parse(user, {})
    assert figures.dashboard(user, chosen).total == Case.objects.filter(regency_id="16.01").count()
    assert {r.name for r in league.league(user, chosen)} <= {
        "Pemerintah Kabupaten Ogan Komering Ulu"
    }


def test_a_kabkota_user_cannot_widen_the_scope_with_a_filter(persona) -> None:
    refresh_all()
    user = persona("inspektorat_oku")
    chosen, form = filters.parse(user, {"province": "35", "regency": "35.78"})
    assert not form.is_valid()  # other regions are not even offered
    assert figures.dashboard(user, chosen).total == Case.objects.filter(regency_id="16.01").count()


@pytest.mark.parametrize("name", ["dashboard", "league", "map", "cases", "risk"])
def test_no_page_of_a_kabkota_user_shows_a_case_from_elsewhere(client_for, name) -> None:
    refresh_all()
    elsewhere = list(Case.objects.exclude(regency_id="16.01").values_list("number", flat=True))
    others = ["Surabaya", "Langsa", "Palembang", "Jawa Timur"]
    body = client_for("bawaslu_oku").get(reverse(f"insights:{name}")).content.decode()
    assert not [n for n in elsewhere if n in body]
    # the region filter and the map offer only OKU
    assert not [o for o in others if f">{o}" in body or f"Kota {o}<" in body]


def test_a_province_sees_its_kabkota_and_not_other_provinces(persona) -> None:
    refresh_all()
    user = persona("bawaslu_sumsel")
    chosen, _form = filters.parse(user, {})
    assert figures.dashboard(user, chosen).total == Case.objects.filter(province_id="16").count()
