"""`/api/v1/asn`: the registry, scoped to the caller (an ASN outside it answers 404).

`GET /api/v1/asn?q=&agency=&unit=&region=&kind=&status=` lists (a NIP in `q` is matched exactly,
a name fuzzily, ranked by `score`); `GET /api/v1/asn/{nip}` is one ASN with its declared
accounts, the history of its fields and its cases.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field, field_validator

from netral.api.auth import staff_token
from netral.api.schemas import has_nul
from netral.registry import search as finder
from netral.registry.caselinks import asn_cases
from netral.registry.models import Asn
from netral.registry.services import asn_for_user
from netral.registry.vocab import PositionKind, Status

router = Router(tags=["registry"], auth=staff_token)


class AgencyOut(Schema):
    code: str
    name: str


class AsnOut(Schema):
    nip: str
    name: str
    name_plain: str
    employment_type: str
    gender: str
    birth_date: dt.date
    appointment: str
    agency: AgencyOut
    work_unit: str
    position: str
    position_kind: str
    tags: list[str]
    rank: str
    province: str
    regency: str | None
    status: str
    listed: bool
    email: str


class AsnHit(AsnOut):
    score: float
    reasons: list[str]


class AsnPage(Schema):
    count: int
    page: int
    page_size: int
    matched_by: str
    results: list[AsnHit]


class DeclaredAccountOut(Schema):
    platform: str
    handle: str
    url: str
    declared_at: dt.datetime


class ChangeOut(Schema):
    at: dt.datetime
    field: str
    old: str | None
    new: str | None
    by: str


class CaseRef(Schema):
    id: int
    number: str
    state: str
    outcome: str
    sanction: str


class AsnDetail(AsnOut):
    accounts: list[DeclaredAccountOut]
    history: list[ChangeOut]
    cases: list[CaseRef]


def asn_out(asn: Asn) -> dict[str, Any]:
    return {
        "nip": asn.nip,
        "name": asn.name,
        "name_plain": asn.name_plain,
        "employment_type": asn.employment_type,
        "gender": asn.gender,
        "birth_date": asn.birth_date,
        "appointment": asn.appointment_label,
        "agency": {"code": asn.agency.code, "name": asn.agency.name},
        "work_unit": asn.work_unit.name if asn.work_unit else "",
        "position": asn.position,
        "position_kind": asn.position_kind,
        "tags": asn.tag_list,
        "rank": asn.rank,
        "province": asn.province_id,
        "regency": asn.regency_id,
        "status": asn.status,
        "listed": asn.listed,
        "email": asn.email,
    }


class AsnQuery(Schema):
    q: str = Field("", max_length=200, description="a NIP (spaces allowed) or a name")
    agency: str = Field("", max_length=20, description="agency code: 16.01, KEMENAG")
    unit: str = Field("", max_length=200, description="work unit id or part of its name")
    region: str = Field("", pattern=r"^(\d{2}(\.\d{2})?)?$", description="16 or 16.01")
    kind: PositionKind | None = None
    status: Status | None = None
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)

    @field_validator("q", "agency", "unit", mode="after")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        # PostgreSQL refuses NUL in text: a 422 naming the field, not a 500 in the search.
        if has_nul(value):
            raise ValueError("NUL characters (\\x00) are not allowed")
        return value


@router.get("", response=AsnPage, summary="Find the ASN you may see")
def list_asn(request: HttpRequest, filters: Query[AsnQuery]) -> dict[str, Any]:
    chosen = finder.Filters(
        agency=filters.agency,
        unit=filters.unit,
        region=filters.region,
        kind=filters.kind or "",
        status=filters.status or "",
    )
    start = (filters.page - 1) * filters.page_size
    result = finder.search(request.user, filters.q, chosen, limit=filters.page_size, offset=start)
    return {
        "count": result.total,
        "page": filters.page,
        "page_size": filters.page_size,
        "matched_by": result.by,
        "results": [
            {**asn_out(h.asn), "score": h.score, "reasons": h.reasons} for h in result.hits
        ],
    }


@router.get("/{nip}", response=AsnDetail, summary="One ASN by NIP or NI PPPK")
def get_asn(request: HttpRequest, nip: str) -> dict[str, Any]:
    asn = asn_for_user(request.user, nip)
    return {
        **asn_out(asn),
        "accounts": [
            {"platform": a.platform, "handle": a.handle, "url": a.url, "declared_at": a.declared_at}
            for a in asn.accounts.filter(removed_at__isnull=True)
        ],
        "history": [
            {"at": c.at, "field": c.field, "old": c.old, "new": c.new, "by": c.actor_label}
            for c in asn.changes.all()[:100]
        ],
        "cases": [
            {
                "id": s.case_id,
                "number": s.case.number,
                "state": s.case.state,
                "outcome": s.outcome,
                "sanction": s.sk_punishment or s.recommended_sanction,
            }
            for s in asn_cases(request.user, asn)
        ],
    }
