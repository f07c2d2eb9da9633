"""Public region endpoints: provinces, one province's kab/kota, or one kab/kota's kecamatan."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from netral.api.errors import ApiError
from netral.regions.models import District, Province, Regency

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None = None


class RegionFilter(Schema):
    province: Annotated[
        str | None, Field(pattern=r"^\d{2}$", description="province code, e.g. 16")
    ] = None
    regency: Annotated[
        str | None, Field(pattern=r"^\d{2}\.\d{2}$", description="kab/kota code, e.g. 16.01")
    ] = None


@router.get("", response=list[RegionOut], auth=None, summary="List regions")
def list_regions(request: HttpRequest, filters: Query[RegionFilter]) -> list[RegionOut]:
    """Without a filter: the 38 provinces. `?province=16`: its kab/kota.
    `?regency=16.01`: its kecamatan."""
    if filters.province and filters.regency:
        raise ApiError(
            422,
            "give either province or regency, not both",
            [{"field": "regency", "message": "cannot be combined with province"}],
        )
    if filters.regency:
        if not Regency.objects.filter(code=filters.regency).exists():
            raise ApiError(
                404,
                f"no kab/kota with code {filters.regency}",
                [{"field": "regency", "message": "unknown code"}],
            )
        return [
            RegionOut(code=d.code, name=d.name, level="district", parent=d.regency_id)
            for d in District.objects.filter(regency_id=filters.regency)
        ]
    if filters.province:
        if not Province.objects.filter(code=filters.province).exists():
            raise ApiError(
                404,
                f"no province with code {filters.province}",
                [{"field": "province", "message": "unknown code"}],
            )
        return [
            RegionOut(code=r.code, name=r.name, level=r.kind, parent=r.province_id)
            for r in Regency.objects.filter(province_id=filters.province)
        ]
    return [RegionOut(code=p.code, name=p.name, level="province") for p in Province.objects.all()]
