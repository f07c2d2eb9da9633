"""The retention job (see CELERY_BEAT_SCHEDULE in settings)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="netral.retention.enforce")
def enforce_retention() -> str:
    from netral.retention.rules import enforce

    return ", ".join(f"{name} {n}" for name, n in enforce().items())
