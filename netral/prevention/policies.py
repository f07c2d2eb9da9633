"""Who sees and who runs integrity-pact rounds (registered with netral.access; 404 otherwise).

- administrators and analysts see every round;
- a PPK officer (and the staff of a PPK government or ministry) sees their own agency's rounds,
  and only PPK officers start and run them (send links, print codes, record paper, remind);
- Bawaslu, Inspektorat, BKN regional offices and the national oversight bodies see the rounds of
  agencies in their jurisdiction (coverage is what they watch);
- the pact text itself is public (the ASN reads it before signing).
ASN never log in: they reach their own invitation with its personal code (`pacts.py`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from netral import access
from netral.accounts.roles import Role
from netral.prevention.models import (
    PactInvitation,
    PactRound,
    PactSignature,
    PactTemplate,
    PaperBatch,
)
from netral.registry.models import Agency
from netral.registry.policies import NOTHING, OVERSIGHT_KINDS, employer_of, sees_all


def round_q(user: Any, prefix: str = "") -> Q:
    if not access.is_staff_member(user):
        return NOTHING
    if sees_all(user):
        return Q()
    employer = employer_of(user)
    if employer is not None:
        return Q(**{f"{prefix}agency__ppk": employer})
    inst = user.institution
    if inst is not None and inst.kind in OVERSIGHT_KINDS:
        return access.jurisdiction_q(
            user, province=f"{prefix}agency__province_id", regency=f"{prefix}agency__regency_id"
        )
    return NOTHING


def runs_rounds(user: Any) -> bool:
    return bool(
        access.can_write(user) and user.has_role(Role.PPK_OFFICER) and employer_of(user) is not None
    )


def writable_round_q(user: Any, prefix: str = "") -> Q:
    if not runs_rounds(user):
        return NOTHING
    return Q(**{f"{prefix}agency__ppk": employer_of(user)})


def startable_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies this user may start a round for (their PPK's own)."""
    if not runs_rounds(user):
        return Agency.objects.none()
    return Agency.objects.filter(ppk=employer_of(user))


def _by_round(prefix: str) -> tuple[Any, Any]:
    return (
        lambda user, qs: qs.filter(round_q(user, prefix)),
        lambda user, qs: qs.filter(writable_round_q(user, prefix)),
    )


access.register(PactRound, visible=_by_round("")[0], writable=_by_round("")[1])
for _model in (PactInvitation, PactSignature, PaperBatch):
    _visible, _writable = _by_round("round__")
    access.register(_model, visible=_visible, writable=_writable)
access.register(PactTemplate, visible=access.everyone, writable=access.administrators)
