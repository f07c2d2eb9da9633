"""Long jobs without a broker run in a thread: the request that starts one answers before the
job ends, and a job that fails there is parked in the backlog like any other."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from celery import shared_task

from netral.jobs.backlog import dispatch_in_thread
from netral.jobs.models import PendingJob

started = threading.Event()
release = threading.Event()
finished = threading.Event()


@shared_task(name="tests.long_job")
def long_job(fail: bool) -> None:
    started.set()
    release.wait(10)
    finished.set()
    if fail:
        raise RuntimeError("the mail server is away")


@pytest.fixture
def in_threads(settings: Any) -> None:
    settings.JOBS_LONG_IN_THREAD = True
    for event in (started, release, finished):
        event.clear()


@pytest.mark.django_db(transaction=True)
def test_the_caller_goes_on_while_the_job_runs(in_threads: None) -> None:
    thread = dispatch_in_thread(long_job, [False], {})
    assert thread is not None and started.wait(5)
    assert thread.is_alive() and not finished.is_set()  # the caller is back, the job is not
    release.set()
    thread.join(10)
    assert finished.is_set() and not PendingJob.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_job_that_fails_in_its_thread_is_parked(in_threads: None) -> None:
    release.set()
    thread = dispatch_in_thread(long_job, [True], {})
    assert thread is not None
    thread.join(10)
    parked = PendingJob.objects.get()
    assert parked.task == "tests.long_job" and "mail server" in parked.last_error


@pytest.mark.django_db
def test_tests_and_brokers_keep_the_plain_path(settings: Any) -> None:
    settings.JOBS_LONG_IN_THREAD = False
    finished.clear()
    release.set()
    assert dispatch_in_thread(long_job, [False], {}) is None and finished.is_set()
