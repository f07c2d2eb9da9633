"""What staff see of a report: stripped images, sealed originals and identities opened only by
handling roles (audited), and 404 for everyone outside the case's jurisdiction."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from netral.audit.models import AuditEntry
from netral.intake.models import Evidence, Report

from .conftest import REPORTER_NAME, jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo_report(submit_form: Any) -> tuple[Report, bytes]:
    photo = jpeg_with_gps()
    response = submit_form(files=[SimpleUploadedFile("IMG_0001.jpg", photo, "image/jpeg")])
    assert response.status_code == 201, response.content.decode()[:1500]
    return Report.objects.get(pk=response.context["report"].pk), photo


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_officer_download_has_no_exif_or_gps_and_original_hash_is_kept(
    photo_report: tuple[Report, bytes], client_for: Any
) -> None:
    report, photo = photo_report
    item = Evidence.objects.get(report=report, kind="file")
    assert item.sha256 == hashlib.sha256(photo).hexdigest() and item.size == len(photo)
    response = client_for("bawaslu_oku").get(f"/staf/bukti/{item.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    data = _body(response)
    image = Image.open(io.BytesIO(data))
    assert dict(image.getexif()) == {} and b"NetralCam" not in data and b"Exif" not in data
    assert image.size == (64, 48)
    assert hashlib.sha256(data).hexdigest() == item.stripped_sha256 != item.sha256


def test_sealed_original_opens_for_handler_only_and_is_audited(
    photo_report: tuple[Report, bytes], client_for: Any
) -> None:
    report, photo = photo_report
    item = Evidence.objects.get(report=report, kind="file")
    url = f"/staf/bukti/{item.pk}/asli/"
    assert client_for("bawaslu_oku").post(url, {"reason": ""}).status_code == 400
    response = client_for("bawaslu_oku").post(url, {"reason": "Pemeriksaan metadata foto"})
    assert response.status_code == 200 and _body(response) == photo
    entry = AuditEntry.objects.get(action="evidence.original_open", object_id=str(item.pk))
    assert entry.actor_label == "bawaslu_oku" and "Pemeriksaan metadata" in entry.data_json
    # a monitor of the same office sees the case but may not open the original
    assert client_for("monitor_oku").post(url, {"reason": "ingin lihat"}).status_code == 404


def test_identity_reveal_needs_a_handling_role_and_is_audited(
    photo_report: tuple[Report, bytes], client_for: Any
) -> None:
    report, _photo = photo_report
    detail = f"/staf/laporan/{report.pk}/"
    reveal = f"/staf/laporan/{report.pk}/identitas/"
    # the system administrator does not handle cases: no report, no identity (issue 11.3)
    assert client_for("admin").get(detail).status_code == 404
    assert client_for("admin").post(reveal, {"reason": "penasaran saja"}).status_code == 404
    # a monitor of the same office does not handle public reports: 404 for both
    monitor = client_for("monitor_oku")
    assert monitor.get(detail).status_code == 404
    assert monitor.post(reveal, {"reason": "penasaran saja"}).status_code == 404
    officer_page = client_for("bawaslu_oku").get(detail).content.decode()
    assert REPORTER_NAME not in officer_page  # sealed until opened on purpose
    for username in ("bawaslu_oku", "bawaslu_sumsel", "bawaslu_ri"):
        opened = client_for(username).post(
            reveal, {"reason": "Menghubungi pelapor untuk klarifikasi"}
        )
        assert opened.status_code == 200 and REPORTER_NAME in opened.content.decode()
    actors = AuditEntry.objects.filter(
        action="report.identity_reveal", object_id=str(report.pk)
    ).values_list("actor_label", flat=True)
    assert sorted(actors) == ["bawaslu_oku", "bawaslu_ri", "bawaslu_sumsel"]


@pytest.mark.parametrize("username", ["bawaslu_palembang", "bawaslu_langsa", "ppk_oku"])
def test_outsider_gets_404_everywhere(
    photo_report: tuple[Report, bytes], client_for: Any, username: str
) -> None:
    report, _photo = photo_report
    item = Evidence.objects.get(report=report, kind="file")
    client = client_for(username)
    assert client.get(f"/staf/laporan/{report.pk}/").status_code == 404
    assert client.get(f"/staf/bukti/{item.pk}/").status_code == 404
    assert client.post(f"/staf/bukti/{item.pk}/asli/", {"reason": "coba buka"}).status_code == 404
    assert (
        client.post(f"/staf/laporan/{report.pk}/identitas/", {"reason": "coba buka"}).status_code
        == 404
    )
    assert client.post(f"/staf/laporan/{report.pk}/pesan/", {"body": "halo"}).status_code == 404
    assert not AuditEntry.objects.filter(
        action__in=["report.identity_reveal", "evidence.original_open"]
    ).exists()


def test_anonymous_visitor_is_sent_to_login(photo_report: tuple[Report, bytes], anon: Any) -> None:
    report, _photo = photo_report
    assert anon.get(f"/staf/laporan/{report.pk}/").status_code == 302


def test_media_url_does_not_serve_evidence(photo_report: tuple[Report, bytes], anon: Any) -> None:
    report, _photo = photo_report
    item = Evidence.objects.get(report=report, kind="file")
    assert anon.get(f"/media/{item.original.name}").status_code == 404


def test_report_list_is_scoped_and_query_count_pinned(
    submit_form: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for _i in range(3):
        submit_form()
    client = client_for("bawaslu_oku")
    with django_assert_max_num_queries(12):
        response = client.get("/staf/laporan/")
    numbers = [r.case.number for r in response.context["page"]]
    assert len(numbers) >= 3 and all("/16.01/" in n for n in numbers)
    langsa = client_for("bawaslu_langsa").get("/staf/laporan/")
    assert all("/16.01/" not in r.case.number for r in langsa.context["page"])


def test_report_section_tag_renders_for_case_viewers_only(
    photo_report: tuple[Report, bytes], rf: Any, persona: Any
) -> None:
    from django.template import Context, Template

    report, _photo = photo_report
    template = Template("{% load intake_tags %}{% report_section case %}")
    for username, shown in (("bawaslu_oku", True), ("bawaslu_palembang", False)):
        request = rf.get("/")
        request.user = persona(username)
        html = template.render(Context({"request": request, "case": report.case}))
        assert ("Laporan masyarakat" in html) is shown
