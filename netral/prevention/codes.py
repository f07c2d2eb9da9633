"""Personal codes (what an ASN signs with) and verification codes (what a certificate shows).

Both are Crockford base-32, read in groups of four, forgiving when typed (lower case, spaces,
dashes, O for 0, I/L for 1). A personal code is 12 characters (60 random bits) and, with the
birth date, opens one invitation; it is stored as an HMAC digest under the server's secret key
(to find the invitation) and sealed with the identity key (to print or mail it again), never
in clear. Guessing online is throttled (`throttle.py`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from netral.intake import sealing

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PERSONAL_CHARS = 12
VERIFICATION_CHARS = 12
_TRANSLATE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _random(count: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


def grouped(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalize(typed: str) -> str:
    cleaned = "".join(ch for ch in (typed or "").upper() if ch.isalnum())
    return cleaned.translate(_TRANSLATE)


def digest(code: str) -> str:
    key = str(settings.SECRET_KEY).encode()
    return hmac.new(key, b"pact-code:" + normalize(code).encode(), hashlib.sha256).hexdigest()


def personal_new() -> tuple[str, str, bytes]:
    """(code as shown, digest, sealed)."""
    code = grouped(_random(PERSONAL_CHARS))
    return code, digest(code), sealing.seal({"code": code})


def personal_open(sealed: bytes | memoryview) -> str:
    return str(sealing.unseal(sealed).get("code", ""))


def verification_new() -> str:
    return grouped(_random(VERIFICATION_CHARS))


def verification_normalize(typed: str) -> str:
    raw = normalize(typed)
    return grouped(raw) if len(raw) == VERIFICATION_CHARS else ""
