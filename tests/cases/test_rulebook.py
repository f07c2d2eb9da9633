"""The case rulebook: each rule is written once and every caller asks it. Who acts on a side of
a case is one rule read two ways (the cases an office acts on; the offices that act on a case,
for e-mail); pages and the API offer exactly the moves the service accepts; what a user sees
but may not change comes back from the access layer as read-only."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from netral import access
from netral.accounts.models import User
from netral.cases.models import Case
from netral.cases.notify import escalation_recipients, recipients_for
from netral.cases.policies import SIDES, moves_for, side_staff, sides_of
from netral.cases.schemas import allowed_moves
from netral.cases.states import State as S
from netral.regions.models import Regency
from tests.cases.helpers import drive, open_oku_case

pytestmark = pytest.mark.django_db


def _staff() -> list[User]:
    return [
        u
        for u in User.objects.select_related("institution").order_by("username")
        if access.can_write(u)
    ]


def test_who_acts_on_a_side_is_one_rule_read_both_ways() -> None:
    """For every demo case and every staff user: the user acts on a side of the case exactly
    when the case is in that side's stage and the user is among the side's staff."""
    staff = _staff()
    checked = 0
    for case in Case.objects.all():
        acting = {side.name: set(side_staff(case, [side.name], side.roles)) for side in SIDES}
        for user in staff:
            sides = sides_of(user, case)
            for side in SIDES:
                in_stage = side.states is None or case.state in side.states
                expected = in_stage and user.pk in acting[side.name]
                assert (side.name in sides) == expected, (case.number, user.username, side.name)
                checked += 1
    assert checked > 500


def _names(ids: list[int]) -> set[str]:
    return set(User.objects.filter(pk__in=ids).values_list("username", flat=True))


def test_the_next_hands_hear_of_a_move() -> None:
    case = open_oku_case()
    assert _names(recipients_for(case, S.RECEIVED)) == {"bawaslu_oku"}
    case = drive(case, S.RECOMMENDED_TO_AUTHORITY)
    authority = _names(recipients_for(case, S.RECOMMENDED_TO_AUTHORITY))
    assert {"bkn", "bkn_kanreg7", "satgas"} <= authority
    assert not authority & {"bawaslu_oku", "ppk_oku", "ppk_langsa", "kemendagri"}
    case = drive(case, S.RECOMMENDED_TO_PPK)
    ppk = _names(recipients_for(case, S.RECOMMENDED_TO_PPK))
    assert "ppk_oku" in ppk and not ppk & {"ppk_langsa", "ppk_jatim", "bkn"}
    assert {"ppk_oku", "bkn", "bkn_kanreg7"} <= _names(escalation_recipients(case))


def test_a_regional_bkn_office_hears_only_of_its_province() -> None:
    langsa = open_oku_case(incident_regency_id="11.74", subjects=[])
    Case.objects.filter(pk=langsa.pk).update(state=S.RECOMMENDED_TO_AUTHORITY)
    langsa.refresh_from_db()
    told = _names(recipients_for(langsa, S.RECOMMENDED_TO_AUTHORITY))
    assert "bkn" in told and "bkn_kanreg7" not in told
    assert "authority" not in sides_of(User.objects.get(username="bkn_kanreg7"), langsa)


@pytest.mark.parametrize(
    "username",
    [
        "bawaslu_oku",
        "bawaslu_sumsel",
        "monitor_oku",
        "bkn",
        "ppk_oku",
        "analyst",
        "admin",
        "inspektorat_oku",
    ],
)
def test_pages_and_api_offer_exactly_the_moves_the_service_accepts(
    username: str, persona: Any
) -> None:
    user = persona(username)
    for until in (S.RECEIVED, S.EXAMINATION, S.AUTHORITY_VERIFICATION, S.RECOMMENDED_TO_PPK):
        case = drive(open_oku_case(), until) if until != S.RECEIVED else open_oku_case()
        offered = [m["to"] for m in allowed_moves(case, user)]
        assert offered == [m.target for m in moves_for(user, case)]


def test_a_read_only_case_comes_back_as_such(persona: Any) -> None:
    case = open_oku_case()
    grant = access.lookup(persona("analyst"), Case, case.pk)
    assert grant.obj == case and not grant.writable
    assert access.lookup(persona("bawaslu_oku"), Case, case.pk).writable
    with pytest.raises(PermissionDenied):
        access.get_for_user(persona("analyst"), Case, case.pk, write=True)
    with pytest.raises(Http404):
        access.lookup(persona("bawaslu_langsa"), Case, case.pk)


def test_the_administrator_reads_the_register_but_acts_on_no_case(persona: Any) -> None:
    case = drive(open_oku_case(), S.RECOMMENDED_TO_PPK)
    admin = persona("admin")
    assert access.lookup(admin, Case, case.pk).writable is False
    assert sides_of(admin, case) == set()


@pytest.mark.parametrize(
    "username", ["bawaslu_oku", "bawaslu_sumsel", "bawaslu_ri", "ppk_oku", "bkn_kanreg7", "analyst"]
)
def test_a_place_is_inside_a_jurisdiction_as_the_register_says(username: str, persona: Any) -> None:
    user = persona(username)
    inside = set(
        Regency.objects.filter(
            access.jurisdiction_q(user, province="province_id", regency="code")
        ).values_list("code", flat=True)
    )
    for regency in Regency.objects.filter(province_id__in=["16", "11", "35"]):
        assert access.covers(user, province_id=regency.province_id, regency_id=regency.code) == (
            regency.code in inside
        )
