"""The reporter's rough edges: what to fix listed at the top of the long form, the file limit
rendered from the server's, the receipt kept (copied or downloaded), and their own evidence
shown by name with a small picture only they may open."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from netral.intake import evidence as ev
from netral.intake.models import Evidence, Report
from netral.intake.views_receipt import receipt_text

from .conftest import REPORTER_NAME, jpeg_with_gps

pytestmark = pytest.mark.django_db


def _summary(response: Any) -> str:
    html = response.content.decode()
    return html.split('data-testid="error-summary"')[1].split("</article>")[0]


def test_a_refused_form_lists_each_field_in_error_with_a_link_to_it(submit_form: Any) -> None:
    response = submit_form(**{"description": "", "asn-0-name": "", "asn-0-nip": "123"})
    assert response.status_code == 400
    summary = _summary(response)
    links = re.findall(r'href="#([^"]+)"', summary)
    # In the page's order: the story (step 1), then the ASN row (step 2).
    assert links[0] == "id_description"
    assert "id_asn-0-name" in links and "id_asn-0-nip" in links
    assert "ASN 1 · NIP" in summary
    html = response.content.decode()
    for anchor in links:
        assert f'id="{anchor}"' in html, anchor  # every link leads to a field on the page


def test_a_valid_form_shows_no_error_list(anon: Client) -> None:
    assert 'data-testid="error-summary"' not in anon.get("/lapor/").content.decode()


def test_after_a_refusal_the_page_says_the_files_must_be_chosen_again(submit_form: Any) -> None:
    photo = SimpleUploadedFile("foto.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = submit_form(files=[photo], description="")
    assert response.status_code == 400
    assert 'data-testid="files-lost"' in response.content.decode()


def test_the_file_limit_in_the_page_is_the_servers(anon: Client, monkeypatch: Any) -> None:
    monkeypatch.setattr(ev, "MAX_FILE_BYTES", 3 * 1024 * 1024)
    html = anon.get("/lapor/").content.decode()
    assert f'data-max-bytes="{3 * 1024 * 1024}"' in html
    assert "“{file}” lebih dari 3 MB" in html
    assert f'data-max-files="{ev.MAX_FILES_PER_REPORT}"' in html


def test_the_receipt_page_offers_copy_and_download(submit_form: Any, receipt_of: Any) -> None:
    response = submit_form()
    html = response.content.decode()
    receipt = receipt_of(response)
    assert f'data-copy="{receipt}"' in html and "intake/receipt.js" in html
    assert 'action="/lapor/tanda-terima.txt"' in html


def test_the_downloaded_receipt_holds_the_code_and_how_to_follow_it_but_no_identity(
    submit_form: Any, receipt_of: Any
) -> None:
    receipt = receipt_of(submit_form())
    response = Client().post("/lapor/tanda-terima.txt", {"receipt": receipt.lower()})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert receipt in text and "http://testserver/lapor/status/" in text
    assert "Bawaslu Kabupaten Ogan Komering Ulu" in text
    assert REPORTER_NAME not in text and "Budi Santoso" not in text and "Melati" not in text


def test_a_wrong_receipt_downloads_nothing(anon: Client) -> None:
    response = anon.post("/lapor/tanda-terima.txt", {"receipt": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"})
    assert response.status_code == 400 and "tidak dikenal" in response.content.decode()
    assert anon.get("/lapor/tanda-terima.txt").status_code == 405


def test_receipt_text_names_the_date(submit_form: Any) -> None:
    submit_form()
    report = Report.objects.latest("pk")
    text = receipt_text(report, "ABCD-EFGH", "https://netral.example/lapor/status/")
    assert "ABCD-EFGH" in text and report.case.number in text
    assert report.created_at.strftime("%Y") in text


def _open_status(client: Client, receipt: str) -> str:
    client.post("/lapor/status/", {"action": "open", "receipt": receipt})
    return client.get("/lapor/status/").content.decode()


def test_the_status_page_lists_evidence_by_name_with_a_thumbnail(
    submit_form: Any, receipt_of: Any
) -> None:
    photo = SimpleUploadedFile("Kampanye camat.jpg", jpeg_with_gps(), content_type="image/jpeg")
    receipt = receipt_of(submit_form(files=[photo]))
    client = Client()
    html = _open_status(client, receipt)
    assert "Kampanye camat.jpg" in html
    item = Evidence.objects.get(file_name="Kampanye camat.jpg")
    thumb_url = f"/lapor/status/bukti/{item.pk}/kecil.jpg"
    assert thumb_url in html
    response = client.get(thumb_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert max(image.size) <= 160
    assert not image.getexif() and "exif" not in image.info  # no camera, no GPS


def test_only_the_receipt_holder_opens_a_thumbnail(
    submit_form: Any, receipt_of: Any, client_for: Any
) -> None:
    photo = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    receipt_of(submit_form(files=[photo]))
    item = Evidence.objects.get(file_name="a.jpg")
    url = f"/lapor/status/bukti/{item.pk}/kecil.jpg"
    assert Client().get(url).status_code == 404
    assert client_for("bawaslu_oku").get(url).status_code == 404  # staff use the staff path
    # Another reporter's session holds another report: not this one's images.
    other = Client()
    _open_status(other, receipt_of(submit_form()))
    assert other.get(url).status_code == 404


def test_a_file_name_is_kept_as_a_label_only() -> None:
    upload = SimpleUploadedFile("C:\\Users\\x\\foto\x00 1.jpg", b"", content_type="image/jpeg")
    assert ev.file_name(upload) == "foto 1.jpg"
    long = SimpleUploadedFile("a" * 300 + ".jpeg", b"", content_type="image/jpeg")
    assert len(ev.file_name(long)) == 200 and ev.file_name(long).endswith(".jpeg")
