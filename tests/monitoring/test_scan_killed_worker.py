"""A scan survives a worker that dies mid-chunk: the chunk it left running is queued again
through the real Redis broker, a real worker finishes it, and no item is scored twice."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.utils import timezone

from netral.jobs.models import PendingJob
from netral.monitoring import scoring
from netral.monitoring.models import Item, ScanChunk
from tests import celery_pools
from tests.foundation.test_jobs import REDIS_URL
from tests.monitoring.conftest import post


class WorkerKilled(BaseException):
    """Stands for SIGKILL between two batches: nothing after it runs, no handler cleans up."""


@pytest.mark.celery_redis
def test_a_chunk_left_by_a_killed_worker_is_finished_once_through_redis(
    transactional_demo: None,
    make_items: Callable[..., list[Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from celery.contrib.testing.worker import start_worker

    from netral.celery import app

    items = make_items([post(n, text=f"Unggahan {n} tentang apel pagi") for n in range(1, 13)])
    ids = [i.pk for i in items]
    Item.objects.filter(pk__in=ids).update(scored_version="", scored_at=None)  # due again
    chunk = ScanChunk.objects.create(
        first_id=ids[0], last_id=ids[-1], version=scoring.model_version()
    )
    monkeypatch.setattr(scoring, "STEP", 5)  # three batches in the chunk
    scored: Counter[int] = Counter()
    real = scoring.items_score
    die_after_first = True

    def counting(batch: Sequence[Item], **kwargs: Any) -> int:
        nonlocal die_after_first
        done = real(batch, **kwargs)
        scored.update(i.pk for i in batch)
        if die_after_first:
            die_after_first = False
            raise WorkerKilled
        return done

    monkeypatch.setattr(scoring, "items_score", counting)

    # The first worker takes the chunk, commits one batch of five, and dies.
    with pytest.raises(WorkerKilled):
        scoring.chunk_score(chunk.pk)
    chunk.refresh_from_db()
    assert chunk.status == ScanChunk.Status.RUNNING and sum(scored.values()) == 5
    assert Item.objects.filter(pk__in=ids, scored_version=chunk.version).count() == 5

    # Nothing is picked up while the chunk could still be alive; once stale, the scheduled
    # resume hands it to a real worker through Redis.
    ScanChunk.objects.filter(pk=chunk.pk).update(
        started_at=timezone.now() - scoring.STALE - dt.timedelta(minutes=1)
    )
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    celery_pools.reset()  # the pools were built for the in-memory broker: publish to Redis
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            assert scoring.scan_resume() == 1
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                chunk.refresh_from_db()
                if chunk.status == ScanChunk.Status.DONE:
                    break
                time.sleep(0.1)
    finally:
        app.conf.update(broker_url="memory://localhost/", task_always_eager=True)
        celery_pools.reset()

    assert not PendingJob.objects.exists()  # published, not parked for want of a broker
    assert chunk.status == ScanChunk.Status.DONE
    assert Item.objects.filter(pk__in=ids, scored_version=chunk.version).count() == len(ids)
    assert set(scored) == set(ids) and max(scored.values()) == 1  # each item scored once
    assert scoring.scan_resume() == 0  # a finished chunk is never queued again
