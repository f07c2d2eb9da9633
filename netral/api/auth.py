"""Staff token authentication: `Authorization: Bearer TOKEN` (see `netral token create`).

An expired token is no token (401); a read-only token asked to change something answers 403
(netral.accounts.tokens sets both limits)."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from netral.accounts import tokens
from netral.accounts.models import ApiToken, TokenScope, User, hash_token
from netral.api.errors import ApiError

# Recording every use would turn each read into a write; once a minute is enough to audit.
_LAST_USED_GRANULARITY = timedelta(minutes=1)
_READS = frozenset({"GET", "HEAD", "OPTIONS"})


class StaffToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = (
            ApiToken.objects.select_related("user__institution")
            .filter(digest=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        ends = tokens.expiry(found)
        if ends is not None and ends <= now:
            return None
        if request.method not in _READS and tokens.scope(found) != TokenScope.WRITE:
            raise ApiError(
                403, "this token is read-only: make one with --scope write to change things"
            )
        if found.last_used_at is None or now - found.last_used_at > _LAST_USED_GRANULARITY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


staff_token = StaffToken()


def api_user(request: HttpRequest) -> User:
    """The request's user, typed, for endpoints behind `staff_token` (it set request.user)."""
    user = request.user
    assert isinstance(user, User), "endpoint not behind staff_token"
    return user
