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


@pytest.mark.parametrize(
    "who, params, where",
    [
        ("kemendagri", {}, {}),
        ("kemendagri", {"province": "16"}, {"province_id": "16"}),
        ("bawaslu_oku", {}, {"regency_id": "16.01"}),
    ],
)
def test_catalogue_items_overdue_and_social_counts_equal_the_case_register(
    persona, who, params, where
) -> None:
    """The catalogue items are counted from the violation rows alone (which copy their case's
    region): per item, the cases naming it; overdue, the cases with a clock run out."""
    from django.utils import timezone

    from netral.cases.models import CaseStage

    refresh_all()
    user = persona(who)
    chosen, _form = filters.parse(user, params)
    board = figures.dashboard(user, chosen)
    cases = Case.objects.filter(**where)
    named = Counter(
        Case.violations.through.objects.filter(case__in=cases).values_list(
            "violation__code", flat=True
        )
    )
    assert {v["code"]: v["n"] for v in board.violations} == dict(named)
    late = CaseStage.objects.filter(case__in=cases, completed_at=None, due__lt=timezone.localdate())
    assert board.overdue == late.values("case").distinct().count()
    assert board.total == cases.count()
    assert sum(n for _c, _l, n in board.by_state) == board.total
    assert sum(board.by_origin.values()) == board.total


def test_an_agency_filter_counts_the_cases_naming_that_agency(persona) -> None:
    from netral.cases.models import CaseSubject

    refresh_all()
    user = persona("kemendagri")
    subject = CaseSubject.objects.exclude(ppk_institution=None).first()
    assert subject is not None
    agency = subject.ppk_institution
    assert agency is not None
    chosen, form = filters.parse(
        user, {"province": agency.province_id or "", "agency": str(agency.pk)}
    )
    assert form.is_valid(), form.errors
    cases = Case.objects.filter(
        pk__in=CaseSubject.objects.filter(ppk_institution=agency).values("case")
        | CaseSubject.objects.filter(decision_institution=agency).values("case")
    )
    if agency.province_id:
        cases = cases.filter(province_id=agency.province_id)
    board = figures.dashboard(user, chosen)
    assert board.total == cases.count()
    named = Counter(
        Case.violations.through.objects.filter(case__in=cases).values_list(
            "violation__code", flat=True
        )
    )
    assert {v["code"]: v["n"] for v in board.violations} == dict(named)


@pytest.mark.parametrize(
    "values", [[], [4], [1, 9], [3, 3, 3, 8], [0, 2, 2, 5, 7, 7, 7], list(range(1, 41)) * 3]
)
def test_the_league_median_from_counts_is_the_median_of_the_values(values) -> None:
    import statistics

    counts = Counter(values)
    expected = statistics.median(values) if values else None
    assert league.median_of_counts(dict(counts)) == expected
