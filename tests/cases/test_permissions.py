"""Who sees a case: each role × own / sibling / parent / national, on the pages and the API.
Forbidden answers 404, exactly like a missing case."""

from __future__ import annotations

import pytest
from django.urls import reverse

from netral.cases.models import Case
from netral.cases.states import State as S
from tests.cases.helpers import drive, open_oku_case

pytestmark = pytest.mark.django_db

# (user, sees an OKU case under Bawaslu review, sees it once it reaches the PPK)
MATRIX = [
    ("bawaslu_oku", True, True),  # own kab
    ("bawaslu_palembang", False, False),  # sibling kab/kota
    ("bawaslu_sumsel", True, True),  # parent province
    ("bawaslu_ri", True, True),  # national
    ("bawaslu_langsa", False, False),  # another province
    ("bkn", False, True),  # authority: from the recommendation on
    ("bkn_kanreg7", False, True),  # BKN regional office of Sumsel
    ("satgas", True, True),  # Satgas is also a national supervisor
    ("ppk_oku", False, True),  # BKPSDM OKU acts for Pemkab OKU, from the PPK stage
    ("ppk_langsa", False, False),  # another PPK
    ("inspektorat_oku", True, True),  # supervisor in the kab
    ("kemendagri", True, True),  # national supervisor
    ("analyst", True, True),  # national, read-only
]


@pytest.mark.parametrize(("who", "early", "late"), MATRIX)
def test_the_case_page_and_api_follow_the_matrix(
    who: str, early: bool, late: bool, client_for, api_client_for
) -> None:
    case = drive(open_oku_case(), S.PRELIMINARY_REVIEW)
    for expected, state in ((early, S.PRELIMINARY_REVIEW), (late, S.RECOMMENDED_TO_PPK)):
        if state == S.RECOMMENDED_TO_PPK:
            case = drive(case, S.RECOMMENDED_TO_PPK)
        page = client_for(who).get(reverse("cases:detail", args=[case.pk]))
        api = api_client_for(who).get(f"/api/v1/cases/{case.pk}")
        want = 200 if expected else 404
        assert (page.status_code, api.status_code) == (want, want), (who, state)
        listed = api_client_for(who).get("/api/v1/cases", {"page_size": 200}).json()
        assert (case.number in {r["number"] for r in listed["results"]}) == expected


def test_a_bkn_regional_office_does_not_see_another_province(api_client_for) -> None:
    case = open_oku_case(incident_regency_id="11.74", subjects=[])
    Case.objects.filter(pk=case.pk).update(state=S.AUTHORITY_VERIFICATION)  # visibility only
    assert api_client_for("bkn_kanreg7").get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert api_client_for("bkn").get(f"/api/v1/cases/{case.pk}").status_code == 200


def test_an_outsider_gets_404_or_the_login_page_everywhere(
    client_for, anon, api_client_for
) -> None:
    case = open_oku_case()
    outsider = client_for("bawaslu_langsa")
    for name, args in (("detail", [case.pk]), ("document", [case.pk, 1])):
        assert outsider.get(reverse(f"cases:{name}", args=args)).status_code == 404
    assert (
        outsider.post(
            reverse("cases:move", args=[case.pk]), {"to": "preliminary_review", "version": 1}
        ).status_code
        == 404
    )
    assert outsider.post(reverse("cases:document-upload", args=[case.pk])).status_code == 404
    api = api_client_for("bawaslu_langsa")
    assert (
        api.post(
            f"/api/v1/cases/{case.pk}/transitions",
            {"to": "preliminary_review", "version": 1},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert anon.get(reverse("cases:detail", args=[case.pk])).status_code == 302
    assert anon.get("/api/v1/cases").status_code == 401
    assert client_for("ppk_oku").get(reverse("cases:finding-new")).status_code == 404


def test_the_analyst_reads_but_cannot_move(api_client_for) -> None:
    case = open_oku_case()
    answer = api_client_for("analyst").post(
        f"/api/v1/cases/{case.pk}/transitions",
        {"to": "preliminary_review", "version": 1},
        content_type="application/json",
    )
    assert answer.status_code == 403
    assert api_client_for("analyst").get(f"/api/v1/cases/{case.pk}").json()["allowed_moves"] == []


def test_an_officer_of_another_kab_kota_gets_404_for_the_case_through_the_api(
    api_client_for,
) -> None:
    case = open_oku_case()
    assert api_client_for("bawaslu_oku").get(f"/api/v1/cases/{case.pk}").status_code == 200
    outsider = api_client_for("bawaslu_langsa")
    response = outsider.get(f"/api/v1/cases/{case.pk}")
    assert response.status_code == 404
    assert response.json() == outsider.get("/api/v1/cases/99999999").json()
    listed = outsider.get("/api/v1/cases").content.decode()
    assert case.number not in listed
