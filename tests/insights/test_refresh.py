"""Summaries follow the cases incrementally: only the cases changed since the last run."""

from __future__ import annotations

import pytest

from netral.cases.states import State as S
from netral.insights import figures, filters
from netral.insights.models import CaseFact
from netral.insights.refresh import refresh_all, refresh_cases
from tests.cases.helpers import drive, open_oku_case

pytestmark = pytest.mark.django_db


def test_a_second_refresh_with_nothing_new_rebuilds_nothing() -> None:
    refresh_all()
    assert refresh_cases() == 0


def test_a_new_case_and_a_move_are_picked_up_and_nothing_else(persona) -> None:
    refresh_all()
    case = open_oku_case()
    assert refresh_cases() == 1
    fact = CaseFact.objects.get(pk=case.pk)
    assert fact.state == S.RECEIVED and fact.regency_id == "16.01"
    drive(case, S.REGISTERED)
    assert refresh_cases() == 1
    fact.refresh_from_db()
    assert fact.state == S.REGISTERED and fact.registered_on is not None
    assert fact.days_review is not None


def test_the_dashboard_moves_with_the_case(persona) -> None:
    user = persona("bawaslu_oku")
    refresh_all()
    chosen, _f = filters.parse(user, {})
    before = figures.dashboard(user, chosen)
    case = drive(open_oku_case(), S.PROVEN)
    refresh_all()
    after = figures.dashboard(user, chosen)
    assert after.total == before.total + 1
    proven = {s.state: s.count for s in after.funnel}[S.PROVEN]
    assert proven == {s.state: s.count for s in before.funnel}[S.PROVEN] + 1
    assert case.state == S.PROVEN


def test_a_sanction_enters_the_league_with_its_days(persona) -> None:
    from netral.insights import league

    user = persona("bawaslu_oku")
    refresh_all()
    chosen, _f = filters.parse(user, {})
    row = {r.name: r for r in league.league(user, chosen)}
    before = row["Pemerintah Kabupaten Ogan Komering Ulu"].sanctioned
    drive(open_oku_case(), S.PPK_DECIDED)
    refresh_all()
    row = {r.name: r for r in league.league(user, chosen)}
    assert row["Pemerintah Kabupaten Ogan Komering Ulu"].sanctioned == before + 1
