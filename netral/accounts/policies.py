"""Access rules for institutions and users (see netral.access)."""

from __future__ import annotations

from django.db.models import QuerySet

from netral import access
from netral.access import AnyUser
from netral.accounts.models import Institution, User


def _institutions_visible(user: AnyUser, qs: QuerySet[Institution]) -> QuerySet[Institution]:
    return access.in_jurisdiction(user, qs)


def _users_visible(user: AnyUser, qs: QuerySet[User]) -> QuerySet[User]:
    return access.in_jurisdiction(
        user, qs, province="institution__province_id", regency="institution__regency_id"
    )


access.register(Institution, visible=_institutions_visible, writable=access.administrators)
access.register(User, visible=_users_visible, writable=access.administrators)
