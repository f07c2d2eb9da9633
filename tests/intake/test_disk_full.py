"""A full disk during an upload: the reporter gets a clear error (and keeps the typed text),
nothing of the report is kept: no case, no report, no half-written file."""

from __future__ import annotations

import errno
import json
import uuid
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from netral.audit.models import AuditEntry
from netral.cases.models import Case
from netral.intake.models import Evidence, Report

from .conftest import api_body, jpeg_with_gps

pytestmark = pytest.mark.django_db


class FillsUp(FileSystemStorage):
    """Local storage with room for `room` files; the next write fails with ENOSPC."""

    room = 1
    written: list[str] = []

    def _save(self, name: str, content: Any) -> str:
        if len(FillsUp.written) >= FillsUp.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        saved = super()._save(name, content)  # type: ignore[misc]  # not in the stubs
        FillsUp.written.append(saved)
        return saved


@pytest.fixture
def disk_fills_up(settings: Any, tmp_path: Any) -> type[FillsUp]:
    FillsUp.written = []
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.FillsUp", "OPTIONS": {"location": str(tmp_path)}},
    }
    return FillsUp


def _counts() -> tuple[int, int, int, int]:
    return (
        Case.objects.count(),
        Report.objects.count(),
        Evidence.objects.count(),
        AuditEntry.objects.filter(action="report.submit").count(),
    )


def test_api_upload_on_a_full_disk_answers_507_and_keeps_nothing(
    disk_fills_up: type[FillsUp],
) -> None:
    before = _counts()
    response = Client().post(
        "/api/v1/reports",
        {
            "report": json.dumps(api_body()),
            "files": [SimpleUploadedFile("a.jpg", jpeg_with_gps(), "image/jpeg")],
        },
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status_code == 507
    body = response.json()
    assert "nothing was saved" in body["detail"] and body["errors"][0]["field"] == "files"
    assert _counts() == before
    assert disk_fills_up.written  # the original was written before the disk filled up…
    assert not any(default_storage.exists(n) for n in disk_fills_up.written)  # …and removed


def test_lapor_on_a_full_disk_says_so_and_keeps_the_text(
    disk_fills_up: type[FillsUp], submit_form: Any
) -> None:
    before = _counts()
    response = submit_form(files=[SimpleUploadedFile("a.jpg", jpeg_with_gps(), "image/jpeg")])
    assert response.status_code == 503
    html = response.content.decode()
    assert "Laporan BELUM tersimpan" in html
    assert "Camat ikut berorasi di deklarasi bakal calon bupati." in html
    assert _counts() == before
