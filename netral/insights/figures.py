"""The dashboard's figures, computed from the summary tables in a fixed number of queries
(whatever the number of cases): the tests pin the count.

Each figure carries the selection that lists the cases behind it (see filters.selected_facts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netral.access import AnyUser
from netral.cases.states import Origin, State
from netral.catalogue.models import Violation
from netral.insights import measures
from netral.insights.facts import DAY_FIELDS, STEPS
from netral.insights.filters import (
    Filters,
    scoped_buckets,
    scoped_facts,
    scoped_measures,
    scoped_parts,
)
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
    """The counts (total, overdue, social media, each funnel step, each state and origin) and
    the median days per stage, in two passes over the facts: one groups them by the handful of
    values the counts need (a few hundred groups, summed here), one takes the medians. (A
    count per figure with FILTER in one pass costs more than both.)"""
    flags = {
        "late": Q(next_due__lt=today),
        **{f"has_{name}": Q(**{f"{name}__isnull": False}) for _s, name in STEPS},
    }
    groups = (
        qs.annotate(
            **{k: ExpressionWrapper(q, output_field=BooleanField()) for k, q in flags.items()}
        )
        .values("state", "origin", "social_media", *flags)
        .annotate(n=Count("pk"))
        .order_by()
    )
    out: dict[str, Any] = {"total": 0, "overdue": 0, "social": 0}
    out.update({name: 0 for _s, name in STEPS})
    out.update({f"state_{s}": 0 for s in State.values})
    out.update({f"origin_{o}": 0 for o in Origin.values})
    for g in groups:
        n = g["n"]
        out["total"] += n
        out["overdue"] += n if g["late"] else 0
        out["social"] += n if g["social_media"] else 0
        for _s, name in STEPS:
            out[name] += n if g[f"has_{name}"] else 0
        for key in (f"state_{g['state']}", f"origin_{g['origin']}"):
            if key in out:
                out[key] += n
    out.update(qs.aggregate(**{name: Median(name) for name in DAY_FIELDS}))
    return out


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


def _violations(user: AnyUser, filters: Filters, total: int) -> list[dict[str, Any]]:
    # A case names a catalogue item once (the case-violation pairs are unique), so rows count
    # cases.
    rows = list(
        scoped_parts(user, filters, ViolationFact)
        .values("code", "social_media")
        .annotate(n=Count("pk"))
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
    if filters.start is None and filters.end is None:
        summed: QuerySet[Any] = scoped_measures(user, filters).values("measure")
    else:  # a period: its day buckets, and the stocks whatever their day
        summed = (
            scoped_buckets(user, filters).exclude(measure__in=stocks)
            | scoped_buckets(user, filters, dated=False).filter(measure__in=stocks)
        ).values("measure")
    sums = {r["measure"]: r for r in summed.annotate(v=Sum("value"), k=Sum("n")).order_by()}
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
    return Dashboard(
        total=totals["total"],
        overdue=totals["overdue"],
        social_media=totals["social"],
        by_origin={o: totals[f"origin_{o}"] for o in Origin.values},
        by_state=[
            (s.value, s.label, totals[f"state_{s.value}"])
            for s in State
            if totals[f"state_{s.value}"]
        ],
        funnel=funnel(totals),
        violations=_violations(user, filters, totals["total"]),
        weekly=_weekly(qs, filters, today),
        panels=panels(user, filters),
    )
