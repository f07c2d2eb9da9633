"""Public read API of the legal catalogue: GET /api/v1/catalogue, /api/v1/catalogue/{code}."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from netral import access
from netral.api.errors import ApiError
from netral.catalogue.serialize import violation_dict, violations_queryset

router = Router(tags=["catalogue"])


class SanctionOut(Schema):
    code: str
    name: str
    category: str
    level: str
    article: str
    confirmed: bool


class LegalBasisOut(Schema):
    regulation: str
    regulation_code: str
    article: str
    confirmed: bool


class CriminalOut(Schema):
    code: str
    title: str
    citation: str
    confirmed: bool


class ViolationOut(Schema):
    code: str
    source_list: str
    title: str
    explanation: str
    example: str
    kind: str
    phase: str
    applies_to: str
    level: str
    confirmed: bool
    confidence: str
    wording_confirmed: bool
    level_confirmed: bool
    confirmation_note: str
    legal_basis: list[LegalBasisOut]
    default_sanction: SanctionOut | None
    allowed_sanctions: list[SanctionOut]
    criminal_provisions: list[CriminalOut]
    sources: list[str]


def _items(request: HttpRequest) -> Any:
    return access.visible_to(request.user, violations_queryset())


@router.get("", response=list[ViolationOut], auth=None, summary="List violation types")
def list_violations(request: HttpRequest) -> list[dict[str, Any]]:
    """Every violation type (SKB 2022 E1–E7 and D1–D13, PP 94/2021 Ps 5 huruf n 1–7) with its
    legal basis, sanctions and whether its wording and level are confirmed."""
    return [violation_dict(v) for v in _items(request)]


@router.get("/{code}", response=ViolationOut, auth=None, summary="One violation type")
def get_violation(request: HttpRequest, code: str) -> dict[str, Any]:
    # A NUL in the path would reach PostgreSQL as an error (a 500); no code contains one.
    violation = None if "\x00" in code else _items(request).filter(code=code).first()
    if violation is None:
        raise ApiError(
            404, f"no violation type {code}", [{"field": "code", "message": "unknown code"}]
        )
    return violation_dict(violation)
