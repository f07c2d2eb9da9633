"""State changes for accounts: every write here is audited in the same transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from netral.accounts.models import ApiToken, User, hash_token
from netral.audit.services import log_action


def token_create(*, user: User, name: str = "", actor: User | None = None) -> str:
    """Create an API token for `user` and return it; only its hash is kept."""
    raw = ApiToken.generate()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, digest=hash_token(raw), prefix=raw[:10]
        )
        log_action(actor, "token.create", token, {"user": user.username, "name": name})
    return raw


def token_revoke(*, token: ApiToken, actor: User | None = None) -> None:
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        log_action(actor, "token.revoke", token, {"user": token.user.username})
