"""Computed figures, kept until the summaries change.

The summaries change only when a refresh job rebuilds them (which changes `refresh.stamp`), and
"overdue" only when the day changes; so a figure computed for one jurisdiction, filter and day
is exact until then, and every other user of that jurisdiction reads it in one query. The key
holds the SQL of the user's visible facts (what netral.access lets them see), not a guess at
the rule, so two users share an entry only when the rule gives them the same rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from netral import access
from netral.access import AnyUser
from netral.accounts.models import StaffRole, User
from netral.insights import figures, league
from netral.insights.filters import Filters
from netral.insights.models import CaseFact
from netral.insights.refresh import stamp

T = TypeVar("T")


def _key(kind: str, user: AnyUser, chosen: Filters, extra: str) -> str:
    scope = str(access.visible_to(user, CaseFact).query)
    raw = "|".join((kind, stamp(), timezone.localdate().isoformat(), scope, chosen.query(), extra))
    return "insights:" + hashlib.sha256(raw.encode()).hexdigest()


def cached(
    kind: str,
    user: AnyUser,
    chosen: Filters,
    compute: Callable[[], T],
    extra: str = "",
    *,
    renew: bool = False,
) -> T:
    """The kept value, or `compute()` kept; `renew` extends a kept value's life."""
    seconds = settings.INSIGHTS_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    key = _key(kind, user, chosen, extra)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    elif renew:
        cache.touch(key, seconds)
    return value


def kept_dashboard(user: AnyUser, chosen: Filters, *, renew: bool = False) -> figures.Dashboard:
    return cached("dashboard", user, chosen, lambda: figures.dashboard(user, chosen), renew=renew)


def kept_league(
    user: AnyUser, chosen: Filters, sort: str = "overdue", *, renew: bool = False
) -> list[league.LeagueRow]:
    # Keyed by its order, so the dashboard's top ten and the league page share one entry (an
    # unknown order is the default one, not a new entry).
    sort = sort if sort in league.SORTS else "overdue"
    return cached(
        "league",
        user,
        chosen,
        lambda: league.league(user, chosen, sort=sort),
        extra=sort,
        renew=renew,
    )


def keep_defaults() -> int:
    """After a refresh, compute the unfiltered dashboard and league of every national
    jurisdiction that has staff, so that its first reader does not wait for them: a national
    dashboard reads every summary row (a few hundred ms at 100,000 cases), a provincial one a
    tenth of that, and those are left to their first reader, which bounds this step to a few
    national institutions' worth. One computation per distinct visibility rule, however many
    users share it; already-kept figures cost one cache read. Returns how many were kept."""
    if settings.INSIGHTS_CACHE_SECONDS <= 0:
        return 0
    seen: set[str] = set()
    readers = User.objects.filter(is_active=True, institution__isnull=False).filter(
        institution__province=None
    )
    roles: dict[int, set[str]] = {}
    for user_id, role in StaffRole.objects.filter(user__in=readers).values_list("user", "role"):
        roles.setdefault(user_id, set()).add(role)
    # The rules read a user's institution, roles and superuser flag: one user per profile
    # stands for the rest (a national office may have hundreds of staff).
    profiles: dict[tuple[Any, ...], User] = {}
    for user in readers.select_related("institution").order_by("pk"):
        mine = frozenset(roles.get(user.pk, ()))
        user._role_cache = mine  # (what role_set would read, one query per user)
        profiles.setdefault((user.institution_id, mine, user.is_superuser), user)
    for user in profiles.values():
        chosen = Filters()
        key = _key("dashboard", user, chosen, "")
        if key in seen:
            continue
        seen.add(key)
        # Kept figures expire after INSIGHTS_CACHE_SECONDS even when nothing changed; each run
        # extends them, so they do not lapse between two five-minute runs.
        kept_dashboard(user, chosen, renew=True)
        kept_league(user, chosen, renew=True)
    return len(seen)
