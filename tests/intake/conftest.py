"""Helpers for intake tests: a public submission through the real form or API, and a JPEG
carrying GPS tags like a phone photo."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import ExifTags, Image

REPORTER_NAME = "Wulandari Sukmawati"


def jpeg_with_gps(color: tuple[int, int, int] = (200, 10, 10)) -> bytes:
    img = Image.new("RGB", (64, 48), color)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "NetralCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (4.0, 7.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (104.0, 10.0, 0.0)
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes())
    return buf.getvalue()


def form_data(**overrides: Any) -> dict[str, Any]:
    """A complete, valid /lapor/ POST (named reporter, one ASN, OKU)."""
    data: dict[str, Any] = {
        "form_token": uuid.uuid4().hex,
        "violations": ["E3"],
        "description": "Camat ikut berorasi di deklarasi bakal calon bupati.",
        "incident_date": "2024-08-20",
        "discovered_date": "2024-08-21",
        "province": "16",
        "regency": "16.01",
        "district": "",
        "place": "Lapangan Merdeka",
        "election": "",
        "links": "https://example.org/video",
        "anonymous": "0",
        "reporter_name": REPORTER_NAME,
        "reporter_address": "Jl. Melati 7, Baturaja",
        "reporter_contact": "0812-0000-1111",
        "website": "",
        "asn-TOTAL_FORMS": "1",
        "asn-INITIAL_FORMS": "0",
        "asn-MIN_NUM_FORMS": "1",
        "asn-MAX_NUM_FORMS": "50",
        "asn-0-name": "Budi Santoso",
        "asn-0-agency_name": "Kecamatan Baturaja Timur",
        "asn-0-position": "Camat",
        "asn-0-employment_type": "pns",
        "asn-0-regency": "16.01",
        "asn-0-nip": "",
    }
    data.update(overrides)
    return data


def api_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "description": "Kepala sekolah mengunggah ajakan memilih calon bupati.",
        "subjects": [
            {
                "name": "Rudi Hartono",
                "agency": "SMA Negeri 1",
                "position": "Kepala",
                "regency": "16.01",
            }
        ],
        "violations": ["E2"],
        "incident_date": "2024-08-01",
        "province": "16",
        "regency": "16.01",
        "place": "Facebook",
        "links": ["https://example.org/post/1"],
        "anonymous": True,
    }
    body.update(overrides)
    return body


@pytest.fixture
def submit_form() -> Callable[..., Any]:
    def post(
        client: Client | None = None,
        files: list[SimpleUploadedFile] | None = None,
        **overrides: Any,
    ) -> Any:
        data = form_data(**overrides)
        if files:
            data["attachments"] = files
        return (client or Client()).post("/lapor/", data)

    return post


@pytest.fixture
def submit_api() -> Callable[..., Any]:
    def post(
        body: dict[str, Any] | None = None, key: str | None = None, client: Client | None = None
    ) -> Any:
        return (client or Client()).post(
            "/api/v1/reports",
            data=json.dumps(body or api_body()),
            content_type="application/json",
            headers={"Idempotency-Key": key or uuid.uuid4().hex},
        )

    return post


@pytest.fixture
def receipt_of() -> Callable[[Any], str]:
    def get(response: Any) -> str:
        return str(response.context["receipt"])

    return get
