"""State changes for accounts: every write here is audited in the same transaction."""

from __future__ import annotations

from django.db import transaction

from netral.accounts.models import ApiToken, User
from netral.audit.services import log_action


def token_create(*, user: User, name: str = "", actor: User | None = None) -> str:
    """Create an API token for `user` and return it; only its hash is kept."""
    raw = ApiToken.generate()
    from netral.accounts.models import hash_token

    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, digest=hash_token(raw), prefix=raw[:10]
        )
        log_action(actor, "token.create", token, {"user": user.username, "name": name},
                   region=_region(user))
    return raw


def token_revoke(*, token: ApiToken, actor: User | None = None) -> None:
    from django.utils import timezone

    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        log_action(actor, "token.revoke", token, {"user": token.user.username},
                   region=_region(token.user))


def _region(user: User) -> tuple[str, str]:
    inst = user.institution
    if inst is None:
        return "", ""
    return inst.province_id or "", inst.regency_id or ""
