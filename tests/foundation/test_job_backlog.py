"""The job backlog: back-off, giving up, one run per job across processes, a broker that is
down (Redis stopped) keeping jobs waiting with a clear log line instead of a server error."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from netral.jobs import backlog
from netral.jobs.models import PendingJob
from netral.notifications.services import notify
from tests import celery_pools
from tests.conftest import closed_port

pytestmark = pytest.mark.django_db


def _enqueue_one(persona: Any, capture: Any) -> None:
    with capture(execute=True), transaction.atomic():
        notify([persona("bawaslu_oku").pk], subject="Laporan baru", body="Ada laporan baru.")


def test_a_job_that_keeps_failing_backs_off_then_gives_up(
    smtp_down: None, persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _enqueue_one(persona, django_capture_on_commit_callbacks)
    job = PendingJob.objects.get()
    waits = []
    while job.state == PendingJob.State.WAITING:
        PendingJob.objects.filter(pk=job.pk).update(next_try_at=timezone.now())
        before = timezone.now()
        backlog.drain()
        job.refresh_from_db()
        waits.append(round((job.next_try_at - before).total_seconds() / 60))
    assert job.attempts == backlog.MAX_ATTEMPTS
    assert waits[:4] == [2, 4, 8, 16]  # minutes: exponential back-off
    assert job.state == PendingJob.State.FAILED  # listed for an administrator, tried no more
    assert backlog.drain(everything=True) == (0, 0)


def test_a_job_claimed_by_another_process_is_not_run_twice(
    smtp_down: None, persona: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _enqueue_one(persona, django_capture_on_commit_callbacks)
    job = PendingJob.objects.get()
    PendingJob.objects.filter(pk=job.pk).update(
        next_try_at=timezone.now(), claimed_until=timezone.now() + dt.timedelta(minutes=5)
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert backlog.drain() == (0, 0) and mail.outbox == []
    PendingJob.objects.filter(pk=job.pk).update(claimed_until=timezone.now())
    assert backlog.drain() == (1, 0) and len(mail.outbox) == 1


@pytest.fixture
def broker_down(settings: Any) -> Any:
    """A Redis broker URL on a loopback port where no Redis runs (Redis stopped)."""
    from netral.celery import app

    url = f"redis://127.0.0.1:{closed_port()}/0"
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.update(
        broker_url=url,
        task_always_eager=False,
        broker_connection_retry=False,
        broker_connection_max_retries=0,
    )
    _fresh_pools(app)
    try:
        yield url
    finally:
        app.conf.update(**saved)
        _fresh_pools(app)


def _fresh_pools(app: Any) -> None:
    """Close the app's broker connections and forget the pools (kombu's registry too), so the
    next task (even an eager one, which still borrows a producer) builds new ones for the current
    broker URL."""
    celery_pools.reset()


def test_redis_down_pages_serve_and_jobs_wait_with_a_clear_log_line(
    broker_down: str,
    persona: Any,
    client_for: Any,
    caplog: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with caplog.at_level(logging.WARNING, logger="netral.jobs"):
        _enqueue_one(persona, django_capture_on_commit_callbacks)
    job = PendingJob.objects.get()
    assert job.attempts == 0 and job.state == PendingJob.State.WAITING
    assert "the broker is unreachable" in caplog.text and "waits in the backlog" in caplog.text
    assert client_for("bawaslu_oku").get("/staf/perkara/").status_code == 200
    # Still down: one try, the job stays, and the rest are not hammered.
    assert backlog.drain(everything=True) == (0, 1)
    assert PendingJob.objects.get().attempts == 1


def test_a_pool_closed_by_one_test_is_reopened_for_the_next() -> None:
    """Stopping a worker closes kombu's registered pools; the next eager task must still run
    (CI failed once with 'Acquire on closed pool' in an unrelated test after such a test)."""
    from kombu import pools

    from netral.celery import app

    app.amqp.producer_pool  # noqa: B018  # registers the pools for the current broker
    for group in (pools.connections, pools.producers):
        for pool in group.values():
            pool.force_close_all()  # what a stopped worker leaves behind, registry kept
    celery_pools.reopen_if_closed()  # the autouse fixture's step before every test
    with app.producer_or_acquire() as producer:
        assert producer is not None
