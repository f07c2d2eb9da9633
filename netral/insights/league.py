"""The PPK follow-up league: per deciding PPK, how many ASN it was asked to sanction, how many
it sanctioned, how many are overdue, its follow-up rate and median days to the decree (SK).

The reference is the national rate in Pilkada 2020: KASN counted 372 recommendations of which
PPKs had acted on 194 (52.2%; see docs/glossary.md and the legal notes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.utils import timezone

from netral.access import AnyUser
from netral.insights.filters import Filters, scoped_parts
from netral.insights.models import SubjectFact

NATIONAL_RATE_2020 = 52.2  # KASN, Pilkada 2020: 194 of 372 recommendations followed up

SORTS = {
    "rate": lambda r: (r.rate if r.rate is not None else -1, -r.overdue, r.name),
    "overdue": lambda r: (-r.overdue, r.rate if r.rate is not None else 0, r.name),
    "recommended": lambda r: (-r.recommended, r.name),
    "days": lambda r: (-(r.median_days or 0), r.name),
    "name": lambda r: (r.name,),
}


@dataclass
class LeagueRow:
    ppk_id: int | None
    name: str
    recommended: int
    sanctioned: int
    overdue: int
    median_days: float | None

    @property
    def rate(self) -> float | None:
        return round(100 * self.sanctioned / self.recommended, 1) if self.recommended else None

    @property
    def below_reference(self) -> bool:
        return self.rate is not None and self.rate < NATIONAL_RATE_2020


def league(
    user: AnyUser, filters: Filters, *, sort: str = "overdue", today: dt.date | None = None
) -> list[LeagueRow]:
    today = today or timezone.localdate()
    # One pass that groups the recommended ASN by PPK and by the few values the figures need
    # (sanctioned, overdue, days to the SK): a hash of a few thousand groups, where a median
    # per PPK in the database would sort every row. The medians come from the days' counts.
    groups = (
        scoped_parts(user, filters, SubjectFact)
        .filter(recommended=True)
        .annotate(
            late=ExpressionWrapper(
                Q(sanctioned=False, ppk_due__lt=today), output_field=BooleanField()
            )
        )
        .values(
            "decision_institution_id",
            "decision_institution__name",
            "sanctioned",
            "late",
            "days_to_sanction",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_ppk: dict[int | None, dict[str, Any]] = {}
    for g in groups:
        row = per_ppk.setdefault(
            g["decision_institution_id"],
            {"name": g["decision_institution__name"], "rec": 0, "done": 0, "late": 0, "days": {}},
        )
        row["rec"] += g["n"]
        row["done"] += g["n"] if g["sanctioned"] else 0
        row["late"] += g["n"] if g["late"] else 0
        if g["days_to_sanction"] is not None:
            days = row["days"]
            days[g["days_to_sanction"]] = days.get(g["days_to_sanction"], 0) + g["n"]
    out = [
        LeagueRow(
            ppk_id, r["name"] or "—", r["rec"], r["done"], r["late"], median_of_counts(r["days"])
        )
        for ppk_id, r in per_ppk.items()
    ]
    return sorted(out, key=SORTS.get(sort, SORTS["overdue"]))


def median_of_counts(counts: dict[int, int]) -> float | None:
    """The median of values given as value → how many times (what PERCENTILE_CONT(0.5) gives:
    the mean of the two middle values when their number is even)."""
    total = sum(counts.values())
    if not total:
        return None
    lo, hi = (total - 1) // 2, total // 2
    seen, found = 0, list[int]()
    for value in sorted(counts):
        seen += counts[value]
        while len(found) < 2 and seen > (lo, hi)[len(found)]:
            found.append(value)
    return (found[0] + found[1]) / 2


def overall_rate(rows: list[LeagueRow]) -> float | None:
    recommended = sum(r.recommended for r in rows)
    return round(100 * sum(r.sanctioned for r in rows) / recommended, 1) if recommended else None
