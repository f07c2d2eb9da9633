"""The receipt holder's page: look-up, messages both ways, more evidence, throttled guessing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from netral.intake.models import Evidence, Message

from .conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db


def _open(client: Client, receipt: str) -> Any:
    return client.post("/lapor/status/", {"action": "open", "receipt": receipt})


def test_receipt_opens_the_status_and_the_url_never_holds_it(
    submit_form: Any, receipt_of: Any
) -> None:
    receipt = receipt_of(submit_form(anonymous="1", reporter_name="", reporter_address=""))
    client = Client()
    response = _open(client, receipt.lower().replace("-", " "))
    assert response.status_code == 302 and response["Location"] == "/lapor/status/"
    page = client.get("/lapor/status/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert "Diterima" in html and "Bawaslu Kabupaten Ogan Komering Ulu" in html
    assert receipt not in html


def test_wrong_receipt_is_refused_and_guessing_is_throttled(anon: Client) -> None:
    wrong = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01"
    for _attempt in range(10):
        response = _open(anon, wrong)
        assert response.status_code == 400
        assert "Kode tanda terima tidak dikenal" in response.content.decode()
    response = _open(anon, wrong)
    assert response.status_code == 429
    assert "Terlalu banyak kode tanda terima yang salah" in response.content.decode()


def test_global_guessing_limit_closes_lookups_for_everyone(
    monkeypatch: Any, submit_form: Any, receipt_of: Any
) -> None:
    from netral.intake import throttle

    receipt = receipt_of(submit_form())
    monkeypatch.setattr(throttle, "RECEIPT_FAILURES_GLOBAL", "3/15m")
    for i in range(3):
        Client(REMOTE_ADDR=f"10.0.0.{i + 1}").post(
            "/lapor/status/", {"action": "open", "receipt": "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01"}
        )
    response = Client(REMOTE_ADDR="10.0.0.99").post(
        "/lapor/status/", {"action": "open", "receipt": receipt}
    )
    assert response.status_code == 429
    assert "sedang dibatasi" in response.content.decode()


def test_messages_both_ways(
    submit_form: Any, receipt_of: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    response = submit_form()
    report = response.context["report"]
    reporter = Client()
    _open(reporter, receipt_of(response))
    officer = client_for("bawaslu_oku")
    officer.post(f"/staf/laporan/{report.pk}/pesan/", {"body": "Mohon kirim foto aslinya."})
    assert "Mohon kirim foto aslinya." in reporter.get("/lapor/status/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        reply = reporter.post(
            "/lapor/status/", {"action": "message", "body": "Foto sudah saya lampirkan."}
        )
    assert reply.status_code == 302
    staff_html = officer.get(f"/staf/laporan/{report.pk}/").content.decode()
    assert "Foto sudah saya lampirkan." in staff_html
    assert list(Message.objects.filter(report=report).values_list("direction", flat=True)) == [
        "to_reporter",
        "from_reporter",
    ]
    assert any("Pesan baru dari pelapor" in m.subject for m in mail.outbox)


def test_reporter_adds_evidence_with_receipt(submit_form: Any, receipt_of: Any) -> None:
    response = submit_form()
    report = response.context["report"]
    reporter = Client()
    _open(reporter, receipt_of(response))
    added = reporter.post(
        "/lapor/status/",
        {
            "action": "evidence",
            "links": "https://example.org/more",
            "attachments": [SimpleUploadedFile("x.jpg", jpeg_with_gps(), "image/jpeg")],
        },
    )
    assert added.status_code == 302
    kinds = sorted(Evidence.objects.filter(report=report).values_list("kind", flat=True))
    assert kinds == ["file", "link", "link"]


def test_reporter_evidence_checked_by_content(submit_form: Any, receipt_of: Any) -> None:
    response = submit_form()
    reporter = Client()
    _open(reporter, receipt_of(response))
    fake = SimpleUploadedFile("foto.jpg", b"#!/bin/sh\necho not a photo\n", "image/jpeg")
    added = reporter.post("/lapor/status/", {"action": "evidence", "attachments": [fake]})
    assert added.status_code == 400
    assert "bukan jenis berkas yang diterima" in added.content.decode()


def test_status_without_receipt_shows_only_the_receipt_form(anon: Client) -> None:
    html = anon.get("/lapor/status/").content.decode()
    assert 'name="receipt"' in html and "Pesan" not in html
