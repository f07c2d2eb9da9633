"""Issue 10 item 6: several chains, so that unrelated audited writes do not queue behind one
lock; a transaction keeps to one chain; readers still get every entry since last time."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections, transaction

from netral.accounts.models import User
from netral.audit import cursor
from netral.audit.chain import shard_for
from netral.audit.models import AuditEntry, AuditHead
from netral.audit.services import log_action, verify_chain


def _write(label: str) -> AuditEntry:
    with transaction.atomic():
        return log_action(None, "test.event", actor_label=label)


@pytest.mark.django_db(transaction=True)
def test_unrelated_writes_spread_over_shards_and_all_verify() -> None:
    entries = [_write(f"writer-{i}") for i in range(40)]
    shards = {e.shard for e in entries}
    assert len(shards) > 8  # 40 keys over 16 shards
    assert all(e.shard == shard_for(f"writer-{i}", 16) for i, e in enumerate(entries))
    assert sorted(e.seq for e in entries) == [e.seq for e in entries]  # seq still rises
    assert AuditHead.objects.filter(last_seq__gt=0).count() == len(shards)
    report = verify_chain()
    assert report.ok and report.checked == 40 and report.shards == len(shards)


@pytest.mark.django_db(transaction=True)
def test_one_transaction_writes_one_shard_whatever_objects_it_names() -> None:
    users = [User.objects.create_user(f"u{i}") for i in range(6)]
    with transaction.atomic():
        entries = [log_action(None, "test.touch", u) for u in users]
    assert len({e.shard for e in entries}) == 1
    assert [e.shard_seq for e in entries] == list(range(1, 7))
    assert verify_chain().ok


@pytest.mark.django_db
def test_the_cursor_reads_each_entry_once() -> None:
    start = cursor.now()
    first = [log_action(None, "test.a", actor_label="a")]
    middle = cursor.now()
    second = [log_action(None, "test.b", actor_label="b") for _ in range(2)]
    end = cursor.now()
    assert list(cursor.between(start, middle)) == first
    assert list(cursor.between(middle, end).order_by("seq")) == second
    assert not cursor.between(end, end).exists()
    assert cursor.Position.decode(end.encode()) == end
    assert cursor.Position.decode("nonsense") == cursor.START


@pytest.fixture
def _postgres(transactional_db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers")


@pytest.mark.postgres_only
def test_a_writer_holding_its_shard_does_not_hold_up_another_shard(
    _postgres: None, settings: Any
) -> None:
    """Before the shards, the second writer waited for the first one's commit."""
    labels = [
        "writer-0",
        next(
            f"writer-{i}"
            for i in range(1, 99)
            if shard_for(f"writer-{i}", 16) != shard_for("writer-0", 16)
        ),
    ]
    holding, done = threading.Event(), threading.Event()
    release = threading.Event()

    def first() -> None:
        try:
            with transaction.atomic():
                log_action(None, "test.slow", actor_label=labels[0])
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    def second() -> None:
        try:
            holding.wait(10)
            _write(labels[1])
            done.set()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    finished_while_held = done.wait(10)
    release.set()
    for t in threads:
        t.join()
    assert finished_while_held
    assert verify_chain().ok


@pytest.mark.postgres_only
def test_a_late_commit_with_a_smaller_number_is_not_skipped_by_the_cursor(_postgres: None) -> None:
    """The hazard of reading "seq > last seen": the cursor reads by shard instead."""
    labels = [
        "writer-0",
        next(
            f"writer-{i}"
            for i in range(1, 99)
            if shard_for(f"writer-{i}", 16) != shard_for("writer-0", 16)
        ),
    ]
    holding, release = threading.Event(), threading.Event()
    early_seq: list[int] = []

    def slow() -> None:
        try:
            with transaction.atomic():
                early_seq.append(log_action(None, "test.slow", actor_label=labels[0]).seq)
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    start = cursor.now()
    thread = threading.Thread(target=slow)
    thread.start()
    holding.wait(10)
    later = _write(labels[1])
    seen = cursor.now()
    assert list(cursor.between(start, seen)) == [later]
    release.set()
    thread.join()
    assert early_seq[0] < later.seq
    rest = list(cursor.between(seen, cursor.now()))
    assert [e.seq for e in rest] == early_seq


@pytest.mark.django_db
def test_a_rolled_back_savepoint_frees_its_shard_choice() -> None:
    with transaction.atomic():
        with pytest.raises(ZeroDivisionError), transaction.atomic():
            log_action(None, "test.undone", actor_label="writer-0")
            1 / 0  # noqa: B018
        kept = log_action(None, "test.kept", actor_label="writer-1")
        again = log_action(None, "test.kept", actor_label="writer-0")
    assert kept.shard == shard_for("writer-1", 16) == again.shard
    assert verify_chain().ok
