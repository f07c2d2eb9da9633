"""Login lockouts: django-axes records every failed login; this module decides how long to wait.

Failures are counted per account, from whatever address they come (guesses spread over many
addresses still add up), and per address (guesses spread over many accounts add up too, with
a higher limit, since an office shares one address). Up to the limit nothing waits; past it
each further failure must wait twice as long as the last one (2, 4, 8 … seconds, at most
LOGIN_DELAY_CAP_SECONDS). Attempts during a wait count for nothing and do not restart it
(AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT off); after the wait the right password works.

So that a stranger guessing an official's password cannot keep them out, the owner is mailed a
link (at most once per wait cap) that clears the account's failures and marks their browser as
trusted: from it, only failures made from the owner's own address count against the account.

Every answer while locked is a 429 carrying Retry-After. Axes is wired to this module in the
settings: AXES_FAILURE_LIMIT (the wait decides), AXES_LOCKOUT_CALLABLE (the 429 page).
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

TRUST_COOKIE = "netral_login_trust"
TRUST_SALT = "netral.accounts.lockout.trust"
TRUST_DAYS = 90
UNLOCK_SALT = "netral.accounts.lockout.unlock"
UNLOCK_HOURS = 24
# Failures older than this are forgotten (axes deletes them: AXES_COOLOFF_TIME, in hours).
MEMORY = timedelta(hours=24)
NEVER = 2**31  # a failure limit no count reaches: not locked


def delay_seconds(failures: int, limit: int) -> int:
    """How long the failure number `failures` makes the next attempt wait."""
    if failures < limit:
        return 0
    return int(min(settings.LOGIN_DELAY_CAP_SECONDS, 2 ** min(failures - limit + 1, 30)))


def _wait(attempts: QuerySet[AccessAttempt], limit: int, now: Any) -> int:
    seen = attempts.aggregate(n=Sum("failures_since_start"), last=Max("attempt_time"))
    failures, last = seen["n"] or 0, seen["last"]
    delay = delay_seconds(failures, limit)
    if not delay or last is None:
        return 0
    return max(0, math.ceil((last + timedelta(seconds=delay) - now).total_seconds()))


def trusted_username(request: HttpRequest) -> str | None:
    """The account whose owner unlocked it from this browser (the mailed link's cookie)."""
    value = request.get_signed_cookie(
        TRUST_COOKIE, default=None, salt=TRUST_SALT, max_age=TRUST_DAYS * 86400
    )
    return str(value) if value else None


def retry_after(request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
    """Seconds this login attempt must still wait; 0 when it may go ahead."""
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None)
    now = getattr(request, "axes_attempt_time", None) or timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - MEMORY)
    waits = [0]
    if username:
        account = recent.filter(username=username)
        if trusted_username(request) == username:
            account = account.filter(ip_address=address)
        waits.append(_wait(account, settings.LOGIN_FAILURE_LIMIT, now))
    if address:
        waits.append(
            _wait(recent.filter(ip_address=address), settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS, now)
        )
    return max(waits)


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    """AXES_FAILURE_LIMIT: axes locks when its count reaches this; the wait decides instead
    (0 while a wait runs, so any count locks; otherwise a count never reached)."""
    return 0 if retry_after(request, credentials) > 0 else NEVER


def locked_response(
    request: HttpRequest, response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the 429 page, saying how long to wait, with Retry-After."""
    seconds = max(1, retry_after(request, credentials))
    page = render(
        request,
        "web/locked_out.html",
        {"seconds": seconds, "minutes": math.ceil(seconds / 60)},
        status=429,
    )
    page["Retry-After"] = str(seconds)
    return page


def unlock_token(username: str) -> str:
    return signing.dumps({"u": username}, salt=UNLOCK_SALT, compress=True)


def username_for_token(token: str) -> str | None:
    try:
        data = signing.loads(token, salt=UNLOCK_SALT, max_age=UNLOCK_HOURS * 3600)
    except signing.BadSignature:  # also an expired one
        return None
    return str(data.get("u") or "") or None if isinstance(data, dict) else None


def mail_unlock_link(*, request: HttpRequest, username: str | None, **kwargs: Any) -> None:
    """On axes' user_locked_out: mail the account's owner a link that clears the lock, at
    most once per wait cap (a stranger's guesses must not flood their inbox)."""
    from netral.jobs import enqueue
    from netral.notifications.tasks import notify_users

    if not username:
        return
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None or not user.email:
        return
    if not cache.add(f"netral:unlock-mail:{user.pk}", 1, settings.LOGIN_DELAY_CAP_SECONDS):
        return
    path = reverse("web:login-unlock", args=[unlock_token(username)])
    enqueue(
        notify_users,
        [user.pk],
        _("Akun Netral Anda dikunci sementara"),
        _(
            "Ada beberapa percobaan masuk yang gagal ke akun %(u)s, sehingga akun ini dikunci "
            "sementara. Jika itu Anda, buka tautan di bawah (berlaku %(h)d jam) untuk membuka "
            "kunci di peramban Anda. Jika bukan Anda, kata sandi Anda tetap aman; sampaikan "
            "kepada pengelola sistem."
        )
        % {"u": username, "h": UNLOCK_HOURS},
        path,
    )
