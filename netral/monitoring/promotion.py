"""Promote a relevant item (or its cluster) to a finding (temuan) through the cases app's own
`finding_open`, with origin "monitoring".

The ASN tied to the item and to its cluster's members become the case's subjects. What was
captured (text, URL, capture time and capturer, the raw form's SHA-256, the screenshots'
hashes) is frozen into a snapshot whose SHA-256 (the seal) is written on the items and in the
audit trail: the sealed originals of the screenshots stay where they are, and anyone can check
later that nothing in the snapshot changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netral import access
from netral.audit.services import canonical_json, log_action
from netral.cases.models import Case
from netral.cases.services import finding_open
from netral.cases.services.findings import applicable_violation_codes
from netral.cases.states import Origin
from netral.monitoring.models import Item, State

PROMOTABLE = (State.RELEVANT, State.ESCALATED)


def snapshot(item: Item) -> dict[str, Any]:
    return {
        "item": item.pk,
        "platform": item.platform,
        "external_id": item.external_id,
        "url": item.url,
        "author": item.author_handle,
        "text": item.text,
        "posted_at": item.posted_at.isoformat() if item.posted_at else None,
        "captured_at": item.captured_at.isoformat(),
        "captured_by": item.captured_by_label,
        "raw_sha256": item.sha256,
        "screenshots": [
            {"sha256": s.sha256, "content_type": s.content_type, "size": s.size}
            for s in item.screenshots.all()
        ],
    }


def seal(snapshots: Sequence[dict[str, Any]]) -> str:
    return hashlib.sha256(canonical_json({"items": list(snapshots)}).encode()).hexdigest()


def _subjects(items: Sequence[Item]) -> list[dict[str, Any]]:
    seen: set[int] = set()
    out = []
    for item in items:
        asn = item.account.asn if item.account is not None else None
        if asn is None or asn.pk in seen:
            continue
        seen.add(asn.pk)
        out.append(
            {
                "name": asn.name,
                "nip": asn.nip,
                "agency_name": asn.agency.name[:200],
                "position": asn.position[:200],
                "employment_type": asn.employment_type,
                "ppk_institution": asn.agency.ppk,
            }
        )
    return out


def _summary(head: Item, n: int) -> str:
    who = f"@{head.author_handle}" if head.author_handle else _("akun tidak diketahui")
    text = " ".join(head.text.split())[:400]
    more = _(" (dan %(n)d unggahan serupa)") % {"n": n - 1} if n > 1 else ""
    return _("Hasil pemantauan media sosial: unggahan %(p)s oleh %(w)s%(m)s. %(u)s «%(t)s»") % {
        "p": head.get_platform_display(),
        "w": who,
        "m": more,
        "u": head.url,
        "t": text,
    }


@transaction.atomic
def item_promote(
    *, actor: Any, item_id: int, summary: str = "", violations: Sequence[str] | None = None
) -> Case:
    """Open the finding; a second click on a promoted item gives its case back."""
    item = access.get_for_user(actor, Item, item_id, write=True)
    if item.case_id is not None:
        return access.get_for_user(actor, Case, item.case_id)
    if item.state not in PROMOTABLE:
        raise ValidationError(
            {
                "state": _(
                    "Hanya unggahan yang ditandai relevan atau dieskalasi "
                    "yang dapat dijadikan temuan."
                )
            }
        )
    members = [item]
    if item.cluster_id is not None:
        members += list(
            access.visible_to(actor, Item)
            .filter(cluster_id=item.cluster_id, case__isnull=True)
            .exclude(pk=item.pk)
            .exclude(state__in=[State.NOT_RELEVANT])
        )
    members = list(
        Item.objects.filter(pk__in=[m.pk for m in members])
        .select_related("account__asn__agency__ppk", "election")
        .prefetch_related("screenshots")
        .order_by("pk")
    )
    head = next(m for m in members if m.pk == item.pk)
    posted = timezone.localdate(head.posted_at) if head.posted_at else None
    captured = timezone.localdate(head.captured_at)
    codes = list(violations if violations is not None else head.violations)
    allowed = applicable_violation_codes(head.election, posted)
    if violations is None and allowed is not None:
        codes = [c for c in codes if c in allowed]  # the detector's suggestion, phase-checked
    snaps = [snapshot(m) for m in members]
    digest = seal(snaps)
    case = finding_open(
        actor=actor,
        data={
            "origin": Origin.MONITORING,
            "summary": summary.strip() or _summary(head, len(members)),
            "incident_date": posted,
            "discovered_date": min(captured, timezone.localdate()),
            "place": head.url[:300],
            "regency": head.regency_id,
            "province": head.province_id,
            "election": head.election.code if head.election else None,
            "subjects": _subjects(members),
            "violations": codes,
        },
    )
    sealed = {"seal": digest, "snapshot": snaps, "sealed_at": timezone.now().isoformat()}
    Item.objects.filter(pk__in=[m.pk for m in members]).update(case=case, sealed_evidence=sealed)
    log_action(
        actor,
        "monitoring.promote",
        head,
        {
            "case": case.number,
            "items": [m.pk for m in members],
            "seal": digest,
            "subjects": len(case.subjects.all()),
        },
    )
    return case


def may_promote(user: Any, item: Item) -> bool:
    from netral.cases.policies import may_enter_findings

    return (
        item.case_id is None
        and item.state in PROMOTABLE
        and may_enter_findings(user)
        and access.writable_by(user, Item).filter(pk=item.pk).exists()
    )
