"""Running jobs so that a failure never reaches the request, and retrying what failed.

- No broker (the embedded default): the job runs in this process right after commit, once.
  If it raises (the mail server is down), the error is logged and the job is parked in the
  backlog.
- A broker: the job is published. If the broker cannot be reached (Redis down), the job is
  parked in the backlog with a clear log line and published when the broker is back.
- `drain()` retries parked jobs whose time has come, with exponential back-off, and gives up
  after MAX_ATTEMPTS (the job stays listed as failed for administrators). It runs in a thread
  of every web process (`start_drain_thread`), as the beat task `netral.jobs.drain`, and as
  `netral jobs retry`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import timezone

from netral.jobs.models import PendingJob

log = logging.getLogger("netral.jobs")

MAX_ATTEMPTS = 8
CLAIM_FOR = dt.timedelta(minutes=10)
DRAIN_INTERVAL_SECONDS = 60.0


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4, … minutes after each failure, at most six hours."""
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


_discovered = threading.Event()


def _app() -> Any:
    """Netral's Celery app with every app's tasks module imported (a web process imports them
    only when something enqueues, yet the backlog and the schedule look tasks up by name)."""
    from netral.celery import app

    if not _discovered.is_set():
        app.autodiscover_tasks(force=True)
        _discovered.set()
    return app


def _in_process() -> bool:
    return bool(_app().conf.task_always_eager)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def dispatch(task: Any, args: Sequence[Any], kwargs: dict[str, Any]) -> None:
    """Run or publish one job after commit; never raises (a failure is parked and logged)."""
    if not _in_process():
        try:
            task.apply_async(args=list(args), kwargs=kwargs)
            return
        except Exception as exc:
            job = park(task.name, args, kwargs, error=_describe(exc), attempts=0)
            log.warning(
                "netral.jobs: the broker is unreachable (%s); job %s waits in the "
                "backlog as #%s and is sent when the broker is back",
                _describe(exc)[:200],
                task.name,
                job.pk,
            )
            return
    try:
        # Called directly, a Celery task runs once here: its autoretry re-raises at once
        # instead of sleeping in the request. The backlog does the retrying.
        task(*args, **kwargs)
    except Exception as exc:
        job = park(task.name, args, kwargs, error=_describe(exc), attempts=1)
        log.error(
            "netral.jobs: job %s failed (%s); kept in the backlog as #%s, next try at %s",
            task.name,
            _describe(exc)[:200],
            job.pk,
            job.next_try_at.isoformat(),
            # The line says what failed and the backlog keeps it for administrators; the
            # traceback only at DEBUG, so that a command whose mail server is down ends with
            # a message, not a Python traceback.
            exc_info=log.isEnabledFor(logging.DEBUG),
        )


def dispatch_in_thread(
    task: Any, args: Sequence[Any], kwargs: dict[str, Any]
) -> threading.Thread | None:
    """`dispatch`, in a thread of its own when the job would run in this process (no broker);
    the thread's database connection is closed when the job ends. A job that fails there is
    parked in the backlog exactly as in `dispatch`."""
    if not _in_process() or not settings.JOBS_LONG_IN_THREAD:
        dispatch(task, args, kwargs)
        return None

    def run() -> None:
        try:
            dispatch(task, args, kwargs)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=f"netral-job-{task.name}", daemon=True)
    thread.start()
    return thread


def park(
    name: str, args: Sequence[Any], kwargs: dict[str, Any], *, error: str, attempts: int
) -> PendingJob:
    return PendingJob.objects.create(
        task=name,
        args_json=json.dumps(list(args), default=str),
        kwargs_json=json.dumps(kwargs, default=str),
        attempts=attempts,
        last_error=error,
        next_try_at=timezone.now() + (backoff(attempts) if attempts else dt.timedelta(0)),
    )


def on_worker_failure(
    sender: Any = None,
    exception: BaseException | None = None,
    args: Sequence[Any] = (),
    kwargs: dict[str, Any] | None = None,
    **_: Any,
) -> None:
    """Celery's task_failure signal: a worker spent the task's own retries."""
    name = getattr(sender, "name", str(sender))
    if name == "netral.jobs.drain":
        return
    job = park(
        name, args or (), kwargs or {}, error=_describe(exception or Exception()), attempts=1
    )
    log.error(
        "netral.jobs: job %s failed on a worker (%s); kept in the backlog as #%s",
        name,
        _describe(exception or Exception())[:200],
        job.pk,
    )


def _claim(pk: int, now: dt.datetime) -> bool:
    """Take the job for this process: one conditional UPDATE, safe on SQLite and PostgreSQL."""
    from django.db.models import Q

    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    return PendingJob.objects.filter(free, pk=pk).update(claimed_until=now + CLAIM_FOR) == 1


def drain(*, limit: int = 100, everything: bool = False) -> tuple[int, int]:
    """Retry the parked jobs that are due (or all waiting ones); returns (done, still failing)."""
    now = timezone.now()
    due = PendingJob.objects.filter(state=PendingJob.State.WAITING)
    if not everything:
        due = due.filter(next_try_at__lte=now)
    done = failing = 0
    for pk in list(due.order_by("next_try_at").values_list("pk", flat=True)[:limit]):
        if not _claim(pk, now):
            continue
        job = PendingJob.objects.get(pk=pk)
        if retry_one(job):
            done += 1
        else:
            failing += 1
            if not _in_process():
                break  # the broker is still down: the rest would fail the same way
    return done, failing


def retry_one(job: PendingJob) -> bool:
    """One more try of a parked job; True when it ran (or was handed to the broker)."""
    task = _app().tasks.get(job.task)
    try:
        if task is None:
            raise LookupError(f"no task is registered under the name {job.task!r}")
        if _in_process():
            task(*job.args, **job.kwargs)
        else:
            task.apply_async(args=job.args, kwargs=job.kwargs)
    except Exception as exc:
        _failed_again(job, exc)
        return False
    log.info("netral.jobs: job %s #%s done after %s failed tries", job.task, job.pk, job.attempts)
    job.delete()
    return True


def _failed_again(job: PendingJob, exc: Exception) -> None:
    job.attempts += 1
    job.last_error = _describe(exc)
    job.claimed_until = None
    if job.attempts >= MAX_ATTEMPTS:
        job.state = PendingJob.State.FAILED
        log.error(
            "netral.jobs: job %s #%s gave up after %s tries (%s); see /admin/jobs/",
            job.task,
            job.pk,
            job.attempts,
            job.last_error[:200],
        )
    else:
        job.next_try_at = timezone.now() + backoff(job.attempts)
        log.warning(
            "netral.jobs: job %s #%s failed again (%s); next try at %s",
            job.task,
            job.pk,
            job.last_error[:200],
            job.next_try_at.isoformat(),
        )
    job.save(update_fields=["attempts", "last_error", "claimed_until", "state", "next_try_at"])


def start_drain_thread(interval: float = DRAIN_INTERVAL_SECONDS) -> threading.Thread:
    """A daemon thread of each web process: every `interval` seconds it retries the backlog
    and, with no broker, runs the scheduled jobs that are due (netral.jobs.periodic)."""
    stop = threading.Event()

    def loop() -> None:
        from netral.jobs.periodic import run_due

        while not stop.wait(interval):
            try:
                close_old_connections()
                if _in_process():  # with a broker, Celery beat keeps the schedule
                    run_due()
                drain()
            except Exception:  # the database may be away for a moment: try next round
                log.exception("netral.jobs: draining the backlog failed")
            finally:
                close_old_connections()

    thread = threading.Thread(target=loop, name="netral-jobs-drain", daemon=True)
    thread.start()
    return thread
