"""`GET /api/v1/me`: who the token belongs to, and what they may do where."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from netral.accounts.models import User
from netral.api.auth import staff_token

router = Router(tags=["accounts"])


class JurisdictionOut(Schema):
    level: str
    province: str | None
    regency: str | None
    label: str


class InstitutionOut(Schema):
    id: int
    name: str
    kind: str
    jurisdiction: JurisdictionOut


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    institution: InstitutionOut | None
    roles: list[str]


@router.get("me", response=MeOut, auth=staff_token, summary="Who am I")
def me(request: HttpRequest) -> MeOut:
    user = request.user
    assert isinstance(user, User)
    inst = user.institution
    return MeOut(
        username=user.username,
        full_name=user.get_full_name(),
        email=user.email,
        institution=None
        if inst is None
        else InstitutionOut(
            id=inst.pk,
            name=inst.name,
            kind=inst.kind,
            jurisdiction=JurisdictionOut(
                level=inst.jurisdiction,
                province=inst.province_id,
                regency=inst.regency_id,
                label=inst.jurisdiction_label,
            ),
        ),
        roles=sorted(user.role_set),
    )
