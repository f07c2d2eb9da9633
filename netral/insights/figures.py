"""The dashboard's figures, computed from the summary tables in a fixed number of queries
(whatever the number of cases): the tests pin the count.

Each figure carries the selection that lists the cases behind it (see filters.selected_facts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netral.access import AnyUser
from netral.cases.states import Origin, State
from netral.catalogue.models import Violation
from netral.insights import measures
from netral.insights.facts import DAY_FIELDS, STEPS
from netral.insights.filters import Filters, scoped_facts, scoped_measures
from netral.insights.median import Median
from netral.insights.models import CaseFact, ViolationFact

WEEKS_SHOWN = 26


@dataclass
class FunnelStep:
    state: str
    label: Any
    count: int
    kept: float | None  # share of the previous step, in percent
    median_days: float | None  # days from the previous step (median)


@dataclass
class Dashboard:
    total: int = 0
    overdue: int = 0
    social_media: int = 0
    by_origin: dict[str, int] = field(default_factory=dict)
    by_state: list[tuple[str, Any, int]] = field(default_factory=list)
    funnel: list[FunnelStep] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    weekly: list[dict[str, Any]] = field(default_factory=list)
    panels: list[dict[str, Any]] = field(default_factory=list)

    @property
    def social_share(self) -> float | None:
        return round(100 * self.social_media / self.total, 1) if self.total else None


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _totals(qs: QuerySet[CaseFact], today: dt.date) -> dict[str, Any]:
    aggs: dict[str, Any] = {
        "total": Count("pk"),
        "overdue": Count("pk", filter=Q(next_due__lt=today)),
        "social": Count("pk", filter=Q(social_media=True)),
    }
    for _state, name in STEPS:
        aggs[name] = Count("pk", filter=Q(**{f"{name}__isnull": False}))
    for name in DAY_FIELDS:
        aggs[name] = Median(name)
    return qs.aggregate(**aggs)


def funnel(totals: dict[str, Any]) -> list[FunnelStep]:
    steps = [FunnelStep(State.RECEIVED, _("Diterima"), totals["total"], None, None)]
    for (state, name), days in zip(STEPS, DAY_FIELDS, strict=True):
        count = totals[name]
        steps.append(
            FunnelStep(
                state,
                _("Disanksi PPK (SK)") if state == State.PPK_DECIDED else State(state).label,
                count,
                _pct(count, steps[-1].count),
                totals[days],
            )
        )
    return steps


def _violations(qs: QuerySet[CaseFact], total: int) -> list[dict[str, Any]]:
    rows = list(
        ViolationFact.objects.filter(fact__in=qs.values("pk"))
        .values("code", "social_media")
        .annotate(n=Count("fact_id", distinct=True))
        .order_by("-n", "code")
    )
    titles = dict(
        Violation.objects.filter(code__in=[r["code"] for r in rows]).values_list("code", "title")
    )
    return [
        {**r, "title": titles.get(r["code"], r["code"]), "share": _pct(r["n"], total)} for r in rows
    ]


def _weekly(qs: QuerySet[CaseFact], filters: Filters, today: dt.date) -> list[dict[str, Any]]:
    if filters.start is None:
        qs = qs.filter(week__gte=today - dt.timedelta(weeks=WEEKS_SHOWN))
    rows = list(
        qs.values("week")
        .annotate(n=Count("pk"), sanctioned=Count("pk", filter=Q(decided_on__isnull=False)))
        .order_by("week")
    )
    peak = max((r["n"] for r in rows), default=0)
    out = []
    for i, r in enumerate(rows):
        height = round(100 * r["n"] / peak) if peak else 0
        out.append({**r, "x": 10 * i, "y": 100 - height, "height": height})
    return out


def panels(user: AnyUser, filters: Filters) -> list[dict[str, Any]]:
    """The other areas' measures: values when the area has registered, else "not yet"."""
    stocks = [m.key for _l, items in measures.AREAS.values() for m in items if m.kind == "stock"]
    sums = {
        r["measure"]: r
        for r in (
            scoped_measures(user, filters).exclude(measure__in=stocks)
            | scoped_measures(user, filters, dated=False).filter(measure__in=stocks)
        )
        .values("measure")
        .annotate(v=Sum("value"), k=Sum("n"))
    }
    out = []
    for area, (label, items) in measures.AREAS.items():
        available = measures.is_available(area)
        rows = []
        for m in items:
            got = sums.get(m.key, {"v": 0, "k": 0})
            # facts store values as floats; counts are shown whole ("10", not "10,0")
            value: float | int | None = round(got["v"] or 0)
            if m.kind == "mean":
                value = round(got["v"] / got["k"], 1) if got["k"] else None
            rows.append(
                {
                    "key": m.key,
                    "label": m.label,
                    "value": value if available else None,
                    "list_url": m.list_url,
                }
            )
        out.append({"area": area, "label": label, "available": available, "measures": rows})
    return out


def dashboard(user: AnyUser, filters: Filters, today: dt.date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    qs = scoped_facts(user, filters)
    totals = _totals(qs, today)
    states = {r["state"]: r["n"] for r in qs.values("state").annotate(n=Count("pk"))}
    origins = {r["origin"]: r["n"] for r in qs.values("origin").annotate(n=Count("pk"))}
    return Dashboard(
        total=totals["total"],
        overdue=totals["overdue"],
        social_media=totals["social"],
        by_origin={o: origins.get(o, 0) for o in Origin.values},
        by_state=[(s.value, s.label, states[s.value]) for s in State if s.value in states],
        funnel=funnel(totals),
        violations=_violations(qs, totals["total"]),
        weekly=_weekly(qs, filters, today),
        panels=panels(user, filters),
    )
