"""`/api/v1/insights/`: the dashboard's figures as JSON, scoped to the caller's jurisdiction,
and the public aggregates (`/public`) without a token.

Filters are the dashboard's: `election` (id), `province` ("16"), `regency` ("16.01"), `agency`
(PPK institution id), `start`/`end` (ISO dates, on the day a case was received). A filter
outside the caller's jurisdiction is refused with 422 naming the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from netral import access
from netral.api.auth import staff_token
from netral.api.errors import ApiError
from netral.api.schemas import IsoDate
from netral.insights import filters, league, public, risk
from netral.insights.cache import kept_dashboard, kept_league
from netral.insights.maps import values as map_values
from netral.insights.models import RefreshState
from netral.insights.refresh import CASES

router = Router(tags=["insights"])


class FilterQuery(Schema):
    election: int | None = None
    province: str | None = Field(None, pattern=r"^\d{2}$")
    regency: str | None = Field(None, pattern=r"^\d{2}\.\d{2}$")
    agency: int | None = None
    start: IsoDate | None = None
    end: IsoDate | None = None


class Step(Schema):
    state: str
    label: str
    count: int
    kept_percent: float | None
    median_days: float | None


class ViolationRow(Schema):
    code: str
    title: str
    social_media: bool
    cases: int
    share_percent: float | None


class WeekRow(Schema):
    week: dt.date
    received: int
    sanctioned: int


class PanelMeasure(Schema):
    key: str
    label: str
    value: float | None


class Panel(Schema):
    area: str
    available: bool
    measures: list[PanelMeasure]


class DashboardOut(Schema):
    refreshed_at: dt.datetime | None
    total: int
    overdue: int
    social_media: int
    by_origin: dict[str, int]
    by_state: dict[str, int]
    funnel: list[Step]
    violations: list[ViolationRow]
    weekly: list[WeekRow]
    panels: list[Panel]


class LeagueRowOut(Schema):
    ppk_id: int | None
    name: str
    recommended: int
    sanctioned: int
    overdue: int
    rate_percent: float | None
    median_days_to_sanction: float | None


class LeagueOut(Schema):
    reference_rate_percent: float
    rate_percent: float | None
    rows: list[LeagueRowOut]


class RegionValue(Schema):
    code: str
    name: str
    value: float | None


class MapOut(Schema):
    measure: str
    level: str
    regions: list[RegionValue]


class RiskFactorOut(Schema):
    key: str
    label: str
    source: str
    weight: float
    value: float | None
    available: bool


class RiskRowOut(Schema):
    code: str
    name: str
    score: float | None
    factors: list[RiskFactorOut]


def _filters(request: HttpRequest, query: FilterQuery) -> filters.Filters:
    if not access.is_staff_member(request.user):
        raise ApiError(404, "not found")
    params = {k: str(v) for k, v in query.dict().items() if v is not None}
    chosen, form = filters.parse(request.user, params)
    if form.is_bound and form.errors:
        raise ApiError(
            422,
            "invalid filter",
            [{"field": f, "message": str(m[0])} for f, m in form.errors.items()],
        )
    return chosen


@router.get(
    "/dashboard",
    response=DashboardOut,
    auth=staff_token,
    summary="The dashboard's figures for your jurisdiction",
)
def dashboard(request: HttpRequest, query: Query[FilterQuery]) -> dict[str, Any]:
    board = kept_dashboard(request.user, _filters(request, query))
    stamp = RefreshState.objects.filter(pk=CASES).values_list("last_run_at", flat=True).first()
    return {
        "refreshed_at": stamp,
        "total": board.total,
        "overdue": board.overdue,
        "social_media": board.social_media,
        "by_origin": board.by_origin,
        "by_state": {code: n for code, _l, n in board.by_state},
        "funnel": [
            {
                "state": s.state,
                "label": str(s.label),
                "count": s.count,
                "kept_percent": s.kept,
                "median_days": s.median_days,
            }
            for s in board.funnel
        ],
        "violations": [
            {
                "code": v["code"],
                "title": v["title"],
                "social_media": v["social_media"],
                "cases": v["n"],
                "share_percent": v["share"],
            }
            for v in board.violations
        ],
        "weekly": [
            {"week": w["week"], "received": w["n"], "sanctioned": w["sanctioned"]}
            for w in board.weekly
        ],
        "panels": [
            {
                "area": p["area"],
                "available": p["available"],
                "measures": [
                    {"key": m["key"], "label": str(m["label"]), "value": m["value"]}
                    for m in p["measures"]
                ],
            }
            for p in board.panels
        ],
    }


@router.get(
    "/league",
    response=LeagueOut,
    auth=staff_token,
    summary="The PPK follow-up league for your jurisdiction",
)
def league_rows(
    request: HttpRequest, query: Query[FilterQuery], sort: str = "overdue"
) -> dict[str, Any]:
    rows = kept_league(request.user, _filters(request, query), sort)
    return {
        "reference_rate_percent": league.NATIONAL_RATE_2020,
        "rate_percent": league.overall_rate(rows),
        "rows": [
            {
                "ppk_id": r.ppk_id,
                "name": r.name,
                "recommended": r.recommended,
                "sanctioned": r.sanctioned,
                "overdue": r.overdue,
                "rate_percent": r.rate,
                "median_days_to_sanction": r.median_days,
            }
            for r in rows
        ],
    }


@router.get(
    "/map",
    response=MapOut,
    auth=staff_token,
    summary="A measure per province (national) or per kab/kota (of a province)",
)
def map_data(
    request: HttpRequest, query: Query[FilterQuery], measure: str = "total"
) -> dict[str, Any]:
    from netral.insights.views_maps import choropleth

    if measure not in {m.key for m in map_values.available()}:
        raise ApiError(
            422,
            "unknown measure",
            [{"field": "measure", "message": ", ".join(m.key for m in map_values.available())}],
        )
    data = choropleth(request.user, _filters(request, query), measure)
    return {
        "measure": measure,
        "level": data["level"],
        "regions": [
            {"code": r["code"], "name": r["name"], "value": r["value"]} for r in data["rows"]
        ],
    }


@router.get(
    "/risk",
    response=list[RiskRowOut],
    auth=staff_token,
    summary="Risk per kab/kota for an election (give `election`)",
)
def risk_rows(request: HttpRequest, query: Query[FilterQuery]) -> list[dict[str, Any]]:
    chosen = _filters(request, query)
    if chosen.election is None:
        raise ApiError(
            422, "election is required", [{"field": "election", "message": "choose an election id"}]
        )
    return [
        {
            "code": r.code,
            "name": r.name,
            "score": r.score,
            "factors": [
                {
                    **f,
                    "label": str(f["label"]),
                    "source": str(f["source"]),
                    "weight": float(f["weight"]),
                }
                for f in r.factors
            ],
        }
        for r in risk.risk(request.user, chosen.election)
    ]


@router.get("/public", auth=None, summary='The public aggregates (no token; small counts as "< 5")')
def public_data(request: HttpRequest) -> dict[str, Any]:
    snap = public.latest()
    if snap is None:
        return {"published_at": None}
    data = snap.data
    return {
        "published_at": data["created_at"],
        "total": public.shown(data["total"]),
        "provinces": [
            {"code": p["code"], "name": p["name"], "cases": public.shown(p["n"])}
            for p in data["provinces"]
        ],
        "stages": [{"stage": s["key"], "cases": public.shown(s["n"])} for s in data["stages"]],
        "categories": [
            {"code": c["code"], "cases": public.shown(c["n"])} for c in data["categories"]
        ],
        "ppk_agencies": [
            {
                "name": a["name"],
                "recommended": public.shown(a["n"]),
                "follow_up_rate_percent": public.rate(a),
            }
            for a in data["agencies"]
        ],
    }
