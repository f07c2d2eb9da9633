"""Enqueue background jobs the way every part of Netral should: after commit, with ids.

A job enqueued inside a transaction that later rolls back must not run, and a worker must never
see a row that is not committed yet; so jobs go out in `transaction.on_commit`. They carry ids,
never model instances, so that a worker reads the current row through the access layer.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction


def enqueue(task: Any, *args: Any, **kwargs: Any) -> None:
    transaction.on_commit(lambda: task.delay(*args, **kwargs))
