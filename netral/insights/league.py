"""The PPK follow-up league: per deciding PPK, how many ASN it was asked to sanction, how many
it sanctioned, how many are overdue, its follow-up rate and median days to the decree (SK).

The reference is the national rate in Pilkada 2020: KASN counted 372 recommendations of which
PPKs had acted on 194 (52.2%; see docs/glossary.md and the legal notes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from netral.access import AnyUser
from netral.insights.filters import Filters, scoped_parts
from netral.insights.median import Median
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
    rows = (
        scoped_parts(user, filters, SubjectFact)
        .filter(recommended=True)
        .values("decision_institution_id", "decision_institution__name")
        .annotate(
            n_rec=Count("pk"),
            n_done=Count("pk", filter=Q(sanctioned=True)),
            n_late=Count("pk", filter=Q(sanctioned=False, ppk_due__lt=today)),
            median_days=Median("days_to_sanction"),
        )
    )
    # (annotation names differ from the fields: an annotation named like a field would
    # shadow it inside the other aggregates' filters)
    out = [
        LeagueRow(
            r["decision_institution_id"],
            r["decision_institution__name"] or "—",
            r["n_rec"],
            r["n_done"],
            r["n_late"],
            r["median_days"],
        )
        for r in rows
    ]
    return sorted(out, key=SORTS.get(sort, SORTS["overdue"]))


def overall_rate(rows: list[LeagueRow]) -> float | None:
    recommended = sum(r.recommended for r in rows)
    return round(100 * sum(r.sanctioned for r in rows) / recommended, 1) if recommended else None
