from __future__ import annotations

import pytest

from netral.regions.loader import load_regions
from netral.regions.models import District, Province, Regency


@pytest.mark.django_db
def test_every_database_starts_with_38_provinces_and_514_kab_kota():
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert District.objects.count() > 7000
    assert Regency.objects.filter(province_id="16").count() == 17


@pytest.mark.django_db
def test_named_regions_have_their_kemendagri_codes():
    assert Regency.objects.get(code="16.01").name == "Kabupaten Ogan Komering Ulu"
    langsa = Regency.objects.get(code="11.74")
    assert langsa.name == "Kota Langsa" and langsa.kind == "kota"
    assert langsa.province.name == "Aceh"


@pytest.mark.django_db
def test_loading_again_changes_nothing():
    counts = load_regions(Province, Regency, District)
    assert counts["provinces"] == 38 and counts["regencies"] == 514
    assert Province.objects.count() == 38 and Regency.objects.count() == 514


def test_the_odbl_attribution_ships_with_the_data():
    from netral.regions.loader import DATA_DIR

    assert (DATA_DIR / "LICENSE-ODbL.md").exists()
    assert "ODbL" in (DATA_DIR / "README.md").read_text()
