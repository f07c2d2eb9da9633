"""Checking the trail: every shard's chain end to end, its head, and the signed checkpoints.

What each check catches (issue 10 item 6, issue 11 item 5):
- an entry edited in the database: its HMAC no longer matches (re-hashing needs the key);
- an entry deleted: a gap in its shard's numbers, or the next entry no longer follows;
- entries cut off a shard's end: the head names a later entry; with the head moved back too,
  a checkpoint outside the database names a later entry (or another hash for it);
- old unkeyed entries (before the migration) rewritten: the first keyed entry after them and
  the checkpoints hold their end.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from netral.audit import anchors
from netral.audit.chain import entry_hash, entry_mac
from netral.audit.models import GENESIS_HASH, SCHEME_HMAC, SCHEME_LEGACY, AuditEntry, AuditHead


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    # The trail's number of the entry at fault (None when the entry is gone altogether)
    broken_seq: int | None = None
    reason: str = ""
    shard: int | None = None
    shard_seq: int | None = None
    shards: int = 0
    checkpoints: int = 0
    # What holds but deserves a look (entries not yet under a checkpoint)
    notes: tuple[str, ...] = ()


class _Broken(Exception):
    def __init__(
        self,
        reason: str,
        *,
        shard: int | None = None,
        shard_seq: int | None = None,
        seq: int | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason, self.shard, self.shard_seq, self.seq = reason, shard, shard_seq, seq


@dataclass
class _Walk:
    checked: int = 0
    ends: dict[int, tuple[int, str]] = field(default_factory=dict)


def _recompute(entry: AuditEntry) -> str:
    fields: dict[str, Any] = {
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
    if entry.scheme == SCHEME_LEGACY:
        return entry_hash(**fields)
    return entry_mac(shard=entry.shard, shard_seq=entry.shard_seq, **fields)


@contextmanager
def _snapshot() -> Iterator[None]:
    """Heads and entries read as of one moment, so that writes going on meanwhile are not
    mistaken for a cut (PostgreSQL: one repeatable-read snapshot; SQLite has one writer)."""
    if transaction.get_connection().in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _check_entry(
    entry: AuditEntry, expected: int, prev: str, keyed_seen: bool, legacy_limit: int | None
) -> None:
    where = {"shard": entry.shard, "n": entry.shard_seq, "seq": entry.seq}
    at = {"shard": entry.shard, "shard_seq": entry.shard_seq}
    if entry.shard_seq != expected:
        raise _Broken(
            _("rantai %(shard)s: entri nomor %(n)s hilang (yang ada berikutnya nomor %(next)s)")
            % {"shard": entry.shard, "n": expected, "next": entry.shard_seq},
            shard=entry.shard,
            shard_seq=expected,
        )
    if entry.prev_hash != prev:
        raise _Broken(
            _("rantai %(shard)s: entri #%(seq)s (nomor %(n)s) tidak menyambung ke entri sebelumnya")
            % where,
            seq=entry.seq,
            **at,
        )
    legacy_allowed = (
        entry.shard == 0
        and not keyed_seen
        and (legacy_limit is None or entry.shard_seq <= legacy_limit)
    )
    if entry.scheme not in (SCHEME_LEGACY, SCHEME_HMAC) or (
        entry.scheme == SCHEME_LEGACY and not legacy_allowed
    ):
        raise _Broken(
            _(
                "rantai %(shard)s: entri #%(seq)s (nomor %(n)s) mengaku ditulis tanpa "
                "kunci, padahal rantai sudah berkunci"
            )
            % where,
            seq=entry.seq,
            **at,
        )
    if _recompute(entry) != entry.hash:
        raise _Broken(
            _("rantai %(shard)s: entri #%(seq)s (nomor %(n)s) diubah setelah ditulis") % where,
            seq=entry.seq,
            **at,
        )


def _walk(
    walk: _Walk,
    needed: dict[tuple[int, int], tuple[anchors.Checkpoint, str]],
    legacy_limit: int | None,
) -> None:
    shard, expected, prev, keyed_seen = -1, 1, GENESIS_HASH, False
    rows = AuditEntry.objects.order_by("shard", "shard_seq").iterator(chunk_size=2000)
    for entry in rows:
        if entry.shard != shard:
            shard, expected, prev, keyed_seen = entry.shard, 1, GENESIS_HASH, False
        _check_entry(entry, expected, prev, keyed_seen, legacy_limit)
        anchored = needed.get((entry.shard, entry.shard_seq))
        if anchored is not None and anchored[1] != entry.hash:
            cp = anchored[0]
            raise _Broken(
                _(
                    "rantai %(shard)s: entri #%(seq)s (nomor %(n)s) berbeda dari yang "
                    "dicatat titik periksa %(cp)s (%(at)s): rantai ditulis ulang"
                )
                % {
                    "shard": entry.shard,
                    "seq": entry.seq,
                    "n": entry.shard_seq,
                    "cp": cp.number,
                    "at": cp.at,
                },
                shard=entry.shard,
                shard_seq=entry.shard_seq,
                seq=entry.seq,
            )
        keyed_seen = keyed_seen or entry.scheme == SCHEME_HMAC
        prev, expected, walk.checked = entry.hash, expected + 1, walk.checked + 1
        walk.ends[shard] = (entry.shard_seq, entry.hash)


def _check_heads(walk: _Walk) -> None:
    heads = {int(h.id): (int(h.last_seq), h.last_hash) for h in AuditHead.objects.all()}
    for shard in sorted(set(heads) | set(walk.ends)):
        last_seq, last_hash = walk.ends.get(shard, (0, GENESIS_HASH))
        head_seq, head_hash = heads.get(shard, (None, None))
        if head_seq is None:
            raise _Broken(
                _("rantai %(shard)s: ujung rantai hilang dari basis data") % {"shard": shard},
                shard=shard,
            )
        if head_seq > last_seq:
            raise _Broken(
                _(
                    "rantai %(shard)s: entri sesudah nomor %(n)s hilang (ujung rantai "
                    "menyebut nomor %(head)s)"
                )
                % {"shard": shard, "n": last_seq, "head": head_seq},
                shard=shard,
                shard_seq=last_seq + 1,
            )
        if (head_seq, head_hash) != (last_seq, last_hash):
            raise _Broken(
                _(
                    "rantai %(shard)s: ujung rantai (nomor %(head)s) tidak cocok dengan "
                    "entri terakhirnya (nomor %(n)s)"
                )
                % {"shard": shard, "n": last_seq, "head": head_seq},
                shard=shard,
            )


def _check_reach(walk: _Walk, checkpoints: list[anchors.Checkpoint]) -> None:
    """Every entry a checkpoint saw must still be there (its hash was compared on the walk)."""
    for cp in checkpoints:
        for shard, (seq, _hash) in sorted(cp.heads.items()):
            have = walk.ends.get(shard, (0, ""))[0]
            if have < seq:
                raise _Broken(
                    _(
                        "rantai %(shard)s: titik periksa %(cp)s (%(at)s) mencatat entri "
                        "sampai nomor %(n)s, basis data hanya sampai nomor %(have)s: "
                        "entri dipotong"
                    )
                    % {"shard": shard, "cp": cp.number, "at": cp.at, "n": seq, "have": have},
                    shard=shard,
                    shard_seq=have + 1,
                )


def _anchor_problem(line: int, kind: str) -> str:
    where = {"file": anchors.path(), "line": line}
    if kind == "signature":
        return (
            _(
                "%(file)s baris %(line)s: tanda tangan titik periksa tidak cocok (diubah, "
                "atau NETRAL_AUDIT_KEY lain)"
            )
            % where
        )
    if kind == "link":
        return _("%(file)s baris %(line)s: titik periksa sebelumnya hilang atau diubah") % where
    return _("%(file)s baris %(line)s: bukan titik periksa yang bisa dibaca") % where


def _notes(walk: _Walk, checkpoints: list[anchors.Checkpoint]) -> tuple[str, ...]:
    if not walk.checked:
        return ()
    if not checkpoints:
        return (
            _(
                "belum ada titik periksa: jalankan `netral audit checkpoint` agar rantai "
                "terjangkar di luar basis data"
            ),
        )
    last = checkpoints[-1]
    newer = sum(end - last.heads.get(shard, (0, ""))[0] for shard, (end, _h) in walk.ends.items())
    if newer <= 0:
        return ()
    return (
        _("%(n)s entri ditulis sesudah titik periksa terakhir (%(at)s) dan belum terjangkar")
        % {"n": newer, "at": last.at},
    )


def verify_chain(*, use_anchors: bool = True) -> ChainReport:
    """Walk every shard in order and report the first thing that does not add up."""
    checkpoints: list[anchors.Checkpoint] = []
    if use_anchors:
        try:
            found = anchors.read()
        except anchors.AnchorError as exc:
            return ChainReport(
                False, 0, reason=_("berkas titik periksa tidak bisa dibaca: %(why)s") % {"why": exc}
            )
        if found.problems:
            line, kind = found.problems[0]
            return ChainReport(
                False, 0, reason=_anchor_problem(line, kind), checkpoints=len(found.checkpoints)
            )
        checkpoints = found.checkpoints
    needed = {(shard, seq): (cp, h) for cp in checkpoints for shard, (seq, h) in cp.heads.items()}
    legacy_limit = checkpoints[0].legacy if checkpoints else None
    walk = _Walk()
    try:
        with _snapshot():
            _walk(walk, needed, legacy_limit)
            _check_heads(walk)
        _check_reach(walk, checkpoints)
    except _Broken as broken:
        return ChainReport(
            False,
            walk.checked,
            broken.seq,
            broken.reason,
            shard=broken.shard,
            shard_seq=broken.shard_seq,
            checkpoints=len(checkpoints),
        )
    return ChainReport(
        True,
        walk.checked,
        shards=len(walk.ends),
        checkpoints=len(checkpoints),
        notes=_notes(walk, checkpoints),
    )
