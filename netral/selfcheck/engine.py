"""The self-check: the detector over the stored elections (netral.elections.detection), and
the catalogue wording for the items it points to.

Nothing here writes: the text is classified in memory and forgotten (no model rows, no log
line holds it). The rate-limit counter in the cache is keyed by an HMAC of the address.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import DatabaseError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from netral.detection.detector import Result
from netral.elections.detection import detection_elections, detector_for
from netral.throttling import client_key

MAX_TEXT = 5000  # characters: a long post; beyond this the request is refused (422)
MAX_BODY = 20_000  # bytes of a JSON or form body (413 beyond)
RATE = "30/m"

# Short Indonesian titles when the catalogue tables are not loaded yet (legal-notes §1.3-§2.3).
_FALLBACK = {
    "E2": "Sosialisasi/kampanye media sosial/online bakal calon",
    "E4": "Membuat posting, comment, share, like, bergabung/follow grup atau akun pemenangan "
    "bakal calon",
    "E5": "Memposting foto bersama bakal calon, tim sukses, simbol keberpihakan atau alat peraga",
    "D2": "Sosialisasi/kampanye media sosial/online calon",
    "D6": "Membuat posting, comment, share, like, bergabung/follow grup atau akun pemenangan calon",
    "D7": "Memposting foto bersama calon, tim sukses, simbol keberpihakan atau alat peraga",
    "PP94-5n-5": "Membuat keputusan dan/atau tindakan yang menguntungkan atau merugikan salah "
    "satu pasangan calon",
    "PP94-5n-6": "Mengadakan kegiatan yang mengarah kepada keberpihakan (pertemuan, ajakan, "
    "himbauan, seruan, pemberian barang)",
}


@dataclass(frozen=True)
class Item:
    code: str
    title: str
    sanction: str
    confirmed: bool


def election_choices() -> list[tuple[str, str]]:
    """The stored elections, newest first (an imported one appears at once)."""
    return [(e.code, e.name) for e in reversed(detection_elections())]


def check(text: str, *, election: str | None = None, posted_at: dt.date | None = None) -> Result:
    return detector_for(election or None).detect(text, posted_at)


def describe(codes: list[str]) -> list[Item]:
    """Catalogue wording and sanction for each code, in the order given."""
    found: dict[str, Item] = {}
    try:
        from netral.catalogue.models import Violation

        for v in Violation.objects.filter(code__in=codes).select_related("default_sanction"):
            sanction = v.default_sanction.name if v.default_sanction else v.get_level_display()
            found[v.code] = Item(v.code, v.title, str(sanction or ""), v.is_confirmed())
    except (ImportError, DatabaseError):
        pass  # catalogue not migrated yet: fall back to the short titles
    return [found.get(c) or Item(c, _FALLBACK.get(c, c), "", False) for c in codes]


def highlight(text: str, result: Result) -> list[tuple[str, str | None]]:
    """The text cut into (piece, reason-or-None) so the template can mark the evidence."""
    spans = sorted((e.start, e.end, e.reason) for e in result.evidence if e.end > e.start)
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, reason in spans:
        if start < pos:  # overlapping evidence: extend the reason of the mark already made
            continue
        if start > pos:
            pieces.append((text[pos:start], None))
        pieces.append((text[start:end], reason))
        pos = end
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces


def rate_limited(request: HttpRequest) -> bool:
    usage = get_usage(request, group="selfcheck", key=client_key, rate=RATE, increment=True)
    return bool(usage and usage["count"] > usage["limit"])


def phase_label(phase: str | None) -> str:
    return {
        "before": _("sebelum penetapan calon: kode etik (sanksi moral)"),
        "after": _("setelah penetapan calon: hukuman disiplin"),
    }.get(phase or "", _("tahapan tidak diketahui: bisa kode etik atau disiplin"))
