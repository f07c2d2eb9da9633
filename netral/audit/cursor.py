"""Reading "every entry since last time", safely although entries are numbered without a lock.

The trail's `seq` rises but is handed out before commit, so a reader that remembered the
largest `seq` it saw could skip an entry of a transaction that committed later with a smaller
one. Within a shard, entries commit in their order (the head is locked until commit), and a
shard's head is written in the same transaction as its entries. So a position is each shard's
head as committed: everything up to it is visible to a later query, and nothing will ever be
added below it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from netral.audit.models import AuditEntry, AuditHead


@dataclass(frozen=True)
class Position:
    """Each shard's last entry number, as text "shard:number,…" (empty: the very start)."""

    heads: tuple[tuple[int, int], ...] = ()

    def of(self, shard: int) -> int:
        return dict(self.heads).get(shard, 0)

    def encode(self) -> str:
        return ",".join(f"{shard}:{seq}" for shard, seq in self.heads)

    @classmethod
    def decode(cls, text: str) -> Position:
        """A stored position; an unreadable one is the start (the reader then reads it all)."""
        heads = []
        for item in filter(None, (text or "").split(",")):
            shard, _sep, seq = item.partition(":")
            if not (shard.isdigit() and seq.isdigit()):
                return cls()
            heads.append((int(shard), int(seq)))
        return cls(tuple(sorted(heads)))


START = Position()


def now() -> Position:
    """Where every shard is, as committed."""
    rows = AuditHead.objects.filter(last_seq__gt=0).order_by("id").values_list("id", "last_seq")
    return Position(tuple((int(shard), int(seq)) for shard, seq in rows))


def between(after: Position, upto: Position) -> QuerySet[AuditEntry]:
    """The entries written after `after` up to `upto` (read `upto` with `now()` first)."""
    span = Q(pk__in=[])
    for shard, last in upto.heads:
        first = after.of(shard)
        if last > first:
            span |= Q(shard=shard, shard_seq__gt=first, shard_seq__lte=last)
    return AuditEntry.objects.filter(span)
