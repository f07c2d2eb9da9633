"""Signed checkpoints of every shard's head, kept outside the database.

Whoever can write to the database can cut a chain's tail and move its head back: the chain
then ends earlier but is whole. A checkpoint remembers, outside the database, where every
chain had got to, signed with a key derived from NETRAL_AUDIT_KEY: `netral audit verify`
then finds entries that a checkpoint saw missing or different.

The checkpoints are lines of JSON appended to `checkpoints.jsonl` in AUDIT_ANCHOR_DIR (a folder
of the data folder, 0600, included in backups). Each line names the one before by its signature,
so a line taken out of the middle shows. They can also be mailed to the supervisors
(NETRAL_AUDIT_CHECKPOINT_MAIL), a copy that no one on the server can take back.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from netral.audit.chain import checkpoint_signature
from netral.audit.models import SCHEME_LEGACY, AuditEntry, AuditHead

FILENAME = "checkpoints.jsonl"
VERSION = 1


class AnchorError(Exception):
    """The checkpoint file cannot be read or written; the message says where and why."""


@dataclass(frozen=True)
class Checkpoint:
    number: int
    at: str
    # shard -> (last shard_seq, its hash) when the checkpoint was taken
    heads: dict[int, tuple[int, str]]
    # how many entries of shard 0 were written before the chain had a key
    legacy: int
    prev: str
    sig: str
    line: int = 0

    def body(self) -> dict[str, Any]:
        return {
            "v": VERSION,
            "n": self.number,
            "at": self.at,
            "heads": {str(s): [seq, h] for s, (seq, h) in sorted(self.heads.items())},
            "legacy": self.legacy,
            "prev": self.prev,
        }

    def text(self) -> str:
        return json.dumps({**self.body(), "sig": self.sig}, sort_keys=True, ensure_ascii=True)


@dataclass
class Anchors:
    checkpoints: list[Checkpoint] = field(default_factory=list)
    # "line N: what is wrong" for lines that do not hold up
    problems: list[tuple[int, str]] = field(default_factory=list)


def path() -> Path:
    return Path(str(settings.AUDIT_ANCHOR_DIR)) / FILENAME


def _parse(number: int, raw: str) -> Checkpoint:
    data = json.loads(raw)
    if not isinstance(data, dict) or data.get("v") != VERSION:
        raise ValueError("unknown format")
    heads = {int(s): (int(v[0]), str(v[1])) for s, v in dict(data["heads"]).items()}
    return Checkpoint(
        number=int(data["n"]),
        at=str(data["at"]),
        heads=heads,
        legacy=int(data["legacy"]),
        prev=str(data["prev"]),
        sig=str(data["sig"]),
        line=number,
    )


def read(where: Path | None = None) -> Anchors:
    """Every checkpoint in the file, each checked for its signature and its link to the one
    before. A missing file is no checkpoint (a new installation); an unreadable one is an
    error."""
    where = where or path()
    found = Anchors()
    try:
        text = where.read_text(encoding="utf-8")
    except FileNotFoundError:
        return found
    except (OSError, UnicodeDecodeError) as exc:
        raise AnchorError(f"{where}: {getattr(exc, 'strerror', None) or exc}") from None
    prev = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            cp = _parse(number, raw)
        except (ValueError, KeyError, TypeError, IndexError):
            found.problems.append((number, "unreadable"))
            continue
        if checkpoint_signature(cp.body()) != cp.sig:
            found.problems.append((number, "signature"))
            continue
        if cp.prev != prev:
            found.problems.append((number, "link"))
        prev = cp.sig
        found.checkpoints.append(cp)
    return found


def _legacy_count() -> int:
    last = (
        AuditEntry.objects.filter(shard=0, scheme=SCHEME_LEGACY)
        .order_by("-shard_seq")
        .values_list("shard_seq", flat=True)
        .first()
    )
    return int(last or 0)


def _heads() -> dict[int, tuple[int, str]]:
    return {
        int(h.id): (int(h.last_seq), h.last_hash)
        for h in AuditHead.objects.order_by("id")
        if h.last_seq > 0
    }


def _append(where: Path, line: str) -> None:
    where.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(where, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(where, 0o600)


def _lines(where: Path) -> Iterator[str]:
    try:
        yield from where.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return


def write(*, force: bool = False) -> Checkpoint | None:
    """Append a checkpoint of every shard's head; None when nothing was written since the last
    one (unless `force`). Two writers at once (the beat job and a person) take turns on a lock
    on the file, so the link to the line before is always right."""
    where = path()
    where.parent.mkdir(parents=True, exist_ok=True)
    lock_fd = os.open(where.with_suffix(".lock"), os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX)
        anchors = read(where)
        # The heads as committed, all read in one statement (one snapshot).
        with transaction.atomic():
            heads, legacy = _heads(), _legacy_count()
        last = anchors.checkpoints[-1] if anchors.checkpoints else None
        if last is not None and not force and last.heads == heads and last.legacy == legacy:
            return None
        prev_sig = _last_signature(where)
        at: datetime = timezone.now()
        unsigned = Checkpoint(
            number=(last.number + 1) if last else 1,
            at=at.isoformat(timespec="seconds"),
            heads=heads,
            legacy=legacy,
            prev=prev_sig,
            sig="",
        )
        cp = Checkpoint(**{**unsigned.__dict__, "sig": checkpoint_signature(unsigned.body())})
        _append(where, cp.text())
        return cp
    except OSError as exc:
        raise AnchorError(f"{where}: {exc.strerror or exc}") from None
    finally:
        os.close(lock_fd)


def _last_signature(where: Path) -> str:
    """The signature on the file's last readable line (what the next line links to)."""
    for raw in reversed(list(_lines(where))):
        try:
            return str(json.loads(raw)["sig"])
        except (ValueError, KeyError, TypeError):
            continue
    return ""
