"""The schedule without a broker: with no Celery beat, each web process runs the due entries
of CELERY_BEAT_SCHEDULE itself (the sweep, retention, the backlog), one process per period.

The shared cache (the database cache by default) elects the process: `cache.add` succeeds for
exactly one of them until the entry's period has passed.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache

from netral.jobs.backlog import _app, dispatch

log = logging.getLogger("netral.jobs")


def run_due() -> list[str]:
    """Run the schedule entries whose period has passed; returns the names run here."""
    ran = []
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        period = int(float(str(entry["schedule"])))
        if not cache.add(f"netral-periodic:{name}", 1, timeout=period):
            continue  # another process ran it in this period, or it is not due yet
        task = _app().tasks.get(str(entry["task"]))
        if task is None:
            log.error("netral.jobs: schedule entry %s names no registered task", name)
            continue
        dispatch(task, (), {})  # a failure goes to the backlog like any other job
        ran.append(name)
    return ran
