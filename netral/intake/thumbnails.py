"""Small previews of a report's images for the reporter's status page.

Made at request time from the stripped copy (decrypted as staff read it; never the sealed
original), as a small JPEG of the pixels only: nothing of any metadata block can travel with
it. Decoding shares the evidence check's limit on images decoded at once.
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from netral.intake import evidence as ev
from netral.intake import sealed_files
from netral.intake.models import Evidence
from netral.intake.sealing import SealError

SIDE = 160  # pixels, the long side: a thumbnail in a list on a phone


class NoThumbnail(Exception):
    """The image cannot be previewed now (busy, or the stored copy is unreadable)."""


def thumbnail(item: Evidence) -> bytes:
    if not item.stripped:
        raise NoThumbnail(item.pk)
    if not ev.DECODERS.acquire(timeout=ev.DECODE_WAIT_SECONDS):
        raise NoThumbnail(item.pk)
    try:
        with sealed_files.open_file(str(item.stripped.name)) as fh:
            data = io.BytesIO(fh.read())  # a few MB at most (VIEW_MAX_SIDE); Pillow seeks
        with Image.open(data) as img:
            img.draft("RGB", (SIDE * 2, SIDE * 2))  # JPEG: decode at a reduced scale
            img.thumbnail((SIDE, SIDE))
            small = img.convert("RGBA")
        flat = Image.new("RGB", small.size, "white")
        flat.paste(small, mask=small.getchannel("A"))  # a transparent screenshot on white
        out = io.BytesIO()
        flat.save(out, format="JPEG", quality=80)
        return out.getvalue()
    except (
        OSError,
        UnidentifiedImageError,
        ValueError,
        Image.DecompressionBombError,
        SealError,
    ) as exc:
        raise NoThumbnail(item.pk) from exc
    finally:
        ev.DECODERS.release()
