"""Follow-through figures: how PPKs act on recommendations, per agency and per region.

A fixed number of queries whatever the number of cases (three reads, aggregated in Python),
so the page's cost does not grow with the register; the tests pin it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from django.db.models import Max, QuerySet
from django.utils import timezone

from netral import access
from netral.access import AnyUser
from netral.cases.models import Case, CaseStage, CaseSubject, Escalation, Recommendation
from netral.cases.states import ESCALATION_ORDER


@dataclass
class Row:
    label: str
    recommended: int = 0
    sanctioned: int = 0
    overdue: int = 0
    days: list[int] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return round(100 * self.sanctioned / self.recommended, 1) if self.recommended else None

    @property
    def median_days(self) -> float | None:
        return median(self.days) if self.days else None


def _visible_cases(user: AnyUser) -> QuerySet[Case]:
    return access.visible_to(user, Case)


def follow_up(user: AnyUser, today: dt.date | None = None) -> tuple[list[Row], list[Row]]:
    """(per PPK agency, per region) rows for the cases the user may see."""
    today = today or timezone.localdate()
    cases = _visible_cases(user).values("pk")
    subjects = list(
        CaseSubject.objects.filter(case__in=cases)
        .exclude(recommended_level="")
        .values(
            "case_id",
            "decision_institution_id",
            "decision_institution__name",
            "case__regency__name",
            "case__province__name",
            "sk_date",
            "sk_number",
        )
    )
    letters = {
        (r["case_id"], r["addressee_id"]): r["letter_date"]
        for r in Recommendation.objects.filter(
            case__in=cases, kind=Recommendation.Kind.TO_PPK
        ).values("case_id", "addressee_id", "letter_date")
    }
    late = set(
        CaseStage.objects.filter(
            case__in=cases, stage="ppk_follow_up", completed_at__isnull=True, due__lt=today
        ).values_list("case_id", "responsible_id")
    )
    by_ppk: dict[str, Row] = {}
    by_region: dict[str, Row] = {}
    for s in subjects:
        key = (s["case_id"], s["decision_institution_id"])
        region = s["case__regency__name"] or s["case__province__name"] or "Nasional"
        ppk = s["decision_institution__name"] or "—"
        for table, label in ((by_ppk, ppk), (by_region, region)):
            row = table.setdefault(label, Row(label))
            row.recommended += 1
            if s["sk_number"]:
                row.sanctioned += 1
                if s["sk_date"] and key in letters:
                    row.days.append((s["sk_date"] - letters[key]).days)
            elif key in late:
                row.overdue += 1
    order = lambda r: (-r.overdue, r.rate if r.rate is not None else 0, r.label)  # noqa: E731
    return sorted(by_ppk.values(), key=order), sorted(by_region.values(), key=order)


def noncompliant(user: AnyUser) -> list[dict[str, Any]]:
    """PPK agencies with escalations on cases the user may see, worst step first."""
    rows = Escalation.objects.filter(case__in=_visible_cases(user).values("pk")).values(
        "ppk_institution_id", "ppk_institution__name", "step", "case_id", "case__number"
    )
    agencies: dict[int, dict[str, Any]] = {}
    rank: dict[str, int] = {str(step): i for i, step in enumerate(ESCALATION_ORDER)}
    for r in rows:
        a = agencies.setdefault(
            r["ppk_institution_id"],
            {"name": r["ppk_institution__name"], "step": r["step"], "cases": {}},
        )
        if rank[r["step"]] > rank[a["step"]]:
            a["step"] = r["step"]
        current = a["cases"].get(r["case_id"])
        if current is None or rank[r["step"]] > rank[current[1]]:
            a["cases"][r["case_id"]] = (r["case__number"], r["step"])
    out = [
        {
            **a,
            "listed": a["step"] == ESCALATION_ORDER[-1],
            "cases": sorted(a["cases"].items(), key=lambda kv: kv[1][0]),
        }
        for a in agencies.values()
    ]
    return sorted(out, key=lambda a: (-rank[a["step"]], a["name"]))


def overdue_cases(user: AnyUser, today: dt.date | None = None) -> QuerySet[Case]:
    from netral.cases.queries import with_clock

    qs = with_clock(_visible_cases(user).select_related("handling_institution"), today)
    return (
        qs.filter(is_overdue=True)  # type: ignore[misc]
        .annotate(escalation_at=Max("escalations__at"))
        .order_by("next_due", "id")
    )
