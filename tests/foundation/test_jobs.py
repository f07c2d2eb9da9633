"""Background jobs: after commit, in-process by default, and through a real Redis broker."""

from __future__ import annotations

import os
import time

import pytest
from django.core import mail
from django.db import transaction

from netral.notifications.services import notify

REDIS_URL = os.environ.get("NETRAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.mark.django_db
def test_job_runs_only_after_the_transaction_commits(persona, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            notify([persona("bawaslu_oku").pk], subject="Laporan baru", body="Ada laporan baru.")
            assert mail.outbox == []  # nothing leaves before commit
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["bawaslu_oku@demo.netral.invalid"]]


@pytest.mark.django_db
def test_a_rolled_back_transaction_sends_nothing(persona, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notify([persona("bawaslu_oku").pk], subject="x", body="y")
            raise RuntimeError("rollback")
    assert callbacks == [] and mail.outbox == []


@pytest.mark.celery_redis
def test_a_real_worker_runs_the_job_through_redis(transactional_demo, persona, settings):
    """The production path: the web process enqueues into Redis, a worker picks it up."""
    from celery.contrib.testing.worker import start_worker

    from netral.celery import app
    from netral.notifications.tasks import notify_users

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()  # the demo loader's own notifications
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    try:
        with (
            start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10),
            app.connection_for_write(REDIS_URL) as connection,
        ):
            notify_users.apply_async(
                ([persona("ppk_oku").pk], "Pengingat", "Tenggat SK."),
                connection=connection,  # type: ignore[call-arg]  # accepted, missing in the stubs
            )
            deadline = time.monotonic() + 20
            while not mail.outbox and time.monotonic() < deadline:
                time.sleep(0.05)
        assert [m.subject for m in mail.outbox] == ["Pengingat"]
    finally:
        app.conf.update(broker_url="memory://localhost/", task_always_eager=True)


def test_every_scheduled_task_is_registered_when_a_worker_starts():
    """`netral worker --beat` discovers the tasks modules first; a schedule entry naming a task
    nobody registered would fail at its first run, an hour after start-up."""
    from django.conf import settings as configured

    from netral.celery import app

    app.autodiscover_tasks(force=True)
    scheduled = {entry["task"] for entry in configured.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled and scheduled <= set(app.tasks)
