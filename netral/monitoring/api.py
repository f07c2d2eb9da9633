"""`/api/v1/monitoring/...`: items pushed by sources (per-source token), and the queue, triage
and promotion for staff (staff token), every read through netral.access (forbidden = 404).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.security import HttpBearer
from pydantic import BaseModel, Field

from netral import access
from netral.access.actors import ApiSourceActor
from netral.api.auth import staff_token
from netral.api.errors import ApiError
from netral.api.schemas import IsoDate, StrictBulkInput, StrictInput
from netral.monitoring import formats, triage
from netral.monitoring.ingest import items_ingest
from netral.monitoring.models import Item, Source
from netral.monitoring.promotion import item_promote
from netral.monitoring.sources import source_for_token

router = Router(tags=["monitoring"])
MAX_BATCH = 1000


class SourceToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Source | None:
        source = source_for_token(token)
        if source is not None:
            request.monitoring_source = source  # type: ignore[attr-defined]
        return source


source_token = SourceToken()


def _invalid(exc: ValidationError) -> ApiError:
    errors = (
        [{"field": f, "message": str(m)} for f, ms in exc.message_dict.items() for m in ms]
        if hasattr(exc, "error_dict")
        else [{"field": "request", "message": m} for m in exc.messages]
    )
    return ApiError(
        422, "invalid input: " + ", ".join(sorted({e["field"] for e in errors})), errors
    )


class ItemIn(StrictBulkInput):
    """One post in the documented layout (docs/monitoring-format.md)."""

    platform: str = Field(
        "",
        max_length=20,
        description="facebook, instagram, x, tiktok, youtube, threads, web, other; when left "
        "out, the source's default, else the network the url names, else other",
    )
    external_id: str = Field("", max_length=200)
    url: str = Field("", max_length=1000)
    author_handle: str = Field("", max_length=100)
    author_name: str = Field("", max_length=200)
    author_id: str = Field("", max_length=100)
    text: str = Field("", max_length=formats.MAX_TEXT)
    posted_at: str | None = Field(None, max_length=40, description="ISO 8601")
    media: list[str] = Field(default_factory=list, max_length=20)
    likes: int | None = Field(None, ge=0, le=10**12)
    comments: int | None = Field(None, ge=0, le=10**12)
    shares: int | None = Field(None, ge=0, le=10**12)
    views: int | None = Field(None, ge=0, le=10**12)
    region: str = Field("", max_length=8, description="Kemendagri code, e.g. 16.01")


class ItemsIn(StrictBulkInput):
    items: list[ItemIn] = Field(..., min_length=1, max_length=MAX_BATCH)


class ItemResult(BaseModel):  # plain pydantic: a thousand per answer (see StrictBulkInput)
    index: int
    id: int
    status: str = Field(description="created, or duplicate (already stored: same id as before)")


class ItemsOut(BaseModel):
    received: int
    created: int
    duplicates: int
    results: list[ItemResult]


@router.post(
    "/items",
    auth=source_token,
    response={200: ItemsOut},
    summary="Push posts from a source (per-source token; up to 1,000 per call)",
)
def push_items(request: HttpRequest, payload: ItemsIn) -> dict[str, Any]:
    """Idempotent by (platform, external id) and canonical URL: a retry answers the same ids
    with status `duplicate` and stores nothing twice. One bad item refuses the whole call (422,
    each field named `items[N].field`) and stores nothing."""
    source: Source = request.monitoring_source  # type: ignore[attr-defined]
    records, errors = [], []
    for n, entry in enumerate(payload.items):
        values = entry.model_dump()
        raw = json.dumps(values, ensure_ascii=False, sort_keys=True)
        built = formats.build(n, raw, values, default_platform=source.default_platform)
        if isinstance(built, formats.Problem):
            errors.append(
                {"field": f"items[{n}].{built.field or 'item'}", "message": built.message}
            )
        else:
            records.append(built)
    if errors:
        raise ApiError(422, f"invalid input: {len(errors)} item(s)", errors)
    actor = ApiSourceActor(source=source.name, token_prefix=source.token_prefix)
    outcome = items_ingest(source=source, records=records, actor=actor)
    created = set(outcome.created)
    return {
        "received": len(records),
        "created": len(created),
        "duplicates": len(outcome.duplicates),
        "results": [
            {
                "index": n,
                "id": outcome.ids[n],
                "status": "created" if outcome.ids[n] in created else "duplicate",
            }
            for n in range(len(records))
        ],
    }


class MonitoredAccountOut(Schema):
    id: int
    platform: str
    handle: str
    name: str
    asn_nip: str | None
    asn_name: str | None
    tie: str


class ItemOut(Schema):
    id: int
    source: str
    platform: str
    external_id: str
    url: str
    author_handle: str
    author_name: str
    text: str
    posted_at: dt.datetime | None
    captured_at: dt.datetime
    captured_by: str
    sha256: str
    province: str | None
    regency: str | None
    election: int | None
    tied: bool
    account: MonitoredAccountOut | None
    label: str
    score: float
    scored: bool
    subtype: str
    violations: list[str]
    cluster: int | None
    cluster_head: bool
    state: str
    veracity: str
    tags: list[str]
    note: str
    case: int | None
    seal: str | None


class ItemPage(Schema):
    count: int
    page: int
    page_size: int
    counts: dict[str, int]
    results: list[ItemOut]


def item_out(item: Item) -> dict[str, Any]:
    account = item.account
    asn = account.asn if account is not None else None
    return {
        "id": item.pk,
        "source": item.source.name,
        "platform": item.platform,
        "external_id": item.external_id,
        "url": item.url,
        "author_handle": item.author_handle,
        "author_name": item.author_name,
        "text": item.text,
        "posted_at": item.posted_at,
        "captured_at": item.captured_at,
        "captured_by": item.captured_by_label,
        "sha256": item.sha256,
        "province": item.province_id,
        "regency": item.regency_id,
        "election": item.election_id,
        "tied": item.tied,
        "account": None
        if account is None
        else {
            "id": account.pk,
            "platform": account.platform,
            "handle": account.handle,
            "name": account.name,
            "asn_nip": asn.nip if asn else None,
            "asn_name": asn.name if asn else None,
            "tie": account.tie,
        },
        "label": item.label,
        "score": item.score,
        "scored": item.scored_at is not None,
        "subtype": item.subtype,
        "violations": list(item.violations or []),
        "cluster": item.cluster_id,
        "cluster_head": item.primary,
        "state": item.state,
        "veracity": item.veracity,
        "tags": list(item.tags or []),
        "note": item.note,
        "case": item.case_id,
        "seal": (item.sealed_evidence or {}).get("seal"),
    }


class ItemQuery(Schema):
    source: str | None = Field(None, max_length=60)
    state: str | None = Field(None, max_length=14)
    region: str | None = Field(None, pattern=r"^\d{2}(\.\d{2})?$")
    platform: str | None = Field(None, max_length=12)
    election: int | None = Field(None, ge=1, le=2**31 - 1)
    min_score: float | None = Field(None, ge=0, le=1)
    max_score: float | None = Field(None, ge=0, le=1)
    tied: bool | None = None
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


def _filters(q: ItemQuery) -> triage.Filters:
    data = {k: v for k, v in q.dict().items() if k not in {"page", "page_size"} and v is not None}
    try:
        return triage.Filters.parse(data)
    except ValidationError as exc:
        raise _invalid(exc) from exc


_SELECT = ("source", "account__asn")


@router.get(
    "/items",
    auth=staff_token,
    response=ItemPage,
    summary="Items you may see, in the triage queue's order",
)
def list_items(request: HttpRequest, q: Query[ItemQuery]) -> dict[str, Any]:
    filters = _filters(q)
    qs = triage.listing(request.user, filters).select_related(*_SELECT)
    counts = triage.counts(request.user, triage.Filters(**{**filters.__dict__, "state": ""}))
    # The total is read off the counts per state (the same filters but the state), not
    # counted again: one scan less (a fifth of a national list at a million items).
    count = counts.get(filters.state, 0) if filters.state else sum(counts.values())
    start = (q.page - 1) * q.page_size
    return {
        "count": count,
        "page": q.page,
        "page_size": q.page_size,
        "counts": counts,
        "results": [item_out(i) for i in triage.page_rows(qs, start, q.page_size)],
    }


@router.get("/items/{int:item_id}", auth=staff_token, response=ItemOut, summary="One item")
def get_item(request: HttpRequest, item_id: int) -> dict[str, Any]:
    qs = access.visible_to(request.user, Item).select_related(*_SELECT)
    return item_out(access.get_for_user(request.user, qs, item_id))


class TriageIn(StrictInput):
    items: list[int] = Field(..., min_length=1, max_length=200)
    state: str = Field(..., description="relevant, not_relevant, escalated, duplicate, new")
    veracity: str = Field("", max_length=12)
    tags: list[str] = Field(default_factory=list, max_length=10)
    note: str = Field("", max_length=2000)


class TriageOut(Schema):
    marked: list[int]


@router.post(
    "/items/triage",
    auth=staff_token,
    response=TriageOut,
    summary="Mark items (a cluster head marks its members)",
)
def triage_items(request: HttpRequest, payload: TriageIn) -> dict[str, Any]:
    for pk in payload.items:
        access.get_for_user(request.user, Item, pk)  # 404 for what one cannot see
    try:
        items = triage.items_mark(
            actor=request.user,
            item_ids=payload.items,
            state=payload.state,
            veracity=payload.veracity,
            tags=payload.tags,
            note=payload.note,
        )
    except PermissionDenied as exc:
        raise ApiError(403, str(exc)) from exc
    except ValidationError as exc:
        raise _invalid(exc) from exc
    return {"marked": [i.pk for i in items]}


class PromoteIn(StrictInput):
    summary: str = Field("", max_length=4000)
    violations: list[str] | None = Field(
        None,
        max_length=20,
        description="catalogue codes; default: the detector's, those the election's phase allows",
    )


class PromoteOut(Schema):
    case: int
    number: str


@router.post(
    "/items/{int:item_id}/promote",
    auth=staff_token,
    response={201: PromoteOut},
    summary="Open a finding (temuan) from a relevant item and its cluster",
)
def promote_item(request: HttpRequest, item_id: int, payload: PromoteIn) -> Status:
    if not access.lookup(request.user, Item, item_id).writable:
        raise ApiError(403, "your role may not promote monitoring items")
    try:
        case = item_promote(
            actor=request.user,
            item_id=item_id,
            summary=payload.summary,
            violations=payload.violations,
        )
    except PermissionDenied as exc:
        raise ApiError(403, str(exc)) from exc
    except ValidationError as exc:
        raise _invalid(exc) from exc
    return Status(201, {"case": case.pk, "number": case.number})


class BatchOut(Schema):
    id: int
    items: list[ItemOut]


@router.post(
    "/batches",
    auth=staff_token,
    response={201: BatchOut},
    summary="Take a batch of up to 25 items (locked to you for 10 idle minutes)",
)
def take_batch(request: HttpRequest, q: Query[ItemQuery]) -> Status:
    filters = _filters(q)
    try:
        batch = triage.batch_take(actor=request.user, filters=filters)
    except PermissionDenied as exc:
        raise ApiError(403, str(exc)) from exc
    return Status(
        201,
        {"id": batch.pk, "items": [item_out(i) for i in triage.batch_items(batch, request.user)]},
    )


@router.post(
    "/batches/{int:batch_id}/release",
    auth=staff_token,
    response=BatchOut,
    summary="Release your batch (its unmarked items go back to the queue)",
)
def release_batch(request: HttpRequest, batch_id: int) -> dict[str, Any]:
    try:
        batch = triage.batch_release(actor=request.user, batch_id=batch_id)
    except ValidationError as exc:
        raise ApiError(404, "not found") from exc
    return {"id": batch.pk, "items": []}
