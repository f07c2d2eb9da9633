"""Access rules for the catalogue (see netral.access): the law is public; administrators edit."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from netral import access
from netral.accounts.roles import Role
from netral.catalogue.models import (
    Authority,
    CriminalProvision,
    LegalBasis,
    Regulation,
    Sanction,
    Violation,
)


def public(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs


def administered(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    admin = user.is_superuser or user.has_role(Role.ADMINISTRATOR)
    return qs if admin else qs.none()


for _model in (Regulation, Sanction, CriminalProvision, Violation, LegalBasis, Authority):
    access.register(_model, visible=public, writable=administered)
