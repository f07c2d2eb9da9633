from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from netral.audit.models import AppendOnlyError, AuditEntry
from netral.audit.services import log_action, verify_chain

# Tampering "behind the app's back": raw SQL, as a DBA or an attacker with DB access would.
UPDATE_DATA = f"UPDATE {AuditEntry._meta.db_table} SET data_json = %s WHERE id = %s"  # noqa: S608
DELETE_ONE = f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s"  # noqa: S608


def _append(n: int) -> list[AuditEntry]:
    with transaction.atomic():
        return [log_action(None, "test.event", data={"i": i, "note": "ümlaut ✓"}) for i in range(n)]


@pytest.mark.django_db
def test_intact_chain_verifies(capsys):
    _append(3)
    call_command("audit", "verify")
    assert "jejak audit utuh" in capsys.readouterr().out
    call_command("audit", "--lang", "en", "verify")
    assert "audit trail intact" in capsys.readouterr().out
    assert verify_chain().ok


@pytest.mark.django_db
def test_each_entry_carries_the_hash_of_the_one_before():
    a, b = _append(2)
    # one transaction writes one shard: b follows a there
    assert b.shard == a.shard and b.shard_seq == a.shard_seq + 1
    assert b.prev_hash == a.hash and b.seq > a.seq


@pytest.mark.django_db
def test_row_edited_in_the_database_breaks_the_chain_at_that_entry():
    entries = _append(4)
    victim = entries[1]
    with connection.cursor() as cursor:
        cursor.execute(
            UPDATE_DATA,
            ['{"i":99}', victim.pk],
        )
    report = verify_chain()
    assert not report.ok and report.broken_seq == victim.seq
    with pytest.raises(CommandError, match=f"entry #{victim.seq} .* was changed"):
        call_command("audit", "--lang", "en", "verify")
    with pytest.raises(CommandError, match=f"entri #{victim.seq} .* diubah setelah ditulis"):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_row_deleted_in_the_database_is_named():
    entries = _append(4)
    victim = entries[2]
    with connection.cursor() as cursor:
        cursor.execute(DELETE_ONE, [victim.pk])
    report = verify_chain()
    assert not report.ok and (report.shard, report.shard_seq) == (victim.shard, victim.shard_seq)
    assert "hilang" in report.reason


@pytest.mark.django_db
def test_entries_cut_off_the_end_are_detected():
    entries = _append(3)
    with connection.cursor() as cursor:
        cursor.execute(DELETE_ONE, [entries[-1].pk])
    assert not verify_chain().ok


@pytest.mark.django_db
def test_application_code_cannot_edit_or_delete_entries():
    (entry,) = _append(1)
    entry.action = "forged"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


@pytest.mark.django_db
def test_log_action_refuses_to_run_outside_a_transaction():
    from django.db.transaction import get_connection

    conn = get_connection()
    saved = conn.in_atomic_block
    conn.in_atomic_block = False  # pytest-django wraps tests in a transaction; pretend not
    try:
        with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
            log_action(None, "test.outside")
    finally:
        conn.in_atomic_block = saved


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_audit_entry():
    before = AuditEntry.objects.count()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        log_action(None, "test.rolled_back")
        1 / 0  # noqa: B018
    assert AuditEntry.objects.count() == before
    assert verify_chain().ok
