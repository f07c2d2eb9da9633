"""Public read API of the deadline engine: GET /api/v1/deadlines/compute."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from netral.api.errors import ApiError
from netral.deadlines.engine import NoDeadlineRule, compute_deadline, deadline_state

router = Router(tags=["deadlines"])


class DeadlineQuery(Schema):
    kind: Literal["pemilu", "pilkada"]
    stage: Literal[
        "report_window",
        "preliminary_review",
        "completion",
        "decision",
        "decision_extension",
        "authority_verification",
        "ppk_follow_up",
    ]
    start: date
    extended: bool = False
    days: int | None = Field(default=None, ge=0, le=365)
    today: date | None = None


class SkippedOut(Schema):
    date: date
    reason: str


class DeadlineOut(Schema):
    due: date
    state: str
    unconfirmed: bool
    working_days: bool
    amount: int
    legal_source: str
    explanation: str
    skipped: list[SkippedOut]


@router.get("/compute", response=DeadlineOut, auth=None, summary="Compute a due date")
def compute(request: HttpRequest, query: Query[DeadlineQuery]) -> dict[str, Any]:
    try:
        deadline = compute_deadline(
            kind=query.kind,
            stage=query.stage,
            start=query.start,
            extended=query.extended,
            days=query.days,
        )
    except NoDeadlineRule as exc:
        raise ApiError(404, str(exc), [{"field": "stage", "message": "no rule in force"}]) from exc
    except OverflowError as exc:
        # A start near 9999-12-31 has no due date inside the calendar.
        raise ApiError(
            422,
            "invalid input: start",
            [{"field": "start", "message": "the due date falls after 9999-12-31"}],
        ) from exc
    today = query.today or timezone.localdate()
    return {
        "due": deadline.due,
        "state": deadline_state(deadline, today),
        "unconfirmed": deadline.unconfirmed,
        "working_days": deadline.working_days,
        "amount": deadline.amount,
        "legal_source": deadline.rule.legal_source,
        "explanation": deadline.explanation,
        "skipped": [{"date": d, "reason": why} for d, why in deadline.skipped],
    }
