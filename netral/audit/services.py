"""Writing the audit trail (and, through `netral.audit.verify`, checking it)."""

from __future__ import annotations

from collections.abc import Sequence
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
    "Entry",
    "canonical_json",
    "entry_hash",
    "log_action",
    "log_actions",
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


def _next_seqs(count: int) -> list[int]:
    """The entries' places in the whole trail, without a lock held to commit: PostgreSQL's id
    sequence (the rows are then written with id = seq); SQLite takes one writer at a time
    (transactions begin IMMEDIATE), so the largest number so far plus one is safe there."""
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return sorted(int(row[0]) for row in cursor.fetchall())
        cursor.execute(
            f"SELECT MAX(COALESCE(MAX(id), 0), COALESCE(MAX(seq), 0)) + 1 FROM {table}"  # noqa: S608
        )
        row = cursor.fetchone()
    return [int(row[0]) + i for i in range(count)]


@dataclass(frozen=True)
class Entry:
    """One entry to append with `log_actions`: the arguments of `log_action`."""

    actor: Actor | Any | None
    action: str
    obj: models.Model | None = None
    data: dict[str, Any] | None = None
    actor_label: str | None = None
    region: tuple[str, str] | None = None


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
    return log_actions([Entry(actor, action, obj, data, actor_label, region)])[0]


def log_actions(entries: Sequence[Entry]) -> list[AuditEntry]:
    """Append several entries in this order, as `log_action` each would, with one lock of the
    shard's head, one read of the sequence and one insert (a report's opening writes two:
    fewer statements while the head and the case counter are locked)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("log_action() must be called inside transaction.atomic()")
    if not entries:
        return []
    rows: list[dict[str, Any]] = []
    for e in entries:
        who = actor_of(e.actor, label=e.actor_label)
        user = who.user
        province, regency = e.region if e.region is not None else _region_of(e.obj)
        rows.append(
            {
                "actor_id": user.pk if user is not None else None,
                "actor_label": e.actor_label or who.label,
                "action": e.action,
                "object_type": e.obj._meta.label_lower if e.obj is not None else "",
                "object_id": str(e.obj.pk) if e.obj is not None else "",
                "province_code": province,
                "regency_code": regency,
                "data_json": canonical_json(e.data),
            }
        )
    first = rows[0]
    key = f"{first['object_type']}:{first['object_id']}" if entries[0].obj is not None else None
    shard = _transaction_shard(key or str(first["actor_label"]))
    # The shard's head row is its lock: writers to the same shard append one after another,
    # writers to other shards do not wait.
    head, _ = AuditHead.objects.select_for_update().get_or_create(id=shard)
    made = []
    for seq, row in zip(_next_seqs(len(rows)), rows, strict=True):
        fields: dict[str, Any] = {"seq": seq, "at": timezone.now(), **row}
        fields["prev_hash"] = head.last_hash
        shard_seq = head.last_seq + 1
        digest = entry_mac(shard=shard, shard_seq=shard_seq, **fields)
        made.append(
            AuditEntry(
                id=seq, shard=shard, shard_seq=shard_seq, scheme=SCHEME_HMAC, hash=digest, **fields
            )
        )
        head.last_seq, head.last_hash = shard_seq, digest
    AuditEntry.objects.bulk_create(made)
    head.save(update_fields=["last_seq", "last_hash"])
    return made
