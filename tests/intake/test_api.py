"""POST /api/v1/reports with Idempotency-Key; status and messages with X-Netral-Receipt."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client

from netral.intake.models import Evidence, Report

from .conftest import api_body, jpeg_with_gps

pytestmark = pytest.mark.django_db


def test_submit_answers_receipt_and_status_urls(submit_api: Any) -> None:
    response = submit_api()
    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["receipt"].replace("-", "")) == 24 and body["replayed"] is False
    assert body["status_url"] == "/lapor/status/"
    assert body["api_status_url"] == "/api/v1/reports/status"
    assert body["handling_office"] == "Bawaslu Kabupaten Ogan Komering Ulu"
    assert body["state"] == "received" and body["anonymous"] is True
    reporter = next(r for r in body["requirements"] if r["key"] == "reporter")
    assert reporter["met"] is False and "informasi awal" in reporter["note"]


def test_retry_with_same_key_returns_the_same_report(submit_api: Any) -> None:
    key = str(uuid.uuid4())
    before = Report.objects.count()
    first = submit_api(key=key)
    again = submit_api(key=key)
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["replayed"] is True
    assert again.json()["number"] == first.json()["number"]
    assert again.json()["receipt"] == first.json()["receipt"]
    assert Report.objects.count() == before + 1


def test_same_key_with_a_different_body_is_refused(submit_api: Any) -> None:
    key = str(uuid.uuid4())
    submit_api(key=key)
    other = submit_api(api_body(description="Sesuatu yang lain sama sekali."), key=key)
    assert other.status_code == 409
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"


def test_missing_idempotency_key_is_named(anon: Client) -> None:
    response = anon.post(
        "/api/v1/reports", data=json.dumps(api_body()), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"subjects": [{"name": "A", "nip": "198609262015053001"}]}, "subjects.0.nip"),
        ({"surprise": 1}, "surprise"),
        ({"regency": "1601"}, "regency"),
        ({"violations": ["Z9"]}, "violations"),
        ({"anonymous": False}, "reporter"),
        ({"subjects": []}, "subjects"),
    ],
)
def test_errors_name_the_field(submit_api: Any, patch: dict[str, Any], field: str) -> None:
    response = submit_api(api_body(**patch))
    assert response.status_code == 422, response.content
    fields = [e["field"] for e in response.json()["errors"]]
    assert field in fields, fields


def test_nip_error_message_says_what_is_wrong(submit_api: Any) -> None:
    response = submit_api(api_body(subjects=[{"name": "A", "nip": "19860926201505100"}]))
    message = response.json()["errors"][0]["message"]
    assert message == "NIP terdiri dari 18 angka; yang diisi 17 angka."


def test_named_api_report_seals_identity(submit_api: Any) -> None:
    body = api_body(
        anonymous=False,
        reporter={"name": "Joko Prasetyo", "address": "Jl. A 1", "contact": "joko@example.org"},
    )
    response = submit_api(body)
    assert response.status_code == 201
    report = Report.objects.get(case__number=response.json()["number"])
    assert b"Joko" not in bytes(report.identity_sealed)


def test_multipart_with_evidence(anon: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = anon.post(
        "/api/v1/reports",
        {
            "report": json.dumps(api_body()),
            "files": [SimpleUploadedFile("a.jpg", jpeg_with_gps(), "image/jpeg")],
        },
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status_code == 201, response.content
    report = Report.objects.get(case__number=response.json()["number"])
    item = Evidence.objects.get(report=report, kind="file")
    assert item.content_type == "image/jpeg" and item.stripped


def test_status_and_messages_take_the_receipt_in_a_header(submit_api: Any, client_for: Any) -> None:
    created = submit_api().json()
    headers = {"X-Netral-Receipt": created["receipt"]}
    report = Report.objects.get(case__number=created["number"])
    client_for("bawaslu_oku").post(
        f"/staf/laporan/{report.pk}/pesan/", {"body": "Kapan kejadiannya?"}
    )
    sent = Client(headers=headers).post(
        "/api/v1/reports/messages",
        data=json.dumps({"body": "Tanggal 1 Agustus."}),
        content_type="application/json",
    )
    assert sent.status_code == 201 and sent.json()["direction"] == "from_reporter"
    status = Client(headers=headers).get("/api/v1/reports/status")
    assert status.status_code == 200
    data = status.json()
    assert data["number"] == created["number"] and data["state_label"] == "Diterima"
    assert [m["body"] for m in data["messages"]] == ["Kapan kejadiannya?", "Tanggal 1 Agustus."]


def test_receipt_in_the_url_is_refused(submit_api: Any, anon: Client) -> None:
    receipt = submit_api().json()["receipt"]
    response = anon.get(f"/api/v1/reports/status?receipt={receipt}")
    assert (
        response.status_code == 400
        and "never put the receipt in the URL" in response.json()["detail"]
    )


def test_unknown_receipt_and_throttle(anon: Client) -> None:
    headers = {"X-Netral-Receipt": "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01"}
    for _attempt in range(10):
        assert Client(headers=headers).get("/api/v1/reports/status").status_code == 404
    refused = Client(headers=headers).get("/api/v1/reports/status")
    assert refused.status_code == 429 and "Coba lagi" in refused.json()["detail"]
    assert anon.get("/api/v1/reports/status").status_code == 401


def test_api_evidence_by_receipt(submit_api: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    receipt = submit_api().json()["receipt"]
    response = Client(headers={"X-Netral-Receipt": receipt}).post(
        "/api/v1/reports/evidence",
        {
            "files": [
                SimpleUploadedFile(
                    "doc.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "application/pdf"
                )
            ],
            "links": ["https://example.org/x"],
        },
    )
    assert response.status_code == 201, response.content
    assert sorted(e["kind"] for e in response.json()) == ["file", "link"]
