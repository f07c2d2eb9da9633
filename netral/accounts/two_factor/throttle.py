"""Failed second-factor codes (and failed password confirmations) counted per user.

django-axes counts only passwords, so a stolen password would otherwise buy unlimited guesses
at six digits. Failures are kept in the shared cache for the window; at the limit, attempts are
refused until the oldest counted failure leaves the window, and the answer says when. Counting
by user, not by address, so that spreading guesses over addresses gains nothing; the lock lifts
by itself, so a stranger cannot lock an officer out for longer than the window.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache


def _now() -> float:
    return time.time()


def _key(user: Any, kind: str) -> str:
    return f"netral:2fa-failures:{kind}:{user.pk}"


def _window() -> int:
    return int(settings.TWO_FACTOR_WINDOW_MINUTES) * 60


def _recent(user: Any, kind: str, now: float) -> list[float]:
    stamps = cache.get(_key(user, kind)) or []
    return [t for t in stamps if now - t < _window()]


def retry_after(user: Any, kind: str = "code") -> int:
    """Seconds until this user may try again; 0 while attempts are open."""
    now = _now()
    failures = _recent(user, kind, now)
    limit = int(settings.TWO_FACTOR_FAILURE_LIMIT)
    if len(failures) < limit:
        return 0
    return max(1, int(failures[-limit] + _window() - now) + 1)


def record_failure(user: Any, kind: str = "code") -> int:
    """Count one failure; returns how many the window now holds. Two processes failing at the
    same instant may count one failure fewer: the limit is a brake, not a ledger."""
    now = _now()
    failures = [*_recent(user, kind, now), now]
    cache.set(_key(user, kind), failures, timeout=_window())
    return len(failures)


def clear(user: Any, kind: str = "code") -> None:
    cache.delete(_key(user, kind))
