"""What an attacker with write access to the database (but not NETRAL_AUDIT_KEY) can do: raw
SQL on the trail's tables, and the project's own hash functions."""

from __future__ import annotations

from typing import Any

from django.db import connection

from netral.audit.chain import entry_hash, entry_mac
from netral.audit.models import AuditEntry, AuditHead

ENTRIES = AuditEntry._meta.db_table
HEADS = AuditHead._meta.db_table
STOLEN_GUESS = b"not-the-key"


def fields_of(entry: AuditEntry, **changes: Any) -> dict[str, Any]:
    fields = {
        "seq": entry.seq,
        "at": entry.at,
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "province_code": entry.province_code,
        "regency_code": entry.regency_code,
        "data_json": entry.data_json,
        "prev_hash": entry.prev_hash,
    }
    fields.update(changes)
    return fields


def sql(statement: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def cut_tail_and_move_head_back(shard: int, keep: int) -> None:
    """Delete a shard's entries after number `keep` and point its head at the last one kept."""
    kept = AuditEntry.objects.get(shard=shard, shard_seq=keep)
    sql(f"DELETE FROM {ENTRIES} WHERE shard = %s AND shard_seq > %s", [shard, keep])  # noqa: S608
    sql(
        f"UPDATE {HEADS} SET last_seq = %s, last_hash = %s WHERE id = %s",  # noqa: S608
        [keep, kept.hash, shard],
    )


def edit_and_rehash(
    shard: int, shard_seq: int, data_json: str, *, how: str, key: bytes = STOLEN_GUESS
) -> None:
    """Edit one entry, then re-hash it and every later entry of its shard and move the head, so
    the chain links up again. `how`: "legacy" (the old unkeyed SHA-256, the entries relabelled
    as old ones) or "guess" (the keyed function with a key the attacker guessed)."""
    prev = AuditEntry.objects.get(shard=shard, shard_seq=shard_seq).prev_hash
    later = AuditEntry.objects.filter(shard=shard, shard_seq__gte=shard_seq).order_by("shard_seq")
    for entry in list(later):
        changes: dict[str, Any] = {"prev_hash": prev}
        if entry.shard_seq == shard_seq:
            changes["data_json"] = data_json
        fields = fields_of(entry, **changes)
        if how == "legacy":
            digest, scheme = entry_hash(**fields), 1
        else:
            digest = entry_mac(shard=shard, shard_seq=entry.shard_seq, key=key, **fields)
            scheme = entry.scheme
        sql(
            f"UPDATE {ENTRIES} SET data_json = %s, prev_hash = %s, hash = %s, scheme = %s "  # noqa: S608
            "WHERE id = %s",
            [fields["data_json"], prev, digest, scheme, entry.pk],
        )
        prev = digest
    last = AuditEntry.objects.filter(shard=shard).order_by("-shard_seq").first()
    assert last is not None
    sql(f"UPDATE {HEADS} SET last_hash = %s WHERE id = %s", [prev, shard])  # noqa: S608
