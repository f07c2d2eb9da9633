"""State changes for accounts: every write here is audited in the same transaction."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netral.accounts import tokens
from netral.accounts.models import ApiToken, TokenScope, User, hash_token
from netral.audit.services import log_action


def token_create(
    *,
    user: User,
    name: str = "",
    actor: User | None = None,
    scope: str | None = None,
    days: int | None = None,
) -> str:
    """Create an API token for `user` and return it; only its hash is kept.

    `scope` defaults to read-only for users who must use a second factor (write for others);
    `days` is the lifetime, required to stay within the cap of such users (and their default)."""
    scope = scope or tokens.default_scope(user)
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Cakupan token harus read atau write.")})
    cap = tokens.max_days(user)
    if days is not None and days < 1:
        raise ValidationError({"days": _("Masa berlaku token paling sedikit 1 hari.")})
    if cap is not None and (days is None or days > cap):
        if days is not None:
            raise ValidationError(
                {"days": _("Token pengguna ini berlaku paling lama %(n)s hari.") % {"n": cap}}
            )
        days = cap
    now = timezone.now()
    expires_at = now + timedelta(days=days) if days is not None else None
    raw = ApiToken.generate()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            digest=hash_token(raw),
            prefix=raw[:10],
            created_at=now,
            expires_at=expires_at,
            scope=scope,
        )
        log_action(
            actor,
            "token.create",
            token,
            {
                "user": user.username,
                "name": name,
                "scope": scope,
                "expires_at": expires_at.isoformat() if expires_at else None,
            },
        )
    return raw


def token_revoke(*, token: ApiToken, actor: User | None = None) -> None:
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        log_action(actor, "token.revoke", token, {"user": token.user.username})


def login_unlock(*, user: User) -> None:
    """The owner followed the mailed link: the account's failed logins are forgotten."""
    from axes.models import AccessAttempt

    with transaction.atomic():
        cleared, _ = AccessAttempt.objects.filter(username=user.get_username()).delete()
        log_action(user, "login.unlock", user, {"cleared": cleared})
