"""Writing the audit trail (and, through `netral.audit.verify`, checking it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from netral.access.actors import REPORTER_LABEL, SYSTEM_LABEL, Actor, actor_of
from netral.audit.chain import canonical_json, entry_hash, entry_mac, shard_for
from netral.audit.models import SCHEME_HMAC, AuditEntry, AuditHead
from netral.audit.verify import ChainReport, verify_chain

SYSTEM = SYSTEM_LABEL
PUBLIC_REPORTER = REPORTER_LABEL

__all__ = [
    "PUBLIC_REPORTER",
    "SYSTEM",
    "ChainReport",
    "canonical_json",
    "entry_hash",
    "log_action",
    "verify_chain",
]


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


@dataclass(frozen=True)
class _ShardMark:
    """Left in the transaction's on-commit list: the shard this transaction writes to.

    One transaction writes all its entries to one shard (the first entry's), so it holds one
    head lock at most and two transactions can never wait for each other's heads in opposite
    order (a deadlock). Django drops the list on rollback (of a savepoint too, which in
    PostgreSQL also releases the lock taken inside it) and runs it on commit."""

    shard: int

    def __call__(self) -> None:  # run on commit: nothing to do
        return None


def _transaction_shard(key: str) -> int:
    conn: Any = transaction.get_connection()
    hooks = conn.run_on_commit
    # Where this transaction's mark was left (a bulk job logs thousands of entries: no scan
    # each time); a savepoint rolled back may have moved it, then it is looked for.
    cached = getattr(conn, "_netral_audit_mark", None)
    if cached is not None and cached[1] < len(hooks) and hooks[cached[1]][1] is cached[0]:
        return int(cached[0].shard)
    for index, (_sids, func, _robust) in enumerate(hooks):
        if isinstance(func, _ShardMark):
            conn._netral_audit_mark = (func, index)
            return func.shard
    mark = _ShardMark(shard_for(key, int(settings.AUDIT_SHARDS)))
    transaction.on_commit(mark)
    conn._netral_audit_mark = (mark, len(conn.run_on_commit) - 1)
    return mark.shard


def _next_seq() -> int:
    """The entry's place in the whole trail, without a lock held to commit: PostgreSQL's id
    sequence (the row is then written with id = seq); SQLite takes one writer at a time
    (transactions begin IMMEDIATE), so the largest number so far plus one is safe there."""
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
        else:
            cursor.execute(
                f"SELECT MAX(COALESCE(MAX(id), 0), COALESCE(MAX(seq), 0)) + 1 FROM {table}"  # noqa: S608
            )
        row = cursor.fetchone()
    return int(row[0])


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
    object_type = obj._meta.label_lower if obj is not None else ""
    object_id = str(obj.pk) if obj is not None else ""
    shard = _transaction_shard(f"{object_type}:{object_id}" if obj is not None else label)
    # The shard's head row is its lock: writers to the same shard append one after another,
    # writers to other shards do not wait.
    head, _ = AuditHead.objects.select_for_update().get_or_create(id=shard)
    seq = _next_seq()
    fields: dict[str, Any] = {
        "seq": seq,
        "at": timezone.now(),
        "actor_id": user.pk if user is not None else None,
        "actor_label": label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "province_code": province,
        "regency_code": regency,
        "data_json": canonical_json(data),
        "prev_hash": head.last_hash,
    }
    shard_seq = head.last_seq + 1
    digest = entry_mac(shard=shard, shard_seq=shard_seq, **fields)
    entry = AuditEntry.objects.create(
        id=seq, shard=shard, shard_seq=shard_seq, scheme=SCHEME_HMAC, hash=digest, **fields
    )
    head.last_seq, head.last_hash = shard_seq, digest
    head.save(update_fields=["last_seq", "last_hash"])
    return entry
