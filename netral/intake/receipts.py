"""Receipt codes: what a reporter holds instead of an account.

Design. A receipt is 24 Crockford base-32 characters, read aloud in six groups of four:

    LLLL-LLLL-SSSS-SSSS-SSSS-SSSS

- the first 8 characters (40 random bits) are the *lookup id*: stored in clear, unique, they
  find the row without scanning (a slow hash with a per-receipt salt cannot be searched);
- the last 16 characters (80 random bits) are the *secret*: stored only as scrypt(secret,
  salt) with a random 16-byte salt per receipt. A stolen database gives the lookup ids but no
  receipt: recovering one secret costs 2^80 scrypt evaluations.

Crockford's alphabet leaves out I, L, O and U, so a code read over the phone is not misheard;
typed input is forgiving (lower case, spaces, dashes, O for 0, I/L for 1 are accepted).
Verification always runs one scrypt, also for an unknown lookup id, so that timing does not
tell which ids exist.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LOOKUP_CHARS = 8
SECRET_CHARS = 16  # 16 × 5 bits = 80 bits
GROUP = 4
# scrypt cost: N=2^14, r=8 uses 16 MiB and takes tens of milliseconds: cheap for one honest
# look-up, ruinous for a guesser (and guessing online is throttled besides).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_TRANSLATE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_DUMMY_SALT = b"netral-dummy-salt"


@dataclass(frozen=True)
class NewReceipt:
    code: str  # shown to the reporter once, never stored
    lookup: str
    salt: bytes
    digest: bytes


def _random_chars(count: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def slow_hash(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        secret.encode(),
        salt=salt,
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        maxmem=64 * 1024 * 1024,
        dklen=32,
    )


def issue() -> NewReceipt:
    lookup, secret = _random_chars(LOOKUP_CHARS), _random_chars(SECRET_CHARS)
    salt = secrets.token_bytes(16)
    return NewReceipt(
        code=format_code(lookup + secret), lookup=lookup, salt=salt, digest=slow_hash(secret, salt)
    )


def normalize(text: str) -> str | None:
    """The 24 significant characters of a typed receipt, or None if it cannot be one."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch not in " -_.\t\n")
    cleaned = cleaned.translate(_TRANSLATE)
    if len(cleaned) != LOOKUP_CHARS + SECRET_CHARS or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def split(normalized: str) -> tuple[str, str]:
    return normalized[:LOOKUP_CHARS], normalized[LOOKUP_CHARS:]


def matches(secret: str, salt: bytes | None, digest: bytes | None) -> bool:
    """Constant work whether or not a row was found (salt/digest None for a miss)."""
    computed = slow_hash(secret, bytes(salt) if salt else _DUMMY_SALT)
    return digest is not None and hmac.compare_digest(computed, bytes(digest))


def from_code(code: str) -> NewReceipt:
    """A receipt for a given code: only for the documented demo report (see intake.demo)."""
    normalized = normalize(code)
    if normalized is None:
        raise ValueError("not a receipt code")
    lookup, secret = split(normalized)
    salt = secrets.token_bytes(16)
    return NewReceipt(
        code=format_code(normalized), lookup=lookup, salt=salt, digest=slow_hash(secret, salt)
    )
