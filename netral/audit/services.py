"""Writing and verifying the audit trail."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from netral.access.actors import REPORTER_LABEL, SYSTEM_LABEL, Actor, actor_of
from netral.audit.models import GENESIS_HASH, AuditEntry, AuditHead

SYSTEM = SYSTEM_LABEL
PUBLIC_REPORTER = REPORTER_LABEL


def canonical_json(data: dict[str, Any] | None) -> str:
    return json.dumps(
        data or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def entry_hash(
    *,
    seq: int,
    at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    province_code: str,
    regency_code: str,
    data_json: str,
    prev_hash: str,
) -> str:
    payload = canonical_json(
        {
            "seq": seq,
            "at": at.astimezone(UTC).isoformat(),
            "actor_id": actor_id,
            "actor_label": actor_label,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "province_code": province_code,
            "regency_code": regency_code,
            "data": data_json,
            "prev_hash": prev_hash,
        }
    )
    return hashlib.sha256(payload.encode()).hexdigest()


# The relations an object's region can be read through when it has none of its own: a report's
# case, an evidence file's report, a token's user, a user's institution.
_REGION_VIA = ("case", "report", "user", "institution")


def _region_of(obj: Any) -> tuple[str, str]:
    """The (province, kab/kota) codes an entry concerns, which decide who may read it."""
    for _hop in range(4):
        if obj is None:
            break
        province = getattr(obj, "province_id", None) or ""
        regency = getattr(obj, "regency_id", None) or ""
        if province or regency:
            if regency and not province:
                province = str(regency).split(".")[0]
            return str(province), str(regency)
        obj = next(
            (getattr(obj, name) for name in _REGION_VIA if getattr(obj, name, None) is not None),
            None,
        )
    return "", ""


def log_action(
    actor: Actor | Any | None,
    action: str,
    obj: models.Model | None = None,
    data: dict[str, Any] | None = None,
    *,
    actor_label: str | None = None,
    region: tuple[str, str] | None = None,
) -> AuditEntry:
    """Append one entry. Must run inside the transaction that makes the change it records,
    so that the change and its record commit or roll back together.

    `actor` is an actor from `netral.access.actors` (staff, ASN, reporter, API source,
    system), or what callers have always passed: a request's user, or None for the system."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("log_action() must be called inside transaction.atomic()")
    who = actor_of(actor, label=actor_label)
    user = who.user
    label = actor_label or who.label
    province, regency = region if region is not None else _region_of(obj)
    # The head row is the chain's lock: concurrent writers append one after another.
    head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
    fields: dict[str, Any] = {
        "seq": head.last_seq + 1,
        "at": timezone.now(),
        "actor_id": user.pk if user is not None else None,
        "actor_label": label,
        "action": action,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
        "province_code": province,
        "regency_code": regency,
        "data_json": canonical_json(data),
        "prev_hash": head.last_hash,
    }
    digest = entry_hash(**fields)
    entry = AuditEntry.objects.create(hash=digest, **fields)
    head.last_seq, head.last_hash = entry.seq, digest
    head.save(update_fields=["last_seq", "last_hash"])
    return entry


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify_chain() -> ChainReport:
    """Walk the chain in order and report the first entry that does not add up."""
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            return ChainReport(
                False,
                checked,
                expected_seq,
                f"entry #{expected_seq} is missing (next present is #{entry.seq})",
            )
        if entry.prev_hash != prev_hash:
            return ChainReport(
                False, checked, entry.seq, f"entry #{entry.seq} does not follow the entry before it"
            )
        recomputed = entry_hash(
            seq=entry.seq,
            at=entry.at,
            actor_id=entry.actor_id,
            actor_label=entry.actor_label,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            province_code=entry.province_code,
            regency_code=entry.regency_code,
            data_json=entry.data_json,
            prev_hash=entry.prev_hash,
        )
        if recomputed != entry.hash:
            return ChainReport(
                False, checked, entry.seq, f"entry #{entry.seq} was changed after it was written"
            )
        prev_hash, expected_seq, checked = entry.hash, expected_seq + 1, checked + 1
    head = AuditHead.objects.filter(id=1).first()
    last_seq = head.last_seq if head else 0
    if last_seq != checked or (head is not None and head.last_hash != prev_hash):
        return ChainReport(
            False,
            checked,
            checked + 1,
            f"entries after #{checked} are missing (the chain head says #{last_seq})",
        )
    return ChainReport(True, checked)
