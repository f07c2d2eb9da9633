"""`/api/v1/prevention/...`: socialization events and their attendance imports, integrity-pact
rounds with their coverage, and socialization reach. Staff token; every read goes through
netral.access with the same rules as the pages (forbidden = 404), and an attendance import
runs the page's importer (`attendance.py`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field

from netral import access
from netral.api.auth import api_user, staff_token
from netral.api.errors import ApiError
from netral.prevention import attendance, coverage, events
from netral.prevention.models import Attendance, Event, PactInvitation, PactRound

router = Router(tags=["prevention"], auth=staff_token)
MAX_ATTENDANCE_BYTES = 10 * 1024 * 1024
SIGNED = coverage.SIGNED


class PreventionPageQuery(Schema):
    election: int | None = Field(None, ge=1, le=2**31 - 1, description="an election id")
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class PreventionEventOut(Schema):
    id: int
    title: str
    kind: str
    organisers: str
    speakers: str
    date: dt.date
    province: str
    regency: str | None
    election: int | None
    audience: str
    materials: list[str]
    recording_url: str
    public: bool
    owner: str
    attendees_matched: int
    attendees_uncertain: int


class PreventionEventPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PreventionEventOut]


def _event_out(e: Event) -> dict[str, Any]:
    return {
        "id": e.pk,
        "title": e.title,
        "kind": e.kind,
        "organisers": e.organisers,
        "speakers": e.speakers,
        "date": e.date,
        "province": e.province_id,
        "regency": e.regency_id,
        "election": e.election_id,
        "audience": e.audience,
        "materials": e.material_links,
        "recording_url": e.recording_url,
        "public": e.public,
        "owner": e.owner.name,
        "attendees_matched": getattr(e, "matched", 0),
        "attendees_uncertain": getattr(e, "uncertain", 0),
    }


def _page(qs: Any, q: PreventionPageQuery, out: Any) -> dict[str, Any]:
    start = (q.page - 1) * q.page_size
    return {
        "count": qs.count(),
        "page": q.page,
        "page_size": q.page_size,
        "results": [out(o) for o in qs[start : start + q.page_size]],
    }


@router.get("/events", response=PreventionEventPage, summary="Socialization events you may see")
def list_events(request: HttpRequest, q: Query[PreventionPageQuery]) -> dict[str, Any]:
    from django.db.models import Count, Q

    qs = (
        access.visible_to(request.user, Event)
        .select_related("owner")
        .annotate(
            matched=Count("attendance", filter=Q(attendance__match=Attendance.Match.MATCHED)),
            uncertain=Count("attendance", filter=Q(attendance__match=Attendance.Match.UNCERTAIN)),
        )
        .order_by("-date", "-id")
    )
    if q.election:
        qs = qs.filter(election_id=q.election)
    return _page(qs, q, _event_out)


class AttendanceLineOut(Schema):
    line: int = Field(description="the line of the file (1 = the first line)")
    match: str = Field(description="ragu (uncertain: review on the event page) or tidak (none)")
    reason: str


class AttendanceImportOut(Schema):
    event: int
    layout: str = Field(description="zoom or sheet")
    matched: int
    uncertain: int
    unmatched: int
    duplicates: int = Field(description="rows of an ASN already recorded (a Zoom rejoin)")
    lines: list[AttendanceLineOut]


@router.post(
    "/events/{int:event_id}/attendance",
    response={200: AttendanceImportOut},
    summary="Import attendance: a Zoom participant export, a Google Forms or sheet (CSV, XLSX)",
)
def import_attendance(
    request: HttpRequest, event_id: int, file: File[UploadedFile]
) -> dict[str, Any]:
    """The same importer as the event page: attendees matched by NIP, e-mail, then name. Lines
    that did not match for sure are listed by number with the reason."""
    user = api_user(request)
    grant = access.lookup(user, Event, event_id)
    if not grant.writable:
        raise ApiError(403, "only the institution that entered this event imports attendance")
    if file.size is not None and file.size > MAX_ATTENDANCE_BYTES:
        raise ApiError(
            413,
            "the file is too large",
            [{"field": "file", "message": f"at most {MAX_ATTENDANCE_BYTES // 1024 // 1024} MB"}],
        )
    try:
        outcome = attendance.attendance_import(
            actor=user, event=grant.obj, upload=file, filename=file.name or "upload"
        )
    except attendance.AttendanceFileError as exc:
        raise ApiError(
            422, "invalid input: file", [{"field": "file", "message": str(exc)}]
        ) from exc
    return {
        "event": event_id,
        "layout": outcome.layout,
        "matched": outcome.matched,
        "uncertain": outcome.uncertain,
        "unmatched": outcome.unmatched,
        "duplicates": outcome.duplicates,
        "lines": [{"line": n.line, "match": n.match, "reason": n.reason} for n in outcome.lines],
    }


class PactRoundOut(Schema):
    id: int
    agency: str
    agency_code: str
    election: int
    election_code: str
    scope: str = Field(description="semua, unit or pimpinan (heads of units first)")
    work_unit: str | None
    pact_version: int
    started_at: dt.datetime
    invited: int
    signed: int


class PactRoundPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PactRoundOut]


def _round_out(r: PactRound) -> dict[str, Any]:
    return {
        "id": r.pk,
        "agency": r.agency.name,
        "agency_code": r.agency.code,
        "election": r.election_id,
        "election_code": r.election.code,
        "scope": r.scope,
        "work_unit": r.work_unit.name if r.work_unit_id else None,  # type: ignore[union-attr]
        "pact_version": r.template.version,
        "started_at": r.started_at,
        "invited": getattr(r, "invited", 0),
        "signed": getattr(r, "signed", 0),
    }


def _rounds(user: Any) -> Any:
    from django.db.models import Count, Q

    signed = Q(
        invitations__signature__isnull=False, invitations__signature__revoked_at__isnull=True
    )
    return (
        access.visible_to(user, PactRound)
        .select_related("agency", "election", "template", "work_unit")
        .annotate(invited=Count("invitations"), signed=Count("invitations", filter=signed))
        .order_by("-started_at", "-id")
    )


@router.get("/rounds", response=PactRoundPage, summary="Integrity-pact rounds you may see")
def list_rounds(request: HttpRequest, q: Query[PreventionPageQuery]) -> dict[str, Any]:
    qs = _rounds(request.user)
    if q.election:
        qs = qs.filter(election_id=q.election)
    return _page(qs, q, _round_out)


class CoverageShareOut(Schema):
    label: str
    total: int
    signed: int
    percent: float


class RoundCoverageOut(Schema):
    round: PactRoundOut
    all: CoverageShareOut
    heads: CoverageShareOut = Field(description="heads of units (they sign first)")
    others: CoverageShareOut
    units: list[CoverageShareOut]
    regions: list[CoverageShareOut]


def _share(s: coverage.Share) -> dict[str, Any]:
    return {"label": s.label, "total": s.total, "signed": s.signed, "percent": s.percent}


@router.get(
    "/rounds/{int:round_id}/coverage",
    response=RoundCoverageOut,
    summary="A round's coverage: share signed, heads of units first, per unit and kab/kota",
)
def round_coverage(request: HttpRequest, round_id: int) -> dict[str, Any]:
    pact_round = access.get_for_user(request.user, _rounds(request.user), round_id)
    cov = coverage.of_invitations(PactInvitation.objects.filter(round=pact_round))
    return {
        "round": _round_out(pact_round),
        "all": _share(cov["all"]),
        "heads": _share(cov["heads"]),
        "others": _share(cov["others"]),
        "units": [_share(s) for s in cov["units"]],
        "regions": [_share(s) for s in cov["regions"]],
    }


class ReachQuery(Schema):
    election: int | None = Field(None, ge=1, le=2**31 - 1, description="an election id")


class ReachRowOut(Schema):
    agency: str
    reached: int = Field(description="ASN who attended any event (matched to the registry)")
    active: int = Field(description="the agency's active ASN in the registry")
    percent: float


@router.get(
    "/reach",
    response=list[ReachRowOut],
    summary="Socialization reach per agency, over the events you may see",
)
def reach(request: HttpRequest, q: Query[ReachQuery]) -> list[dict[str, Any]]:
    return events.reach_by_agency(request.user, q.election)
