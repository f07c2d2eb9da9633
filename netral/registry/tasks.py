"""The import job: a web upload imported in the background (ids, not objects)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from celery import shared_task

from netral.registry.importer import import_run
from netral.registry.models import ImportRun


@shared_task(name="netral.registry.import")
def registry_import(run_id: int) -> str:
    run = ImportRun.objects.select_related("agency", "created_by").get(pk=run_id)
    if run.state != ImportRun.State.QUEUED:
        return run.state  # a retried job never imports twice
    # The upload may live on S3-compatible storage: the importer reads a local copy.
    suffix = Path(run.upload.name or run.source_name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as local:
        with run.upload.open("rb") as source:
            shutil.copyfileobj(source, local)
        local.flush()
        return import_run(run, Path(local.name)).state
