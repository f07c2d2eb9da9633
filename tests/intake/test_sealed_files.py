"""Evidence files are encrypted at rest under the identity key, owner-only on disk, opened
through the access-checked pages, re-sealed when the key rotates, and files stored in clear
before sealing existed are sealed where they lie (issue 11.6)."""

from __future__ import annotations

import hashlib
import io
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from netral.audit.models import AuditEntry
from netral.intake import sealed_files, sealing
from netral.intake.models import Evidence, Report
from netral.intake.sealing import SealError

from .conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_uploads(settings: Any, tmp_path: Path) -> None:
    """Rotation and sealing rewrite files while the rows roll back: the session's demo files
    must not be touched, so each test stores into its own folder (demo rows name files that
    are then missing here, and are skipped)."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


def _on_disk(name: str) -> Path:
    return Path(default_storage.path(name))


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def photo_item(submit_form: Any) -> tuple[Evidence, bytes]:
    photo = jpeg_with_gps()
    response = submit_form(files=[SimpleUploadedFile("IMG_0001.jpg", photo, "image/jpeg")])
    assert response.status_code == 201, response.content.decode()[:1500]
    report = Report.objects.get(pk=response.context["report"].pk)
    return Evidence.objects.get(report=report, kind="file"), photo


def test_original_and_copy_on_disk_are_ciphertext_readable_by_the_owner_only(
    photo_item: tuple[Evidence, bytes],
) -> None:
    item, photo = photo_item
    for name in (str(item.original.name), str(item.stripped.name)):
        path = _on_disk(name)
        stored = path.read_bytes()
        assert stored.startswith(sealed_files.MAGIC)
        # neither the photo, nor its camera tag, nor any JPEG marker lies in clear
        assert photo[:200] not in stored and b"NetralCam" not in stored
        assert b"\xff\xd8\xff" not in stored[: len(sealed_files.MAGIC) + 64]
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.parent.stat().st_mode & 0o777 == 0o700


def test_the_pages_open_the_original_whole_and_the_copy_stripped(
    photo_item: tuple[Evidence, bytes], client_for: Any
) -> None:
    item, photo = photo_item
    officer = client_for("bawaslu_oku")
    original = officer.post(f"/staf/bukti/{item.pk}/asli/", {"reason": "Periksa metadata"})
    assert original.status_code == 200 and _body(original) == photo
    copy = officer.get(f"/staf/bukti/{item.pk}/")
    data = _body(copy)
    assert copy.status_code == 200 and hashlib.sha256(data).hexdigest() == item.stripped_sha256
    assert b"NetralCam" not in data and dict(Image.open(io.BytesIO(data)).getexif()) == {}
    # sealed or not, an outsider still gets 404
    assert client_for("bawaslu_langsa").get(f"/staf/bukti/{item.pk}/").status_code == 404


@pytest.mark.parametrize("size", [0, 1, sealed_files.CHUNK, sealed_files.CHUNK * 2 + 5])
def test_any_size_round_trips(size: int) -> None:
    data = os.urandom(size)
    name = sealed_files.save(f"intake/sealed/{uuid.uuid4().hex}.bin", io.BytesIO(data))
    with sealed_files.open_file(name) as opened:
        assert opened.read() == data


def test_a_cut_or_altered_file_refuses_to_open() -> None:
    data = os.urandom(sealed_files.CHUNK * 2)
    name = sealed_files.save(f"intake/sealed/{uuid.uuid4().hex}.bin", io.BytesIO(data))
    path = _on_disk(name)
    sealed = path.read_bytes()
    path.write_bytes(sealed[: sealed_files.HEADER_BYTES + sealed_files.CHUNK + sealed_files.TAG])
    with pytest.raises(SealError), sealed_files.open_file(name) as opened:
        opened.read()  # the first chunk was sealed as "not last": the cut shows
    altered = bytearray(sealed)
    altered[-1] ^= 1
    path.write_bytes(bytes(altered))
    with pytest.raises(SealError), sealed_files.open_file(name) as opened:
        opened.read()


def test_rotation_reseals_files_and_identities_under_the_new_key(
    photo_item: tuple[Evidence, bytes], settings: Any, client_for: Any
) -> None:
    item, photo = photo_item
    old = str(settings.IDENTITY_KEY)
    report = item.report
    settings.IDENTITY_KEY = f"brand-new-key,{old}"
    assert sealed_files.state(str(item.original.name)) == "old"  # still opens meanwhile
    old_names = {str(item.original.name), str(item.stripped.name)}

    call_command("seal", "rotate", stdout=io.StringIO())

    item.refresh_from_db()
    report.refresh_from_db()
    assert sealed_files.state(str(item.original.name)) == "current"
    assert not any(default_storage.exists(n) for n in old_names)
    assert AuditEntry.objects.filter(action="seal.rotate").exists()
    settings.IDENTITY_KEY = "brand-new-key"  # the old key is gone: everything still opens
    assert sealing.unseal(report.identity_sealed)["name"]
    response = client_for("bawaslu_oku").post(
        f"/staf/bukti/{item.pk}/asli/", {"reason": "Pemeriksaan ulang berkas"}
    )
    assert _body(response) == photo


def test_a_file_sealed_under_a_dropped_key_says_so(settings: Any) -> None:
    name = sealed_files.save(f"intake/sealed/{uuid.uuid4().hex}.bin", io.BytesIO(b"bukti"))
    settings.IDENTITY_KEY = "only-a-new-key"
    with pytest.raises(SealError, match="not in NETRAL_IDENTITY_KEY"):
        sealed_files.open_file(name)


def test_a_plain_legacy_file_opens_then_is_sealed_where_it_lies_once(
    photo_item: tuple[Evidence, bytes], client_for: Any
) -> None:
    item, _photo = photo_item
    legacy = b"%PDF-1.4 LEGACY-MARKER evidence stored in clear"
    name = default_storage.save(f"intake/sealed/{uuid.uuid4().hex}.pdf", ContentFile(legacy))
    Evidence.objects.filter(pk=item.pk).update(
        original=name, content_type="application/pdf", stripped=""
    )
    officer = client_for("bawaslu_oku")
    before = officer.post(f"/staf/bukti/{item.pk}/asli/", {"reason": "Pemeriksaan ulang berkas"})
    assert _body(before) == legacy  # still opens before the migration ran

    out = io.StringIO()
    call_command("seal", "files", stdout=out)
    assert "1 sealed" in out.getvalue()

    item.refresh_from_db()
    stored = _on_disk(str(item.original.name)).read_bytes()
    assert b"LEGACY-MARKER" not in stored and not default_storage.exists(name)
    assert str(item.original.name).endswith(".pdf")
    after = officer.post(f"/staf/bukti/{item.pk}/asli/", {"reason": "Pemeriksaan ulang berkas"})
    assert _body(after) == legacy
    again = io.StringIO()
    call_command("seal", "files", stdout=again)
    assert "0 sealed" in again.getvalue()  # idempotent
