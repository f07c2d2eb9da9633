"""Who sees whom: PPK officers their agency, Bawaslu/Inspektorat/BKN regional offices their
jurisdiction, national bodies everyone, the public no one."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from netral import access
from netral.registry.models import Asn
from netral.registry.services import asn_for_user
from tests.registry.conftest import PEOPLE, nips

OKU_CAMAT, OKU_GURU, PLG_LURAH, LANGSA, JATIM, SUMSEL_IN_OKU = (p[0] for p in PEOPLE)
MINE = set(p[0] for p in PEOPLE)


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("bawaslu_oku", {OKU_CAMAT, OKU_GURU, SUMSEL_IN_OKU}),
        ("inspektorat_oku", {OKU_CAMAT, OKU_GURU, SUMSEL_IN_OKU}),
        ("monitor_oku", {OKU_CAMAT, OKU_GURU, SUMSEL_IN_OKU}),
        ("bawaslu_palembang", {PLG_LURAH}),
        ("bawaslu_sumsel", {OKU_CAMAT, OKU_GURU, PLG_LURAH, SUMSEL_IN_OKU}),
        ("bkn_kanreg7", {OKU_CAMAT, OKU_GURU, PLG_LURAH, SUMSEL_IN_OKU}),
        ("bawaslu_langsa", {LANGSA}),
        ("bawaslu_surabaya", {JATIM}),
        ("ppk_oku", {OKU_CAMAT, OKU_GURU}),
        ("ppk_langsa", {LANGSA}),
        ("ppk_jatim", {JATIM}),
        ("bkn", MINE),
        ("bawaslu_ri", MINE),
        ("satgas", MINE),
        ("kemendagri", MINE),
        ("analyst", MINE),
        ("admin", MINE),
    ],
)
def test_each_role_sees_exactly_its_asn(people, persona, username, expected):
    seen = nips(access.visible_to(persona(username), Asn).filter(nip__in=MINE))
    assert seen == expected


def test_the_public_sees_no_asn(people):
    assert not access.visible_to(AnonymousUser(), Asn).exists()


def test_an_outsider_gets_404_for_an_asn_by_nip(people, persona):
    with pytest.raises(Http404):
        asn_for_user(persona("bawaslu_langsa"), OKU_CAMAT)
    assert asn_for_user(persona("bawaslu_oku"), "1987 0214 201001 1 003").nip == OKU_CAMAT


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("ppk_oku", {OKU_CAMAT, OKU_GURU}),
        ("admin", MINE),
        ("bawaslu_oku", set()),
        ("bkn", set()),
        ("analyst", set()),
    ],
)
def test_only_ppk_officers_and_administrators_change_asn(people, persona, username, expected):
    assert nips(access.writable_by(persona(username), Asn).filter(nip__in=MINE)) == expected
