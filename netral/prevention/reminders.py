"""Reminders to the ASN of a pact round who have not signed, guarded against a second click.

The reminders page shows when the round was last reminded and sends that time back with the
button. Sending compares it with the round's time now, under a lock on the round: a double
click, a reload of the POST, or a colleague who reminded in the meantime has moved it on, and
then nothing is sent twice (the page says when the last reminder went out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q

from netral import access
from netral.prevention import pacts
from netral.prevention.models import PactRound


class AlreadyReminded(Exception):
    """Someone sent reminders after the page was shown."""

    def __init__(self, at: dt.datetime | None) -> None:
        super().__init__("already reminded")
        self.at = at


@dataclass(frozen=True)
class ReminderState:
    unsigned: int
    unsigned_with_email: int
    last_at: dt.datetime | None
    last_count: int

    @property
    def token(self) -> str:
        return guard_token(self.last_at)

    @property
    def without_email(self) -> int:
        return self.unsigned - self.unsigned_with_email


def guard_token(at: dt.datetime | None) -> str:
    return at.isoformat() if at is not None else "never"


def state(pact_round: PactRound) -> ReminderState:
    unsigned = pact_round.invitations.filter(signature__isnull=True)
    counts = unsigned.aggregate(n=Count("id"), mailable=Count("id", filter=~Q(asn__email="")))
    last_at = pact_round.invitations.aggregate(last=Max("reminded_at"))["last"]
    last_count = (
        pact_round.invitations.filter(reminded_at=last_at).count() if last_at is not None else 0
    )
    return ReminderState(counts["n"], counts["mailable"], last_at, last_count)


@transaction.atomic
def pact_remind_now(*, actor: Any, round_id: int, seen: str) -> int:
    """Remind every unsigned invitee with an e-mail address, unless the round was reminded
    after `seen` (the page's token). Returns how many mails were queued."""
    locked = PactRound.objects.select_for_update(of=("self",))
    pact_round = access.get_for_user(actor, locked, round_id, write=True)
    last_at = pact_round.invitations.aggregate(last=Max("reminded_at"))["last"]
    if guard_token(last_at) != seen:
        raise AlreadyReminded(last_at)
    if not pact_round.invitations.filter(signature__isnull=True).exclude(asn__email="").exists():
        return 0  # nobody to mail: nothing changes, nothing to record
    return pacts.pact_links_send(actor=actor, round_id=round_id, reminder=True)
