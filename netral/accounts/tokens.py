"""How far an API token reaches: its scope (read, or read and write) and its lifetime.

A token of a user who must use a second factor (`access.requires_two_factor`) cannot prove
that factor on each call, so it is held shorter: it lives at most TWO_FACTOR_TOKEN_MAX_DAYS
from its making, and reads only unless write was asked for when it was made. The limits are
decided at each use, from the user's roles now, so that a role gained later also limits the
tokens made before it (and those made before scopes existed).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from netral import access
from netral.accounts.models import ApiToken, TokenScope, User


def max_days(user: User) -> int | None:
    """The longest lifetime a new token of this user may have; None for no limit."""
    return int(settings.TWO_FACTOR_TOKEN_MAX_DAYS) if access.requires_two_factor(user) else None


def default_scope(user: User) -> str:
    return TokenScope.READ if access.requires_two_factor(user) else TokenScope.WRITE


def expiry(token: ApiToken) -> datetime | None:
    """When the token stops working: its own expiry, shortened to the cap of its user."""
    cap_days = max_days(token.user)
    if cap_days is None:
        return token.expires_at
    cap = token.created_at + timedelta(days=cap_days)
    return min(token.expires_at, cap) if token.expires_at else cap


def scope(token: ApiToken) -> str:
    return token.scope or default_scope(token.user)
