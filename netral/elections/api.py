"""Public read API of elections: GET /api/v1/elections, /api/v1/elections/{code},
/api/v1/elections/{code}/phase?date=YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema

from netral import access
from netral.api.errors import ApiError
from netral.elections.models import Contestant, Election, ElectionParty
from netral.elections.phase import resolve_phase

router = Router(tags=["elections"])


class StagesOut(Schema):
    registration: dt.date | None
    candidate_determination: dt.date | None
    campaign_start: dt.date | None
    campaign_end: dt.date | None
    quiet_period_start: dt.date | None
    quiet_period_end: dt.date | None
    voting_day: dt.date


class PartyOut(Schema):
    code: str
    name: str
    number: int | None
    aliases: list[str]


class ContestantOut(Schema):
    number: int
    name: str
    people: list[str]
    aliases: list[str]
    parties: list[str]
    incumbent_of: str | None


class ElectionSummaryOut(Schema):
    code: str
    name: str
    kind: str
    level: str
    region: str | None
    status: str
    stages: StagesOut


class ElectionOut(ElectionSummaryOut):
    notes: str
    parties: list[PartyOut]
    contestants: list[ContestantOut]
    sources: list[str]


class PhaseQuery(Schema):
    date: dt.date


class PhaseOut(Schema):
    election: str
    date: dt.date
    phase: str
    determination_date: dt.date | None
    authority: str | None
    explanation: str
    violations: list[str]


def _elections(request: HttpRequest) -> QuerySet[Election]:
    return access.visible_to(request.user, Election).prefetch_related(
        Prefetch("ballot", queryset=ElectionParty.objects.select_related("party")),
        Prefetch(
            "contestants",
            queryset=Contestant.objects.select_related("incumbent_of").prefetch_related("parties"),
        ),
    )


def _summary(e: Election) -> dict[str, Any]:
    return {
        "code": e.code,
        "name": e.name,
        "kind": e.kind,
        "level": e.level,
        "region": e.region_code,
        "status": e.data_status,
        "stages": e.stage_dates(),
    }


def _detail(e: Election) -> dict[str, Any]:
    ballot = list(e.ballot.all())
    return {
        **_summary(e),
        "notes": e.notes,
        "sources": list(e.sources),
        "parties": [
            {
                "code": b.party.code,
                "name": b.party.name,
                "number": b.number,
                "aliases": list(b.party.aliases),
            }
            for b in ballot
        ],
        "contestants": [
            {
                "number": c.number,
                "name": c.name,
                "people": list(c.people),
                "aliases": list(c.aliases),
                "incumbent_of": c.incumbent_label or None,
                "parties": sorted(p.code for p in c.parties.all()),
            }
            for c in e.contestants.all()
        ],
    }


def _get(request: HttpRequest, code: str) -> Election:
    # A NUL in the path would reach PostgreSQL as an error (a 500); no code contains one.
    election = None if "\x00" in code else _elections(request).filter(code=code).first()
    if election is None:
        raise ApiError(404, f"no election {code}", [{"field": "code", "message": "unknown code"}])
    return election


@router.get("", response=list[ElectionSummaryOut], auth=None, summary="List elections")
def list_elections(request: HttpRequest) -> list[dict[str, Any]]:
    return [_summary(e) for e in access.visible_to(request.user, Election)]


@router.get("/{code}", response=ElectionOut, auth=None, summary="One election in full")
def get_election(request: HttpRequest, code: str) -> dict[str, Any]:
    """Stages, parties and contestants (with aliases and campaign hashtags)."""
    return _detail(_get(request, code))


@router.get("/{code}/phase", response=PhaseOut, auth=None, summary="Phase on a date")
def get_phase(request: HttpRequest, code: str, query: Query[PhaseQuery]) -> dict[str, Any]:
    """Which catalogue items apply to an incident on `date`, and which body receives
    Bawaslu's recommendation."""
    election = _get(request, code)
    resolution = resolve_phase(election, query.date)
    return {
        "election": election.code,
        "date": query.date,
        "phase": resolution.phase,
        "determination_date": resolution.determination_date,
        "authority": resolution.authority.name if resolution.authority else None,
        "explanation": resolution.explanation,
        "violations": [v.code for v in resolution.violations],
    }
