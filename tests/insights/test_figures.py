"""The dashboard's figures equal what a direct count of the case data gives."""

from __future__ import annotations

from collections import Counter

import pytest
from django.urls import reverse

from netral.cases import compliance
from netral.cases.models import Case, CaseTransition
from netral.cases.states import State as S
from netral.insights import figures, filters, league
from netral.insights.refresh import refresh_all

pytestmark = pytest.mark.django_db


def _board(user):
    chosen, _form = filters.parse(user, {})
    return figures.dashboard(user, chosen)


def test_national_counts_equal_the_case_register(persona) -> None:
    refresh_all()
    board = _board(persona("kemendagri"))
    assert board.total == Case.objects.count()
    assert dict((code, n) for code, _label, n in board.by_state) == dict(
        Counter(Case.objects.values_list("state", flat=True))
    )
    assert board.by_origin["report"] == Case.objects.filter(origin="report").count()


def test_funnel_counts_cases_that_reached_each_step(persona) -> None:
    refresh_all()
    steps = {s.state: s.count for s in _board(persona("kemendagri")).funnel}
    for state in (S.REGISTERED, S.PROVEN, S.RECOMMENDED_TO_PPK, S.PPK_DECIDED):
        reached = CaseTransition.objects.filter(to_state=state).values("case").distinct()
        assert steps[state] == reached.count(), state
    assert steps[S.REGISTERED] > 0


def test_the_league_agrees_with_the_compliance_page(persona) -> None:
    """Two ways of counting the PPKs' follow-up (the case app's raw read and the summary
    tables) must give the same recommended, sanctioned and overdue figures."""
    refresh_all()
    user = persona("kemendagri")
    chosen, _form = filters.parse(user, {})
    ours = {r.name: (r.recommended, r.sanctioned, r.overdue) for r in league.league(user, chosen)}
    by_ppk, _by_region = compliance.follow_up(user)
    theirs = {r.label: (r.recommended, r.sanctioned, r.overdue) for r in by_ppk}
    assert ours == theirs
    assert sum(v[0] for v in ours.values()) > 0


def test_the_page_shows_the_figures_and_links_to_the_cases_behind_them(client_for, persona) -> None:
    refresh_all()
    page = client_for("kemendagri").get(reverse("insights:dashboard"))
    body = page.content.decode()
    assert page.status_code == 200
    total = Case.objects.count()
    assert f'data-testid="kpi-total" href="{reverse("insights:cases")}?">{total}</a>' in body
    examination = Case.objects.filter(state=S.EXAMINATION).count()
    behind = client_for("kemendagri").get(reverse("insights:cases") + "?state=examination")
    assert f"Angka ini menghitung {examination} perkara" in behind.content.decode()
    for case in Case.objects.filter(state=S.EXAMINATION):
        assert case.number in behind.content.decode()


def test_filters_narrow_the_figures(persona) -> None:
    refresh_all()
    user = persona("kemendagri")
    chosen, form = filters.parse(user, {"province": "16"})
    assert form.is_valid()
    board = figures.dashboard(user, chosen)
    assert board.total == Case.objects.filter(province_id="16").count()
    chosen, form = filters.parse(user, {"start": "2030-01-01", "end": "2020-01-01"})
    assert "end" in form.errors


def test_counts_in_the_area_panels_are_whole_numbers(persona) -> None:
    """Signed pacts and attendees are counts: "10", never "10,0" (facts keep values as floats)."""
    refresh_all()
    user = persona("kemendagri")
    chosen, _form = filters.parse(user, {})
    rows = [
        m for panel in figures.panels(user, chosen) if panel["available"] for m in panel["measures"]
    ]
    counts = [m for m in rows if not m["key"].endswith("_score") and m["value"] is not None]
    assert counts and all(isinstance(m["value"], int) for m in counts)
