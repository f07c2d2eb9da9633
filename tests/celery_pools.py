"""Celery's broker pools, made usable again between tests.

The app's connection pool and its producer pool both come from kombu's process-wide registry
(`kombu.pools.connections` / `kombu.pools.producers`), keyed by broker URL. Closing a pool (a
stopped test worker does, and so does a test that points the app at a dead broker) leaves the
closed object in that registry: forgetting the app's reference is not enough, the next lookup
hands back the same closed pool, and even an eager task fails with 'Acquire on closed pool'.
"""

from __future__ import annotations

from typing import Any

from kombu import pools

from netral.celery import app as celery_app


def _closed(resource: Any) -> bool:
    return resource is not None and bool(getattr(resource, "_closed", False))


def reset() -> None:
    """Close every broker pool and empty kombu's registry; the next task builds fresh ones."""
    app: Any = celery_app  # the pools are private attributes the stubs do not describe
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def reopen_if_closed() -> None:
    app: Any = celery_app
    producers = app.amqp._producer_pool
    registered = [p for group in (pools.connections, pools.producers) for p in group.values()]
    if (
        _closed(app._pool)
        or _closed(producers)
        or (producers is not None and _closed(producers.connections))
        or any(_closed(p) or _closed(getattr(p, "connections", None)) for p in registered)
    ):
        reset()
