"""Socialization events: who sees and edits them, creating one, and reach (the share of an
agency's active ASN who attended any event of an election)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from netral import access
from netral.audit.services import log_action
from netral.prevention import codes
from netral.prevention.models import Attendance, Event
from netral.registry.models import Asn
from netral.registry.vocab import Status


def event_visible(user: Any, qs: Any) -> Any:
    """Staff see the events in their jurisdiction and those their institution entered."""
    if not access.is_staff_member(user):
        return qs.none()
    return qs.filter(access.jurisdiction_q(user) | Q(owner_id=user.institution_id))


def event_writable(user: Any, qs: Any) -> Any:
    if not access.can_write(user) or user.institution_id is None:
        return qs.none()
    return qs.filter(owner_id=user.institution_id)


access.register(Event, visible=event_visible, writable=event_writable)
access.register(
    Attendance,
    visible=lambda user, qs: qs.filter(event__in=event_visible(user, Event.objects.all())),
    writable=lambda user, qs: qs.filter(event__in=event_writable(user, Event.objects.all())),
)


def may_create(user: Any) -> bool:
    return access.can_write(user) and user.institution_id is not None


@transaction.atomic
def event_create(*, actor: Any, **fields: Any) -> Event:
    if not may_create(actor):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Akun ini tidak dapat mencatat kegiatan."))
    regency = fields.get("regency")
    if regency is not None:
        fields["province_id"] = regency.province_id
    event = Event.objects.create(owner=actor.institution, checkin_code=_checkin_code(), **fields)
    log_action(
        actor,
        "event.create",
        event,
        {"title": event.title, "kind": event.kind},
        region=(event.province_id, event.regency_id or ""),
    )
    return event


def _checkin_code() -> str:
    while True:
        code = codes.verification_new()
        if not Event.objects.filter(checkin_code=code).exists():
            return code


def reach_by_agency(user: Any, election_id: int | None) -> list[dict[str, Any]]:
    """Per agency of the attendees the user may see: active ASN, ASN who attended any event
    (of this election when given), share."""
    events = access.visible_to(user, Event)
    if election_id:
        events = events.filter(election_id=election_id)
    reached = (
        Attendance.objects.filter(event__in=events, match=Attendance.Match.MATCHED)
        .values("asn__agency_id", "asn__agency__name")
        .annotate(n=Count("asn_id", distinct=True))
    )
    counts = {r["asn__agency_id"]: r for r in reached}
    active = dict(
        Asn.objects.filter(agency_id__in=counts, status=Status.ACTIVE, listed=True)
        .values("agency_id")
        .annotate(n=Count("id"))
        .values_list("agency_id", "n")
    )
    rows = []
    for agency_id, r in counts.items():
        total = active.get(agency_id, 0)
        rows.append(
            {
                "agency": r["asn__agency__name"],
                "reached": r["n"],
                "active": total,
                "percent": round(100 * r["n"] / total, 1) if total else 0.0,
            }
        )
    return sorted(rows, key=lambda r: r["agency"])
