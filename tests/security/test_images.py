"""Evidence images (issues 11.2 and 11.7): a truncated photo is refused with a message naming
it on every upload path, the report keeping nothing and the web reporter keeping what they
typed; pixels are limited by what phones produce and decoded without full-size copies."""

from __future__ import annotations

import io
import json
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from netral.cases.models import Case
from netral.intake import evidence as ev
from netral.intake.models import Evidence
from tests.intake.conftest import api_body, jpeg_with_gps

pytestmark = pytest.mark.django_db


def truncated_jpeg() -> bytes:
    """A phone photo cut off in transfer: Pillow's verify() accepts it, decoding fails."""
    buf = io.BytesIO()
    Image.effect_noise((640, 480), 80).convert("RGB").save(buf, "JPEG", quality=95)
    data = buf.getvalue()
    cut = data[: len(data) // 2]
    with Image.open(io.BytesIO(cut)) as img:
        img.verify()  # the check the old code relied on
    return cut


def photo(name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, truncated_jpeg(), "image/jpeg")


def test_a_truncated_photo_on_lapor_is_refused_and_the_input_kept(submit_form: Any) -> None:
    before = Case.objects.count()
    answer = submit_form(files=[photo()], place="Balai Desa Tanjung Baru")
    assert answer.status_code == 400  # the form again, with the reason beside the upload
    body = answer.content.decode()
    assert "Berkas ke-1" in body and "terpotong" in body
    assert "Balai Desa Tanjung Baru" in body  # what they typed is still in the form
    assert (
        Case.objects.count() == before
        and not Evidence.objects.filter(report__case__place="Balai Desa Tanjung Baru").exists()
    )


def test_a_truncated_photo_in_the_api_is_a_400_naming_the_file(anon: Client) -> None:
    before = Case.objects.count()
    answer = anon.post(
        "/api/v1/reports",
        {"report": json.dumps(api_body()), "files": [photo()]},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert answer.status_code in (400, 422), answer.content
    errors = answer.json()["errors"]
    assert errors[0]["field"] == "files" and "Berkas ke-1" in errors[0]["message"]
    assert Case.objects.count() == before


def test_a_truncated_photo_added_later_is_refused(submit_api: Any) -> None:
    receipt = submit_api().json()["receipt"]
    answer = Client(headers={"X-Netral-Receipt": receipt}).post(
        "/api/v1/reports/evidence", {"files": [photo()]}
    )
    assert answer.status_code in (400, 422), answer.content
    assert "terpotong" in answer.json()["errors"][0]["message"]
    reporter = Client()
    page = reporter.post("/lapor/status/", {"receipt": receipt}, follow=True)
    assert page.status_code == 200
    added = reporter.post("/lapor/status/", {"action": "evidence", "attachments": [photo()]})
    assert added.status_code in (200, 400) and "terpotong" in added.content.decode()


def test_a_huge_png_is_refused_before_it_is_decoded() -> None:
    """The probe's 194 KB, 7,070 × 7,070 RGBA PNG: refused from its header alone."""
    buf = io.BytesIO()
    Image.new("RGBA", (7070, 7070), (10, 20, 30, 255)).save(buf, "PNG")
    upload = SimpleUploadedFile("big.png", buf.getvalue(), "image/png")
    with pytest.raises(ev.EvidenceRejected, match="7070×7070"):
        ev.check(upload, name="Berkas ke-1")


def test_a_large_phone_photo_is_kept_with_a_bounded_view_copy() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (8000, 6000), (200, 100, 50)).save(buf, "JPEG", quality=80)
    checked = ev.check(SimpleUploadedFile("p.jpg", buf.getvalue(), "image/jpeg"))
    assert checked.stripped is not None
    with Image.open(io.BytesIO(checked.stripped)) as view:
        assert max(view.size) <= ev.VIEW_MAX_SIDE
        assert not view.getexif()


def test_the_view_copy_keeps_no_gps_and_applies_orientation() -> None:
    checked = ev.check(SimpleUploadedFile("g.jpg", jpeg_with_gps(), "image/jpeg"))
    assert checked.stripped is not None and b"NetralCam" not in checked.stripped
    with Image.open(io.BytesIO(checked.stripped)) as view:
        assert view.size == (64, 48) and not view.getexif()


def test_images_beyond_the_decoding_slots_are_refused_with_a_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    busy = threading.BoundedSemaphore(1)
    busy.acquire()
    monkeypatch.setattr(ev, "DECODERS", busy)
    monkeypatch.setattr(ev, "DECODE_WAIT_SECONDS", 0.01)
    upload = SimpleUploadedFile("g.jpg", jpeg_with_gps(), "image/jpeg")
    with pytest.raises(ev.EvidenceRejected, match="banyak gambar"):
        ev.check(upload, name="Berkas ke-1")
