"""The backlog's beat task (see CELERY_BEAT_SCHEDULE in settings)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="netral.jobs.drain")
def drain_backlog() -> str:
    from netral.jobs.backlog import drain

    done, failing = drain()
    return f"{done} done, {failing} still failing"
