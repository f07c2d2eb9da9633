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
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from netral import access
from netral.access import AnyUser
from netral.insights.filters import Filters
from netral.insights.models import CaseFact
from netral.insights.refresh import stamp

T = TypeVar("T")


def _key(kind: str, user: AnyUser, chosen: Filters, extra: str) -> str:
    scope = str(access.visible_to(user, CaseFact).query)
    raw = "|".join((kind, stamp(), timezone.localdate().isoformat(), scope, chosen.query(), extra))
    return "insights:" + hashlib.sha256(raw.encode()).hexdigest()


def cached(
    kind: str, user: AnyUser, chosen: Filters, compute: Callable[[], T], extra: str = ""
) -> T:
    seconds = settings.INSIGHTS_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    key = _key(kind, user, chosen, extra)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
