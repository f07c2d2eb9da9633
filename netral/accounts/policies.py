"""Access rules for institutions and users (see netral.access)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from netral import access
from netral.accounts.models import Institution, User
from netral.accounts.roles import Role


def _institutions_visible(user: Any, qs: QuerySet[Institution]) -> QuerySet[Institution]:
    return access.in_jurisdiction(user, qs)


def _administered(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs if user.has_role(Role.ADMINISTRATOR) or user.is_superuser else qs.none()


def _users_visible(user: Any, qs: QuerySet[User]) -> QuerySet[User]:
    return access.in_jurisdiction(
        user, qs, province="institution__province", regency="institution__regency"
    )


access.register(Institution, visible=_institutions_visible, writable=_administered)
access.register(User, visible=_users_visible, writable=_administered)
