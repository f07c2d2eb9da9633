"""Figures kept between refreshes: the national dashboards are computed by the refresh job for
their first reader, and a run that changed nothing keeps what is kept."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from netral.insights import cache, figures, filters, league
from netral.insights.refresh import refresh_all, stamp
from tests.cases.helpers import open_oku_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings: Any) -> None:
    settings.INSIGHTS_CACHE_SECONDS = 600


def test_a_run_that_changed_nothing_keeps_the_stamp_and_a_change_moves_it() -> None:
    refresh_all()
    before = stamp()
    refresh_all()
    assert stamp() == before
    open_oku_case()
    refresh_all()
    assert stamp() != before


def test_the_refresh_computes_the_national_dashboard_before_anyone_asks(
    kept, client_for, monkeypatch, persona
) -> None:
    open_oku_case()
    result = refresh_all()
    assert result.kept >= 1  # the demo's national institutions have staff
    total = figures.dashboard(persona("kemendagri"), filters.Filters()).total

    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("computed on the request instead of by the refresh")

    monkeypatch.setattr(figures, "dashboard", forbidden)
    monkeypatch.setattr(league, "league", forbidden)
    page = client_for("kemendagri").get(reverse("insights:dashboard")).content.decode()
    assert re.search(rf'data-testid="kpi-total" href="[^"]*">{total}</a>', page)


def test_one_computation_per_visibility_rule_not_per_user(kept, monkeypatch) -> None:
    calls: list[Any] = []
    real = figures.dashboard

    def counting(user: Any, chosen: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(user.pk)
        return real(user, chosen, *args, **kwargs)

    monkeypatch.setattr(figures, "dashboard", counting)
    result = refresh_all()
    assert len(calls) == result.kept
    assert cache.keep_defaults() == result.kept  # already kept: read, not computed again
    assert len(calls) == result.kept


def test_kept_figures_follow_the_next_change(kept, persona) -> None:
    user = persona("kemendagri")
    refresh_all()
    before = cache.kept_dashboard(user, filters.Filters()).total
    open_oku_case()
    refresh_all()
    assert cache.kept_dashboard(user, filters.Filters()).total == before + 1


def test_nothing_is_computed_ahead_when_keeping_is_off(settings, monkeypatch) -> None:
    settings.INSIGHTS_CACHE_SECONDS = 0
    assert refresh_all().kept == 0


def test_an_unknown_league_order_shares_the_default_entry(kept, persona, monkeypatch) -> None:
    user = persona("kemendagri")
    rows = cache.kept_league(user, filters.Filters())
    monkeypatch.setattr(league, "league", lambda *a, **k: [])
    assert cache.kept_league(user, filters.Filters(), "no-such-order") == rows


def test_each_run_extends_what_it_keeps(kept, persona, monkeypatch) -> None:
    from django.core.cache import cache as store

    refresh_all()
    user = persona("kemendagri")
    touched: list[tuple[str, int]] = []
    real = store.touch

    def spy(key: str, timeout: int) -> bool:
        touched.append((key, timeout))
        return real(key, timeout)

    monkeypatch.setattr(store, "touch", spy)
    refresh_all()
    keys = {
        cache._key("dashboard", user, filters.Filters(), ""),
        cache._key("league", user, filters.Filters(), "overdue"),
    }
    assert keys <= {k for k, t in touched if t == 600}


def test_hundreds_of_staff_in_one_office_cost_what_one_does(kept, persona) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from netral.accounts.models import StaffRole, User

    refresh_all()
    cache_store_clear()
    with CaptureQueriesContext(connection) as alone:
        first = cache.keep_defaults()
    model = persona("kemendagri")
    roles = list(model.role_set)
    for i in range(40):
        twin = User.objects.create(username=f"kemendagri_{i}", institution=model.institution)
        StaffRole.objects.bulk_create(StaffRole(user=twin, role=r) for r in roles)
    cache_store_clear()
    with CaptureQueriesContext(connection) as crowd:
        assert cache.keep_defaults() == first
    assert len(crowd.captured_queries) == len(alone.captured_queries)


def cache_store_clear() -> None:
    from django.core.cache import cache as store

    store.clear()
