"""Issue 11 item 5: the two forgeries that passed `netral audit verify` before the chain had a
key and anchors outside the database, and what the anchors themselves withstand."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from netral.audit import anchors
from netral.audit.chain import audit_key
from netral.audit.models import AuditEntry
from netral.audit.services import log_action, verify_chain
from tests.audit.forge import cut_tail_and_move_head_back, edit_and_rehash

pytestmark = pytest.mark.django_db


def _append(n: int, what: str = "test.event") -> list[AuditEntry]:
    with transaction.atomic():
        return [log_action(None, what, data={"i": i}) for i in range(n)]


def test_tail_cut_and_head_moved_back_is_caught_by_the_checkpoint() -> None:
    entries = _append(5)
    shard = entries[0].shard
    assert anchors.write() is not None
    cut_tail_and_move_head_back(shard, keep=entries[2].shard_seq)
    report = verify_chain()
    assert not report.ok
    assert (report.shard, report.shard_seq) == (shard, entries[3].shard_seq)
    assert "dipotong" in report.reason and "titik periksa 1" in report.reason
    with pytest.raises(CommandError, match=r"checkpoint 1 .* entries were cut off"):
        call_command("audit", "--lang", "en", "verify")


def test_without_its_head_moved_back_a_cut_shows_even_before_any_checkpoint() -> None:
    entries = _append(4)
    from tests.audit.forge import ENTRIES, sql

    sql(f"DELETE FROM {ENTRIES} WHERE id = %s", [entries[-1].pk])  # noqa: S608
    report = verify_chain()
    assert not report.ok
    assert f"ujung rantai menyebut nomor {entries[-1].shard_seq}" in report.reason


@pytest.mark.parametrize("how", ["guess", "legacy"])
def test_entry_edited_and_every_later_one_rehashed_without_the_key_is_caught(how: str) -> None:
    entries = _append(5)
    shard, victim = entries[0].shard, entries[1]
    edit_and_rehash(shard, victim.shard_seq, '{"i":"forged"}', how=how)
    report = verify_chain()
    assert not report.ok and report.broken_seq == victim.seq
    assert "kunci" in report.reason if how == "legacy" else "diubah" in report.reason


def test_a_rewrite_with_the_key_itself_is_still_caught_by_a_checkpoint() -> None:
    entries = _append(5)
    shard, victim = entries[0].shard, entries[2]
    anchors.write()
    edit_and_rehash(shard, victim.shard_seq, '{"i":"forged"}', how="guess", key=audit_key())
    report = verify_chain()
    # found at the last entry the checkpoint holds: the key re-links the chain, not the anchor
    assert not report.ok and report.shard_seq == entries[-1].shard_seq
    assert "ditulis ulang" in report.reason


def test_checkpoints_are_an_owner_only_file_that_only_grows(settings: Any) -> None:
    _append(2)
    first = anchors.write()
    assert anchors.write() is None  # nothing new: nothing written
    _append(1)
    second = anchors.write()
    assert first and second and second.prev == first.sig and second.number == 2
    where = anchors.path()
    assert Path(settings.AUDIT_ANCHOR_DIR) in where.parents
    assert stat.S_IMODE(where.stat().st_mode) == 0o600
    assert len(where.read_text().splitlines()) == 2
    assert verify_chain().ok and verify_chain().checkpoints == 2


def test_an_edited_checkpoint_line_is_named() -> None:
    entries = _append(3)
    anchors.write()
    where = anchors.path()
    line = json.loads(where.read_text())
    line["heads"][str(entries[0].shard)][0] = 2  # pretend the chain was shorter
    where.write_text(json.dumps(line) + "\n")
    report = verify_chain()
    assert not report.ok and "baris 1" in report.reason and "tanda tangan" in report.reason


def test_a_checkpoint_line_taken_out_of_the_middle_is_named() -> None:
    for _ in range(3):
        _append(1)
        anchors.write(force=True)
    where = anchors.path()
    lines = where.read_text().splitlines()
    where.write_text("\n".join([lines[0], lines[2]]) + "\n")
    report = verify_chain()
    assert not report.ok and "baris 2" in report.reason


def test_an_unreadable_checkpoint_file_is_a_message_not_a_traceback() -> None:
    _append(1)
    where = anchors.path()
    where.parent.mkdir(parents=True, exist_ok=True)
    where.write_bytes(b"\xff\xfe not json")
    with pytest.raises(CommandError, match="tidak bisa dibaca"):
        call_command("audit", "verify")


def test_the_checkpoint_command_writes_and_mails(
    mailoutbox: Any, capsys: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from netral.accounts.models import StaffRole, User
    from netral.accounts.roles import Role

    supervisor = User.objects.create_user("pengawas_x", email="pengawas@example.go.id")
    StaffRole.objects.create(user=supervisor, role=Role.SUPERVISOR)
    _append(2)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("audit", "checkpoint", "--mail")
    out = capsys.readouterr().out
    supervisors = (
        User.objects.filter(roles__role=Role.SUPERVISOR, is_active=True)
        .exclude(email="")
        .distinct()
    )
    assert "titik periksa 1 ditulis" in out and f"dikirim ke {supervisors.count()} pengawas" in out
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in supervisors)
    assert "pengawas@example.go.id" in [m.to[0] for m in mailoutbox]
    assert all(anchors.path().read_text().strip() in m.body for m in mailoutbox)
    call_command("audit", "checkpoint")
    assert "tidak ada entri baru" in capsys.readouterr().out


def test_verify_says_what_is_not_yet_anchored(capsys: Any) -> None:
    _append(2)
    call_command("audit", "verify")
    assert "belum ada titik periksa" in capsys.readouterr().out
    anchors.write()
    _append(3, "test.later")
    call_command("audit", "--lang", "en", "verify")
    out = capsys.readouterr().out
    assert "matching 1 checkpoints" in out and "3 entries were written after" in out
