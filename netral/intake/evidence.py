"""Evidence files: checked by content, hashed, stored under random names, images stripped.

The original is kept byte for byte (it is evidence: its metadata may matter in an examination)
but sealed, encrypted at rest like the reporter's identity (`sealed_files`), and only
`services.evidence_original_open` gives it out, to an authorised role, and audits it. What
staff see of an image is a re-encoded copy built from its pixels alone (encrypted at rest too),
so no EXIF block, GPS position, camera serial or embedded thumbnail survives. PDF and video
cannot be cleaned this way, so they stay sealed originals only.
"""

from __future__ import annotations

import hashlib
import io
import threading
import unicodedata
import uuid
from dataclasses import dataclass
from typing import IO, Any

import puremagic
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from netral.intake import sealed_files

# Limits (per file, per report). A phone video of a campaign event fits in 50 MB.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_FILES_PER_REPORT = 10
MAX_LINKS_PER_REPORT = 10
MAX_FILES_PER_UPLOAD = 5

# Pixels, by what phones produce. JPEG (a phone's camera: 12 MP by default, 48-50 MP in full
# resolution modes) is decoded at a reduced scale straight from the file (JPEG's draft mode),
# so even 50 MP costs no more than a 12 MP picture. PNG and WebP (screenshots, images saved
# from chat apps: a phone screen is 3 MP) must be decoded whole: 4 bytes a pixel.
MAX_IMAGE_PIXELS = {"image/jpeg": 50_000_000, "image/png": 24_000_000, "image/webp": 24_000_000}
# The cleaned copy staff look at; the sealed original keeps every pixel.
VIEW_MAX_SIDE = 4096
# Images decoded at once per process (the server runs several threads); the rest wait this
# long, then are refused with a message rather than piling up memory.
DECODERS = threading.BoundedSemaphore(int(getattr(settings, "IMAGE_DECODERS", 2)))
DECODE_WAIT_SECONDS = 20

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
    # For images: the cleaned copy made while checking (decoding it is the only real check).
    stripped: bytes | None = None
    stripped_type: str = ""


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
        raise EvidenceRejected(
            _("%(f)s berukuran %(s)s MB; batasnya %(m)d MB per berkas.")
            % {"f": label, "s": f"{size / 1_048_576:.1f}", "m": MAX_FILE_BYTES // 1_048_576}
        )
    mime = detect_type(_read_head(upload))
    if mime is None:
        raise EvidenceRejected(
            _(
                "%(f)s bukan jenis berkas yang diterima (%(ok)s); jenis "
                "diperiksa dari isinya, bukan dari namanya."
            )
            % {"f": label, "ok": ALLOWED_LABEL}
        )
    stripped, stripped_type = strip_image(upload, mime, label) if ALLOWED[mime][1] else (None, "")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1 << 20), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        content_type=mime,
        size=size,
        sha256=digest.hexdigest(),
        stripped=stripped,
        stripped_type=stripped_type,
    )


def strip_image(upload: IO[bytes], content_type: str, label: str = "") -> tuple[bytes, str]:
    """A copy made of the pixels only (orientation applied, every metadata block dropped, at
    most VIEW_MAX_SIDE pixels a side). A file that does not decode whole (a truncated photo
    passes Pillow's verify()) is refused with a message naming it."""
    label = label or _("berkas")
    if not DECODERS.acquire(timeout=DECODE_WAIT_SECONDS):
        raise EvidenceRejected(
            _(
                "Server sedang memproses banyak gambar; %(f)s belum dapat "
                "diperiksa. Kirim lagi sebentar lagi (isian Anda tetap ada)."
            )
            % {"f": label}
        )
    try:
        upload.seek(0)
        return _clean_copy(upload, content_type, label)
    except EvidenceRejected:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise EvidenceRejected(
            _("%(f)s tidak dapat dibaca sebagai gambar (rusak atau terpotong?).") % {"f": label}
        ) from exc
    finally:
        DECODERS.release()
        upload.seek(0)


def _clean_copy(upload: IO[bytes], content_type: str, label: str) -> tuple[bytes, str]:
    with Image.open(upload) as img:
        limit = MAX_IMAGE_PIXELS.get(content_type, min(MAX_IMAGE_PIXELS.values()))
        if img.width * img.height > limit:
            raise EvidenceRejected(
                _(
                    "%(f)s terlalu besar (%(w)d×%(h)d piksel; batasnya "
                    "%(m)d megapiksel untuk berkas jenis ini)."
                )
                % {"f": label, "w": img.width, "h": img.height, "m": limit // 1_000_000}
            )
        keep_alpha = content_type == "image/png" and img.mode in {"RGBA", "LA", "P", "PA"}
        mode = "RGBA" if keep_alpha else "RGB"
        # JPEG decodes at 1/2, 1/4 or 1/8 scale for free: a 48 MP photo never exists at full
        # size in memory. draft() keeps at least the size asked for, so asking for half the
        # view size lets it halve a photo whose long side is up to 4 x VIEW_MAX_SIDE.
        fit = (VIEW_MAX_SIDE // 2) / max(img.size)
        if fit < 1:
            img.draft(mode, (max(1, int(img.width * fit)), max(1, int(img.height * fit))))
        # WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process when it is
        # imported (the PDF reports import it): a truncated upload would then decode padded
        # with grey and pass. Evidence must decode whole, so the flag is off for this check.
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        img.load()  # raises on a truncated or corrupt file
        orientation = img.getexif().get(0x0112, 1)
        clean = img if img.mode == mode else img.convert(mode)
        if max(clean.size) > VIEW_MAX_SIDE:
            clean.thumbnail((VIEW_MAX_SIDE, VIEW_MAX_SIDE))
        if orientation != 1:
            clean = ImageOps.exif_transpose(clean.copy() if clean is img else clean)
        # Nothing of the file's metadata (EXIF, GPS, XMP, ICC, text chunks) may reach the copy.
        clean.info = {}
        out = io.BytesIO()
        if keep_alpha:
            clean.save(out, format="PNG", compress_level=6)
            return out.getvalue(), "image/png"
        clean.save(out, format="JPEG", quality=90)
        return out.getvalue(), "image/jpeg"


def file_name(upload: Any) -> str:
    """The upload's own name, as a label only (files are stored under random names): no folder,
    no control characters, at most 200 characters with the extension kept."""
    raw = str(getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        ch for ch in unicodedata.normalize("NFC", raw) if unicodedata.category(ch)[0] != "C"
    )
    name = name.strip()
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem[: 199 - len(ext)]}.{ext}" if dot and len(ext) <= 10 else name[:200]
    return name


def store_original(upload: IO[bytes], content_type: str) -> str:
    ext = ALLOWED[content_type][0]
    return sealed_files.save(f"{SEALED_DIR}/{uuid.uuid4().hex}{ext}", upload)


def store_stripped(data: bytes, content_type: str) -> str:
    # The cleaned copy still shows the scene (and may show the reporter): sealed as well.
    ext = ".png" if content_type == "image/png" else ".jpg"
    return sealed_files.save(f"{STRIPPED_DIR}/{uuid.uuid4().hex}{ext}", io.BytesIO(data))


def can_strip(content_type: str) -> bool:
    return ALLOWED.get(content_type, ("", False))[1]
