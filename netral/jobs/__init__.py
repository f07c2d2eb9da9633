"""Background jobs, the way every part of Netral enqueues them: after commit, with ids.

A job enqueued inside a transaction that later rolls back must not run, and a worker must never
see a row that is not committed yet; so jobs go out in `transaction.on_commit`. They carry ids,
never model instances, so that a worker reads the current row through the access layer.

A job never breaks the request that committed its work: when it fails in-process (no broker)
or cannot be handed to the broker (Redis down), it is logged and kept in the job backlog
(`netral.jobs.models.PendingJob`), retried with back-off, and listed for administrators in
/admin/jobs/pendingjob/ (see `netral.jobs.backlog`).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction


def enqueue(task: Any, *args: Any, **kwargs: Any) -> None:
    from netral.jobs.backlog import dispatch

    # robust: even a failure of the backlog itself (say, the database gone after commit) is
    # logged by Django instead of turning a committed request into a server error.
    transaction.on_commit(lambda: dispatch(task, args, kwargs), robust=True)


def enqueue_long(task: Any, *args: Any, **kwargs: Any) -> None:
    """A job that may run for minutes (a registry import, a large export). With a broker it is
    published like any job; without one it runs in a thread of this process after commit, so
    the request that started it answers at once and its page can show the progress instead of
    the browser waiting (and a proxy timing out) until the job is done."""
    from netral.jobs.backlog import dispatch_in_thread

    transaction.on_commit(lambda: dispatch_in_thread(task, args, kwargs), robust=True)
