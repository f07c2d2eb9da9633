"""POST /api/v1/detect: the self-check as an API (public, rate-limited, nothing stored)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import ValidationError
from pydantic import Field
from pydantic import ValidationError as PydanticError

from netral.api import bodies
from netral.api.errors import ApiError
from netral.api.schemas import StrictInput
from netral.selfcheck import engine

router = Router(tags=["selfcheck"])


class DetectIn(StrictInput):
    text: str = Field(
        min_length=1,
        max_length=engine.MAX_TEXT,
        description="The post to check (at most 5,000 characters).",
    )
    election: str | None = Field(
        None, description="Election code, e.g. pilpres-2019; default: every stored election."
    )
    posted_at: dt.date | None = Field(None, description="Date of the post (ISO); default: today.")


class EvidenceSpanOut(Schema):
    start: int
    end: int
    text: str
    reason: str
    kind: str


class DetectedViolationOut(Schema):
    code: str
    title: str
    sanction: str
    confirmed: bool


class DetectOut(Schema):
    label: str = Field(description="partisan | not_partisan")
    score: float = Field(description="calibrated probability of partisan content")
    subtype: str | None = Field(description="support | campaign_call | attack")
    violations: list[DetectedViolationOut]
    evidence: list[EvidenceSpanOut]
    election: str | None
    phase: str | None = Field(description="before | after candidate determination")


class ErrorOut(Schema):
    detail: str
    errors: list[dict[str, str]]


_BODY_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": DetectIn.model_json_schema()}},
    }
}


@router.post(
    "detect",
    response={200: DetectOut, 413: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Check a text for partisan content",
    openapi_extra=_BODY_SCHEMA,
)
def detect(request: HttpRequest) -> Any:
    """Public. The text is classified in memory and not stored or logged."""
    payload = _parse(request)
    if engine.rate_limited(request):
        raise ApiError(429, "too many checks from this client: try again in a minute")
    if payload.election and payload.election not in dict(engine.election_choices()):
        raise ApiError(
            422,
            "invalid input: election",
            [{"field": "election", "message": "unknown election code"}],
        )
    result = engine.check(payload.text, election=payload.election, posted_at=payload.posted_at)
    body = result.as_dict()
    body["violations"] = [item.__dict__ for item in engine.describe(result.violations)]
    return body


def _parse(request: HttpRequest) -> DetectIn:
    """Size first (413, before reading the body), then JSON, then the strict schema (422)."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > engine.MAX_BODY:
        raise ApiError(
            413,
            f"request body too large: at most {engine.MAX_BODY} bytes",
            [{"field": "text", "message": f"at most {engine.MAX_TEXT} characters"}],
        )
    data = bodies.loads(request.body or b"null", status=422)
    try:
        return DetectIn.model_validate(data)
    except PydanticError as exc:
        raise ValidationError(
            [{"loc": ["body", "payload", *e["loc"]], "msg": e["msg"]} for e in exc.errors()]
        ) from exc
