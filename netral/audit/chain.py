"""How entries are hashed and which shard a write goes to (no database access here)."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

# Checkpoints are signed with a key derived from the audit key, never with the key itself, so
# that a checkpoint signature can never be replayed as an entry's hash or the other way round.
_CHECKPOINT_LABEL = b"netral-audit-checkpoint-v1"


def canonical_json(data: dict[str, Any] | None) -> str:
    return json.dumps(
        data or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def _payload(
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
) -> dict[str, Any]:
    return {
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


def entry_hash(**fields: Any) -> str:
    """The unkeyed SHA-256 of the single-chain era: kept only to verify those old entries."""
    return hashlib.sha256(canonical_json(_payload(**fields)).encode()).hexdigest()


def audit_key() -> bytes:
    key = str(settings.AUDIT_KEY)
    if not key:
        raise RuntimeError("NETRAL_AUDIT_KEY is empty")
    return key.encode()


def entry_mac(*, shard: int, shard_seq: int, key: bytes | None = None, **fields: Any) -> str:
    """HMAC-SHA256 of an entry under the audit key: without the key nobody can make an entry
    (or re-hash a rewritten chain) that verifies."""
    payload = {"v": 2, "shard": shard, "shard_seq": shard_seq, **_payload(**fields)}
    message = canonical_json(payload).encode()
    return hmac.new(key or audit_key(), message, hashlib.sha256).hexdigest()


def checkpoint_signature(body: dict[str, Any], key: bytes | None = None) -> str:
    derived = hmac.new(key or audit_key(), _CHECKPOINT_LABEL, hashlib.sha256).digest()
    return hmac.new(derived, canonical_json(body).encode(), hashlib.sha256).hexdigest()


def shard_for(key: str, shards: int) -> int:
    """A stable shard for an object (or an actor): the same key always lands in the same one."""
    if shards <= 1:
        return 0
    digest = hashlib.blake2b(key.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") % shards
