"""Entries written by the single chain (before shards and the key) still verify after the
migration, in shard 0; the first keyed entry and the first checkpoint then hold them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from netral.audit import anchors
from netral.audit.chain import canonical_json, entry_hash
from netral.audit.services import log_action, verify_chain
from tests.audit.forge import edit_and_rehash

BEFORE = [("audit", "0001_initial")]


def _old_chain(apps: Any, n: int) -> None:
    """What the single-chain code wrote: seq 1..n, plain SHA-256, head row 1."""
    entry, head = apps.get_model("audit", "AuditEntry"), apps.get_model("audit", "AuditHead")
    prev = "0" * 64
    at = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)
    for seq in range(1, n + 1):
        fields = {
            "seq": seq,
            "at": at + dt.timedelta(minutes=seq),
            "actor_id": None,
            "actor_label": "sistem",
            "action": "old.event",
            "object_type": "",
            "object_id": "",
            "province_code": "",
            "regency_code": "",
            "data_json": canonical_json({"n": seq}),
            "prev_hash": prev,
        }
        prev = entry_hash(**fields)
        entry.objects.create(hash=prev, **fields)
    head.objects.create(id=1, last_seq=n, last_hash=prev)


@pytest.fixture
def migrated_from_one_chain(transactional_db: None) -> None:
    with connection.cursor() as cursor:  # whatever earlier tests left: keyed entries
        cursor.execute("DELETE FROM audit_auditentry")
        cursor.execute("DELETE FROM audit_audithead")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    _old_chain(MigrationExecutor(connection).loader.project_state(BEFORE).apps, 5)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_old_entries_verify_after_the_migration_and_new_ones_chain_on(
    migrated_from_one_chain: None, django_db_blocker: Any
) -> None:
    from django.db import transaction

    from netral.audit.models import AuditEntry, AuditHead

    assert verify_chain().ok and verify_chain().checked == 5
    old = list(AuditEntry.objects.order_by("seq"))
    assert [(e.shard, e.shard_seq, e.scheme) for e in old] == [(0, i, 1) for i in range(1, 6)]
    assert AuditHead.objects.get(id=0).last_seq == 5
    with transaction.atomic():
        new = log_action(None, "new.event", actor_label="sistem")
    assert new.seq > 5
    checkpoint = anchors.write()
    assert checkpoint is not None and checkpoint.legacy == 5
    assert verify_chain().ok


def test_old_entries_rewritten_after_the_first_checkpoint_are_caught(
    migrated_from_one_chain: None,
) -> None:
    anchors.write()
    # The old function needs no key: the attacker re-hashes the whole old chain consistently.
    edit_and_rehash(0, 2, '{"n":"forged"}', how="legacy")
    report = verify_chain()
    assert not report.ok and "ditulis ulang" in report.reason
