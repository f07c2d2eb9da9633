"""Monitoring jobs: ids in, thin bodies (see netral.jobs)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="netral.monitoring.score_chunk")
def score_chunk(chunk_id: int) -> int:
    from netral.monitoring.scoring import chunk_score

    return chunk_score(chunk_id)


@shared_task(name="netral.monitoring.scan_resume")
def scan_resume() -> int:
    from netral.monitoring.scoring import scan_resume as resume

    return resume()


@shared_task(name="netral.monitoring.poll_feeds")
def poll_feeds() -> str:
    from netral.monitoring.feeds import feeds_poll

    return ", ".join(f"{name}: {n}" for name, n in feeds_poll().items())
