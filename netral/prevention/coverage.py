"""Pact coverage: the share of ASN who signed, per agency, unit and region, heads of units
first. Revoked signatures do not count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from netral import access
from netral.elections.models import Election
from netral.prevention.models import PactInvitation, PactRound
from netral.prevention.pacts import HEAD_KINDS
from netral.registry.models import Asn
from netral.registry.vocab import Status

SIGNED = Q(signature__isnull=False, signature__revoked_at__isnull=True)


@dataclass(frozen=True)
class Share:
    label: str
    total: int
    signed: int

    @property
    def percent(self) -> float:
        return round(100 * self.signed / self.total, 1) if self.total else 0.0

    @property
    def missing(self) -> int:
        return self.total - self.signed


def _shares(qs: QuerySet[PactInvitation], key: str, empty: str) -> list[Share]:
    rows = (
        qs.values(key).annotate(total=Count("id"), signed=Count("id", filter=SIGNED)).order_by(key)
    )
    return [Share(str(r[key] or empty), r["total"], r["signed"]) for r in rows]


def of_invitations(qs: QuerySet[PactInvitation]) -> dict[str, Any]:
    """Totals, heads of units, per unit and per kab/kota of a set of invitations."""
    totals = qs.aggregate(
        total=Count("id"),
        signed=Count("id", filter=SIGNED),
        heads=Count("id", filter=Q(is_head=True)),
        heads_signed=Count("id", filter=Q(is_head=True) & SIGNED),
    )
    return {
        "all": Share("", totals["total"], totals["signed"]),
        "heads": Share("", totals["heads"], totals["heads_signed"]),
        "others": Share(
            "", totals["total"] - totals["heads"], totals["signed"] - totals["heads_signed"]
        ),
        "units": _shares(qs, "asn__work_unit__name", "—"),
        "regions": _shares(qs, "asn__regency__name", "—"),
    }


def of_round(pact_round: PactRound) -> dict[str, Any]:
    return of_invitations(pact_round.invitations.all())


@dataclass(frozen=True)
class AgencyCoverage:
    agency_id: int
    name: str
    active: int
    invited: int
    signed: int
    heads_active: int
    heads_signed: int

    @property
    def percent(self) -> float:
        return round(100 * self.signed / self.active, 1) if self.active else 0.0

    @property
    def heads_percent(self) -> float:
        return round(100 * self.heads_signed / self.heads_active, 1) if self.heads_active else 0.0


def by_agency(user: Any, election: Election) -> list[AgencyCoverage]:
    """Per agency with a round for this election that the user sees: the share of its active
    ASN (the registry's count, not only the invited) who signed."""
    rounds = access.visible_to(user, PactRound).filter(election=election)
    agency_ids = set(rounds.values_list("agency_id", flat=True))
    invitations = PactInvitation.objects.filter(
        round__election=election, round__agency_id__in=agency_ids
    )
    inv: dict[int, Any] = {
        r["round__agency_id"]: r
        for r in invitations.values("round__agency_id").annotate(
            invited=Count("id"),
            signed=Count("id", filter=SIGNED),
            heads_signed=Count("id", filter=Q(is_head=True) & SIGNED),
        )
    }
    staff: dict[int, Any] = {
        r["agency_id"]: r
        for r in Asn.objects.filter(agency_id__in=agency_ids, status=Status.ACTIVE, listed=True)
        .values("agency_id")
        .annotate(active=Count("id"), heads=Count("id", filter=Q(position_kind__in=HEAD_KINDS)))
        .values("agency_id", "active", "heads", "agency__name")
    }
    out = []
    for agency_id in sorted(agency_ids):
        s: dict[str, Any] = staff.get(agency_id, {})
        i: dict[str, Any] = inv.get(agency_id, {})
        out.append(
            AgencyCoverage(
                agency_id,
                str(s.get("agency__name", agency_id)),
                s.get("active", 0),
                i.get("invited", 0),
                i.get("signed", 0),
                s.get("heads", 0),
                i.get("heads_signed", 0),
            )
        )
    return sorted(out, key=lambda c: c.name)
