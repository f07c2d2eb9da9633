"""Evidence files: checked by content, hashed, stored under random names, images stripped.

The original is kept byte for byte (it is evidence: its metadata may matter in an examination)
but sealed: only `services.evidence_original_open` gives it out, to an authorised role, and
audits it. What staff see of an image is a re-encoded copy built from its pixels alone, so no
EXIF block, GPS position, camera serial or embedded thumbnail survives. PDF and video cannot be
cleaned this way, so they stay sealed originals only.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass
from typing import IO, Any

import puremagic
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Limits (per file, per report). A phone video of a campaign event fits in 50 MB.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000
MAX_FILES_PER_REPORT = 10
MAX_LINKS_PER_REPORT = 10
MAX_FILES_PER_UPLOAD = 5

# Detected MIME type → (stored extension, can be stripped into a clean image)
ALLOWED: dict[str, tuple[str, bool]] = {
    "image/jpeg": (".jpg", True),
    "image/png": (".png", True),
    "image/webp": (".webp", True),
    "image/heic": (".heic", False),  # no HEIF decoder installed: kept sealed, not previewed
    "application/pdf": (".pdf", False),
    "video/mp4": (".mp4", False),
    "video/quicktime": (".mov", False),
}
_ALIASES = {"image/heif": "image/heic", "image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg"}
ALLOWED_LABEL = "JPEG, PNG, WebP, HEIC, PDF, MP4, MOV"
SEALED_DIR = "intake/sealed"
STRIPPED_DIR = "intake/stripped"


class EvidenceRejected(ValueError):
    """The file cannot be accepted; the message says why, in words for the reporter."""


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    sha256: str


def _read_head(upload: IO[bytes], n: int = 4096) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def detect_type(head: bytes) -> str | None:
    """The MIME type by the file's content (its name and the browser's claim are ignored)."""
    if head[4:8] == b"ftyp" and head[8:12] == b"qt  ":
        return "video/quicktime"
    try:
        matches = puremagic.magic_string(head)
    except puremagic.PureError:
        return None
    for match in matches:
        mime = _ALIASES.get(match.mime_type, match.mime_type)
        if mime in ALLOWED:
            return mime
    return None


def check(upload: Any, *, name: str = "") -> CheckedFile:
    """Size, type by content, a real decodable image for image types, and the SHA-256."""
    size = int(getattr(upload, "size", 0) or 0)
    label = name or _("berkas")
    if size == 0:
        raise EvidenceRejected(_("%(f)s kosong (0 bita).") % {"f": label})
    if size > MAX_FILE_BYTES:
        raise EvidenceRejected(_("%(f)s berukuran %(s)s MB; batasnya %(m)d MB per berkas.") % {
            "f": label, "s": f"{size / 1_048_576:.1f}", "m": MAX_FILE_BYTES // 1_048_576})
    mime = detect_type(_read_head(upload))
    if mime is None:
        raise EvidenceRejected(_("%(f)s bukan jenis berkas yang diterima (%(ok)s); jenis "
                                 "diperiksa dari isinya, bukan dari namanya.")
                               % {"f": label, "ok": ALLOWED_LABEL})
    if ALLOWED[mime][1]:
        _verify_image(upload, label)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1 << 20), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(content_type=mime, size=size, sha256=digest.hexdigest())


def _verify_image(upload: IO[bytes], label: str) -> None:
    try:
        upload.seek(0)
        with Image.open(upload) as img:
            if img.width * img.height > MAX_IMAGE_PIXELS:
                raise EvidenceRejected(_("%(f)s terlalu besar (%(w)d×%(h)d piksel).") % {
                    "f": label, "w": img.width, "h": img.height})
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise EvidenceRejected(_("%(f)s tidak dapat dibaca sebagai gambar (rusak?).")
                               % {"f": label}) from exc
    finally:
        upload.seek(0)


def strip_image(upload: IO[bytes], content_type: str) -> tuple[bytes, str]:
    """A copy made of the pixels only: orientation applied, every metadata block dropped."""
    upload.seek(0)
    with Image.open(upload) as img:
        img.load()
        upright = ImageOps.exif_transpose(img) or img
        keep_alpha = content_type == "image/png" and upright.mode in {"RGBA", "LA", "P"}
        mode = "RGBA" if keep_alpha else "RGB"
        # A fresh image from raw pixels carries no info dict, so nothing can leak through it.
        clean = Image.frombytes(mode, upright.size, upright.convert(mode).tobytes())
    out = io.BytesIO()
    if keep_alpha:
        clean.save(out, format="PNG", optimize=True)
        result = out.getvalue(), "image/png"
    else:
        clean.save(out, format="JPEG", quality=90)
        result = out.getvalue(), "image/jpeg"
    upload.seek(0)
    return result


def store_original(upload: IO[bytes], content_type: str) -> str:
    ext = ALLOWED[content_type][0]
    upload.seek(0)
    return default_storage.save(f"{SEALED_DIR}/{uuid.uuid4().hex}{ext}", upload)


def store_stripped(data: bytes, content_type: str) -> str:
    ext = ".png" if content_type == "image/png" else ".jpg"
    return default_storage.save(f"{STRIPPED_DIR}/{uuid.uuid4().hex}{ext}", ContentFile(data))


def can_strip(content_type: str) -> bool:
    return ALLOWED.get(content_type, ("", False))[1]
