"""CSV and XLSX files of the insights tables; large ones as background jobs with progress.

The files are written by netral.exports, so that text a spreadsheet would read as a formula
stays text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netral.accounts.models import User
from netral.audit.services import log_action
from netral.exports import csv_bytes, xlsx_bytes
from netral.insights import tables
from netral.insights.models import ExportJob
from netral.jobs import enqueue_long

PROGRESS_EVERY = 1000


def render(tabs: list[tables.Table], fmt: str) -> bytes:
    if fmt == "xlsx":
        return xlsx_bytes((t.title, [t.headers, *t.rows]) for t in tabs)
    rows: list[Sequence[Any]] = []
    for t in tabs:
        if len(tabs) > 1:
            rows += [[t.title]]
        rows += [t.headers, *t.rows]
        if len(tabs) > 1:
            rows += [[]]
    return csv_bytes(rows)


def export_job_create(*, actor: User, table: str, fmt: str, params: dict[str, str]) -> ExportJob:
    """Queue a large export; the worker writes the file and its progress (see run_job)."""
    from netral.insights.tasks import run_export

    with transaction.atomic():
        job = ExportJob.objects.create(user=actor, table=table, fmt=fmt, params=params)
        log_action(actor, "insights.export_queued", job, {"table": table, "format": fmt})
        enqueue_long(run_export, job.pk)
    return job


def _counting(job: ExportJob, rows: Iterator[list[Any]]) -> Iterator[list[Any]]:
    for i, row in enumerate(rows, 1):
        if i % PROGRESS_EVERY == 0:
            ExportJob.objects.filter(pk=job.pk).update(done=i)
        yield row


def run_job(job_id: int) -> None:
    from netral.insights import filters

    job = ExportJob.objects.select_related("user").get(pk=job_id)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    try:
        chosen, _form = filters.parse(job.user, job.params)
        total, rows = tables.case_rows(job.user, chosen)
        ExportJob.objects.filter(pk=job.pk).update(total=total)
        body = _counting(job, rows)
        heads = [_(h) for h in tables.CASE_HEADERS]
        data = (
            xlsx_bytes([(_("Perkara"), _prepend(heads, body))])
            if job.fmt == "xlsx"
            else csv_bytes(_prepend(heads, body))
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        job.file.save(f"netral-perkara-{stamp}-{job.pk}.{job.fmt}", ContentFile(data), save=False)
        ExportJob.objects.filter(pk=job.pk).update(
            file=job.file.name, status=ExportJob.Status.DONE, done=total, finished_at=timezone.now()
        )
    except Exception as exc:  # the page must say it failed rather than spin forever
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, error=str(exc)[:300], finished_at=timezone.now()
        )
        raise


def _prepend(head: list[str], rows: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield head
    yield from rows
