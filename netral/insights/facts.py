"""Build the fact rows of a batch of cases: six reads for the whole batch, then one bulk write.

A move's date is the date the officer entered for it (the letter's or the decision's date), as
the clocks use it; without one, the day it was recorded.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.db.models.fields.json import KT
from django.utils import timezone

from netral.cases.models import Case, CaseStage, CaseSubject, CaseTransition, Recommendation
from netral.cases.states import Origin, State
from netral.insights.models import CaseFact, SubjectFact, ViolationFact

# The funnel's steps after receipt: (state reached, fact field holding its date).
STEPS: tuple[tuple[str, str], ...] = (
    (State.REGISTERED, "registered_on"),
    (State.PROVEN, "proven_on"),
    (State.RECOMMENDED_TO_AUTHORITY, "authority_on"),
    (State.RECOMMENDED_TO_PPK, "ppk_on"),
    (State.PPK_DECIDED, "decided_on"),
)
# Days between consecutive steps, in the same order (received → registered, ...).
DAY_FIELDS = (
    "days_review",
    "days_examination",
    "days_recommendation",
    "days_verification",
    "days_ppk",
)
STATE_FIELD = {**dict(STEPS), State.EXECUTED: "executed_on"}


@lru_cache(maxsize=1)
def social_media_codes() -> frozenset[str]:
    """Catalogue items about social media or posting online, read from their wording: the
    catalogue has no flag for it, and the wording is what the law says."""
    from netral.catalogue.models import Violation

    words = (
        Q(title__icontains="media sosial")
        | Q(title__icontains="online")
        | Q(explanation__icontains="media sosial")
    )
    return frozenset(Violation.objects.filter(words).values_list("code", flat=True))


def _days(a: dt.date | None, b: dt.date | None) -> int | None:
    return (b - a).days if a and b and b >= a else None


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _parse_day(raw: Any, fallback: dt.datetime) -> dt.date:
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw[:10])
        except ValueError:
            pass
    return timezone.localdate(fallback)


def _reads(ids: Sequence[int]) -> dict[str, Any]:
    """Everything the batch needs, grouped by case id."""
    t: Any
    s: Any
    out: dict[str, Any] = {
        k: defaultdict(list) for k in ("moves", "stages", "subjects", "letters", "violations")
    }
    for t in (
        CaseTransition.objects.filter(case_id__in=ids)
        .exclude(from_state="")
        .values("case_id", "to_state", "at", day=KT("data__date"))
        .order_by("at", "id")
    ):
        out["moves"][t["case_id"]].append(t)
    for s in CaseStage.objects.filter(case_id__in=ids).values(
        "case_id", "stage", "started", "due", "completed_at", "responsible_id"
    ):
        out["stages"][s["case_id"]].append(s)
    for s in CaseSubject.objects.filter(case_id__in=ids).values(
        "pk",
        "case_id",
        "ppk_institution_id",
        "decision_institution_id",
        "recommended_level",
        "sk_number",
        "sk_date",
    ):
        out["subjects"][s["case_id"]].append(s)
    for r in Recommendation.objects.filter(case_id__in=ids, kind=Recommendation.Kind.TO_PPK).values(
        "case_id", "addressee_id", "letter_date"
    ):
        out["letters"][r["case_id"]].append(r)
    for v in Case.violations.through.objects.filter(case_id__in=ids).values(
        "case_id", "violation__code"
    ):
        out["violations"][v["case_id"]].append(v["violation__code"])
    return out


def _case_fact(case: dict[str, Any], reads: dict[str, Any], social: frozenset[str]) -> CaseFact:
    pk = case["pk"]
    stages = reads["stages"][pk]
    received = min((s["started"] for s in stages), default=None) or timezone.localdate(
        case["created_at"]
    )
    dates: dict[str, dt.date] = {}
    for move in reads["moves"][pk]:
        field = STATE_FIELD.get(move["to_state"])
        if field and field not in dates:
            dates[field] = _parse_day(move["day"], move["at"])
    chain = [received, *(dates.get(f) for _s, f in STEPS)]
    days = {name: _days(chain[i], chain[i + 1]) for i, name in enumerate(DAY_FIELDS)}
    codes = reads["violations"][pk]
    return CaseFact(
        case_id=pk,
        election_id=case["election_id"],
        province_id=case["province_id"],
        regency_id=case["regency_id"],
        origin=case["origin"],
        state=case["state"],
        received_on=received,
        week=_monday(received),
        **dates,
        **days,
        next_due=min((s["due"] for s in stages if s["completed_at"] is None), default=None),
        social_media=case["origin"] == Origin.MONITORING or bool(social.intersection(codes)),
        refreshed_at=timezone.now(),
    )


def _copied(fact: CaseFact) -> dict[str, Any]:
    """What the subject and violation rows copy from their case's fact (see models)."""
    return {
        "election_id": fact.election_id,
        "province_id": fact.province_id,
        "regency_id": fact.regency_id,
        "received_on": fact.received_on,
    }


def _subject_facts(fact: CaseFact, reads: dict[str, Any]) -> list[SubjectFact]:
    pk = fact.pk
    letters = {r["addressee_id"]: r["letter_date"] for r in reads["letters"][pk]}
    open_ppk = {
        s["responsible_id"]: s["due"]
        for s in reads["stages"][pk]
        if s["stage"] == "ppk_follow_up" and s["completed_at"] is None
    }
    out = []
    for s in reads["subjects"][pk]:
        decider = s["decision_institution_id"]
        letter = letters.get(decider)
        sanctioned = bool(s["sk_number"])
        out.append(
            SubjectFact(
                subject_id=s["pk"],
                fact_id=pk,
                agency_id=s["ppk_institution_id"],
                decision_institution_id=decider,
                recommended=bool(s["recommended_level"]),
                sanctioned=sanctioned,
                letter_date=letter,
                sk_date=s["sk_date"],
                days_to_sanction=_days(letter, s["sk_date"]) if sanctioned else None,
                ppk_due=None if sanctioned else open_ppk.get(decider),
                **_copied(fact),
            )
        )
    return out


def rebuild(ids: Sequence[int]) -> int:
    """Replace the facts of these cases (a case that no longer exists loses its facts)."""
    ids = list(ids)
    if not ids:
        return 0
    cases: list[Any] = list(
        Case.objects.filter(pk__in=ids).values(
            "pk", "election_id", "province_id", "regency_id", "origin", "state", "created_at"
        )
    )
    reads = _reads(ids)
    social = social_media_codes()
    facts = [_case_fact(c, reads, social) for c in cases]
    subjects = [sf for f in facts for sf in _subject_facts(f, reads)]
    violations = [
        ViolationFact(fact_id=f.pk, code=code, social_media=code in social, **_copied(f))
        for f in facts
        for code in reads["violations"][f.pk]
    ]
    with transaction.atomic():
        CaseFact.objects.filter(pk__in=ids).delete()  # cascades to the subject/violation rows
        CaseFact.objects.bulk_create(facts, batch_size=1000)
        SubjectFact.objects.bulk_create(subjects, batch_size=1000)
        ViolationFact.objects.bulk_create(violations, batch_size=1000)
    return len(facts)
