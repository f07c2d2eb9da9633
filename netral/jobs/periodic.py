"""The schedule without a broker: with no Celery beat, each web process runs the due entries
of CELERY_BEAT_SCHEDULE itself (the sweep, retention, the backlog), one process per period.

The shared cache (the database cache by default) elects the process: `cache.add` succeeds for
exactly one of them per period (every N seconds) or per crontab slot (Monday 07:00).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from celery.schedules import crontab
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from netral.jobs.backlog import _app, dispatch

log = logging.getLogger("netral.jobs")
_WEEK = 7 * 24 * 3600


def _claim(name: str, schedule: Any) -> bool:
    """True for the one process that runs this entry now."""
    if not isinstance(schedule, crontab):
        period = int(
            schedule.total_seconds() if isinstance(schedule, dt.timedelta) else float(schedule)
        )
        return bool(cache.add(f"netral-periodic:{name}", 1, timeout=period))
    # A crontab entry: due when its last slot has not been run yet. The first look only
    # remembers "now", so that starting a process never fires a weekly job by surprise.
    now = timezone.now()
    last = cache.get(f"netral-periodic-last:{name}")
    if last is None:
        cache.add(f"netral-periodic-last:{name}", now, timeout=_WEEK * 5)
        return False
    due, _next = schedule.is_due(last)
    if not due:
        return False
    slot = now.strftime("%Y%m%d%H%M")
    if not cache.add(f"netral-periodic:{name}:{slot}", 1, timeout=3600):
        return False
    cache.set(f"netral-periodic-last:{name}", now, timeout=_WEEK * 5)
    return True


def run_due() -> list[str]:
    """Run the schedule entries that are due; returns the names run here."""
    ran = []
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        try:
            if not _claim(name, entry["schedule"]):
                continue
        except (TypeError, ValueError):
            log.error("netral.jobs: schedule entry %s has a schedule this runner cannot read", name)
            continue
        task = _app().tasks.get(str(entry["task"]))
        if task is None:
            log.error("netral.jobs: schedule entry %s names no registered task", name)
            continue
        dispatch(task, (), {})  # a failure goes to the backlog like any other job
        ran.append(name)
    return ran
