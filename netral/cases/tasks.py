"""The scheduled sweep (Celery beat: see CELERY_BEAT_SCHEDULE in settings)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="netral.cases.sweep")
def sweep_cases() -> str:
    from netral.cases.services.sweep import sweep

    return str(sweep())
