"""Insights jobs: refresh the summaries, publish the public page, exports, weekly reports."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="netral.insights.refresh")
def refresh() -> str:
    from netral.insights.refresh import refresh_all

    return str(refresh_all())


@shared_task(name="netral.insights.publish")
def publish() -> str:
    from netral.insights import public
    from netral.insights.refresh import refresh_all

    refresh_all()
    return str(public.publish().pk)


@shared_task(name="netral.insights.export")
def run_export(job_id: int) -> None:
    from netral.insights.exports import run_job

    run_job(job_id)


@shared_task(name="netral.insights.weekly_reports")
def weekly_reports() -> int:
    from netral.insights.reports import send_weekly

    return send_weekly()


@shared_task(
    name="netral.insights.send_report", autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def send_report(user_id: int, params: dict[str, str]) -> int:
    from netral.insights.reports import send_to

    return send_to(user_id, params)
