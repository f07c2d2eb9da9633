"""Who reads the audit trail: administrators and supervisors, inside their jurisdiction."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from netral import access
from netral.accounts.roles import Role
from netral.audit.models import AuditEntry


def reads_trail(user: Any) -> bool:
    """Administrators and supervisors open the audit trail (the page answers 404 to others)."""
    return access.is_staff_member(user) and (
        user.is_superuser or user.has_role(Role.ADMINISTRATOR, Role.SUPERVISOR)
    )


def _visible(user: Any, qs: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
    if not reads_trail(user):
        return qs.none()
    return access.in_jurisdiction(user, qs, province="province_code", regency="regency_code")


access.register(AuditEntry, visible=_visible)
