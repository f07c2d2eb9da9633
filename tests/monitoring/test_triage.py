"""Triage: the queue's order, batches locked to one monitor and released after 10 idle
minutes, marks on a cluster, and the audit of each mark."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from netral.audit.models import AuditEntry
from netral.monitoring import triage
from netral.monitoring.models import Item, TriageBatch
from tests.monitoring.conftest import POST, post

pytestmark = pytest.mark.django_db
ONLY = triage.Filters(source="tes-api")


def test_the_queue_puts_tied_accounts_first_then_score_then_recency(
    make_items: Callable[..., list[Any]], persona: Callable[[str], Any]
) -> None:
    a, b, c = make_items([post(1), post(2), post(3)])
    Item.objects.filter(pk=a.pk).update(score=0.9)
    Item.objects.filter(pk=b.pk).update(score=0.2, tied=True)
    Item.objects.filter(pk=c.pk).update(score=0.95)
    order = [i.pk for i in triage.queue(persona("monitor_oku"), ONLY)]
    assert order == [b.pk, c.pk, a.pk]


def test_a_batch_is_locked_to_its_monitor_and_freed_after_ten_idle_minutes(
    make_items: Callable[..., list[Any]], persona: Callable[[str], Any]
) -> None:
    items = make_items([post(n) for n in range(1, 31)])
    monitor, officer = persona("monitor_oku"), persona("bawaslu_oku")
    first = triage.batch_take(actor=monitor, filters=ONLY)
    mine = set(first.items.values_list("pk", flat=True))
    assert len(mine) == 25
    assert triage.batch_take(actor=monitor, filters=ONLY).pk == first.pk  # a second click
    other = triage.batch_take(actor=officer, filters=ONLY)
    theirs = set(other.items.values_list("pk", flat=True))
    assert len(theirs) == 5 and not mine & theirs
    with pytest.raises(ValidationError, match="petugas lain"):
        triage.items_mark(actor=officer, item_ids=[min(mine)], state="relevant")
    TriageBatch.objects.filter(pk=first.pk).update(
        touched_at=timezone.now() - dt.timedelta(minutes=11)
    )
    triage.batch_release(actor=officer, batch_id=other.pk)
    again = triage.batch_take(actor=officer, filters=ONLY)
    assert set(again.items.values_list("pk", flat=True)) <= {i.pk for i in items}
    assert len(again.items.all()) == 25


def test_marking_keeps_the_batch_alive_and_is_audited(
    make_items: Callable[..., list[Any]], persona: Callable[[str], Any]
) -> None:
    make_items([post(1), post(2)])
    monitor = persona("monitor_oku")
    batch = triage.batch_take(actor=monitor, filters=ONLY)
    ids = list(batch.items.values_list("pk", flat=True))
    triage.items_mark(actor=monitor, item_ids=ids, state="not_relevant", note="berita biasa")
    assert set(Item.objects.filter(pk__in=ids).values_list("state", flat=True)) == {"not_relevant"}
    marks = AuditEntry.objects.filter(action="monitoring.mark", object_id__in=[str(i) for i in ids])
    assert marks.count() == 2
    # everything marked: the next click takes a new batch (none left here)
    assert triage.batch_take(actor=monitor, filters=ONLY).pk != batch.pk


def test_a_cluster_is_triaged_once_through_its_head_and_can_be_undone(
    make_items: Callable[..., list[Any]], persona: Callable[[str], Any]
) -> None:
    from netral.monitoring.clusters import cluster_remove

    items = make_items([post(n, text=POST + (" !" * n)) for n in range(1, 5)])
    assert len({i.cluster_id for i in items}) == 1 and items[0].cluster_id is not None
    head = [i for i in items if i.primary]
    assert [h.pk for h in head] == [items[0].pk]
    monitor = persona("monitor_oku")
    assert [i.pk for i in triage.queue(monitor, ONLY)] == [items[0].pk]
    triage.items_mark(actor=monitor, item_ids=[items[0].pk], state="relevant")
    assert set(
        Item.objects.filter(cluster_id=items[0].cluster_id).values_list("state", flat=True)
    ) == {"relevant"}
    out = cluster_remove(actor=monitor, item_id=items[2].pk)
    assert out.cluster_id is None and out.unclustered
    assert AuditEntry.objects.filter(action="monitoring.cluster_remove").exists()
    # a later copy does not pull the removed item back in
    (late,) = make_items([post(9, text=POST + " !! !!")])
    assert late.cluster_id == items[0].cluster_id
    assert Item.objects.get(pk=items[2].pk).cluster_id is None
    assert late.state == "relevant"  # joins a triaged cluster: takes the head's mark


def test_outsiders_cannot_take_batches(persona: Callable[[str], Any]) -> None:
    from django.core.exceptions import PermissionDenied

    for name in ("analyst", "ppk_oku", "bkn"):
        with pytest.raises(PermissionDenied):
            triage.batch_take(actor=persona(name))


def test_large_counts_are_kept_until_a_new_item_or_mark_and_small_ones_never(
    make_items: Callable[..., list[Any]], persona: Callable[[str], Any], monkeypatch: Any
) -> None:
    monkeypatch.setattr(triage, "COUNTS_KEPT_FROM", 0)  # every count is "large" here
    a, b, c = make_items([post(1), post(2), post(3)])
    officer = persona("bawaslu_oku")
    before = triage.counts(officer, ONLY)
    assert before["new"] == 3
    # A change that moves neither the newest item, mark nor score (as a deletion by
    # retention): the kept counts stand, for a minute at most.
    Item.objects.filter(pk=a.pk).update(state="not_relevant")
    assert triage.counts(officer, ONLY) == before
    # A mark is counted at once, and so is a new item.
    triage.items_mark(actor=officer, item_ids=[b.pk], state="relevant")
    after = triage.counts(officer, ONLY)
    assert (after["new"], after["relevant"], after["not_relevant"]) == (1, 1, 1)
    make_items([post(4)])
    assert triage.counts(officer, ONLY)["new"] == 2

    # Counts over fewer items than the threshold are counted every time.
    monkeypatch.setattr(triage, "COUNTS_KEPT_FROM", 50_000)
    facebook = triage.Filters(source="tes-api", platform="facebook")
    assert triage.counts(officer, facebook)["new"] == 2
    Item.objects.filter(pk=c.pk).update(state="not_relevant")
    assert triage.counts(officer, facebook)["new"] == 1
