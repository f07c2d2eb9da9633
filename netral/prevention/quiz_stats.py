"""Quiz figures: scores per agency, and per question the share answering right and how well it
separates strong from weak takers, so a bad question can be found and revised.

Discrimination is the classic upper-lower index: rank the takers who saw the question by their
score in the attempt, take the top and bottom 27% (at least one each), and subtract the lower
group's share right from the upper group's. It runs from -1 to 1; under 0.2 the question
barely tells who knows the rules from who does not (or its key is wrong) and is flagged once
enough takers saw it. The point-biserial correlation between answering right and the score is
shown beside it. Both use the attempt's score, the question included (Kelley's original form).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, QuerySet

from netral import access
from netral.prevention.models import QuizAnswer, QuizAttempt, QuizQuestion

GROUP_SHARE = 0.27
FLAG_BELOW = 0.2
# Fewer takers than this and the index says more about chance than about the question.
MIN_TAKERS = 10


@dataclass(frozen=True)
class Response:
    attempt_id: int
    score: float  # the attempt's score (any scale; only the ranking and spread matter)
    question_id: int
    correct: bool


@dataclass(frozen=True)
class ItemStats:
    question_id: int
    takers: int
    right: int
    share_right: float
    discrimination: float | None
    point_biserial: float | None

    @property
    def flagged(self) -> bool:
        return (
            self.takers >= MIN_TAKERS
            and self.discrimination is not None
            and self.discrimination < FLAG_BELOW
        )

    @property
    def percent_right(self) -> float:
        return round(100 * self.share_right, 1)


def _upper_lower(rows: list[Response]) -> float | None:
    if len(rows) < 2:
        return None
    ranked = sorted(rows, key=lambda r: (r.score, r.attempt_id))
    k = max(1, round(GROUP_SHARE * len(ranked)))
    lower, upper = ranked[:k], ranked[-k:]
    return round(sum(r.correct for r in upper) / k - sum(r.correct for r in lower) / k, 3)


def _point_biserial(rows: list[Response]) -> float | None:
    n = len(rows)
    right = [r.score for r in rows if r.correct]
    wrong = [r.score for r in rows if not r.correct]
    if n < 2 or not right or not wrong:
        return None
    mean = sum(r.score for r in rows) / n
    sd = math.sqrt(sum((r.score - mean) ** 2 for r in rows) / n)
    if sd == 0:
        return None
    p = len(right) / n
    diff = sum(right) / len(right) - sum(wrong) / len(wrong)
    return round(diff / sd * math.sqrt(p * (1 - p)), 3)


def item_statistics(responses: Iterable[Response]) -> dict[int, ItemStats]:
    by_question: dict[int, list[Response]] = defaultdict(list)
    for r in responses:
        by_question[r.question_id].append(r)
    out = {}
    for qid, rows in by_question.items():
        right = sum(r.correct for r in rows)
        out[qid] = ItemStats(
            question_id=qid,
            takers=len(rows),
            right=right,
            share_right=right / len(rows),
            discrimination=_upper_lower(rows),
            point_biserial=_point_biserial(rows),
        )
    return out


def scored_attempts(user: Any, **filters: Any) -> QuerySet[QuizAttempt]:
    """The scored attempts the user may see (submitted in time)."""
    return access.visible_to(user, QuizAttempt).filter(score__isnull=False, **filters)


def responses_of(attempts: QuerySet[QuizAttempt]) -> list[Response]:
    rows = QuizAnswer.objects.filter(attempt__in=attempts).values_list(
        "attempt_id", "attempt__score", "question_id", "correct"
    )
    return [Response(a, float(s or 0), q, c) for a, s, q, c in rows]


@dataclass(frozen=True)
class QuestionRow:
    question: QuizQuestion
    stats: ItemStats | None


def question_rows(attempts: QuerySet[QuizAttempt]) -> list[QuestionRow]:
    """Every question of the bank with its statistics over these attempts; flagged first."""
    stats = item_statistics(responses_of(attempts))
    rows = [QuestionRow(q, stats.get(q.pk)) for q in QuizQuestion.objects.order_by("code")]
    return sorted(rows, key=lambda r: (not (r.stats and r.stats.flagged), r.question.code))


def scores_by_agency(attempts: QuerySet[QuizAttempt]) -> list[dict[str, Any]]:
    """Per agency: identified ASN who took a quiz, attempts, mean score."""
    rows = (
        attempts.filter(agency__isnull=False)
        .values("agency_id", "agency__name")
        .annotate(asn=Count("asn_id", distinct=True), attempts=Count("id"), mean=Avg("score"))
        .order_by("agency__name")
    )
    return [
        {
            "agency": r["agency__name"],
            "asn": r["asn"],
            "attempts": r["attempts"],
            "mean": round(r["mean"] or 0, 1),
        }
        for r in rows
    ]
