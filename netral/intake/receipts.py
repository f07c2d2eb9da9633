"""Receipt codes: what a reporter holds instead of an account.

Design. A receipt is 24 Crockford base-32 characters, read aloud in six groups of four:

    LLLL-LLLL-SSSS-SSSS-SSSS-SSSS

- the first 8 characters (40 random bits) are the *lookup id*: stored in clear, unique, they
  find the row without scanning (a slow hash with a per-receipt salt cannot be searched);
- the last 16 characters (80 random bits) are the *secret*: stored only as
  HMAC-SHA256(receipt key, secret), the receipt key derived from NETRAL_AUDIT_KEY (a secret
  kept out of the database and out of reach of its administrators). A stolen database gives
  the lookup ids but no receipt: without the key the digests say nothing, and with it
  recovering one secret still costs 2^80 HMAC evaluations. A slow KDF adds nothing to 80
  random bits and cost ~30 ms of CPU per report and per look-up (issue 12, item 7).

Receipts issued before that were stored as scrypt(secret, salt) with a random 16-byte salt;
they still verify (their salt column holds the salt, a keyed digest's holds HMAC_MARK), and a
reporter's first successful look-up re-stores the digest keyed (see `upgraded`).

Crockford's alphabet leaves out I, L, O and U, so a code read over the phone is not misheard;
typed input is forgiving (lower case, spaces, dashes, O for 0, I/L for 1 are accepted).
Verification always runs one HMAC and one constant-time comparison, also for an unknown
lookup id, so that timing does not tell which ids exist (only a not yet upgraded scrypt
receipt costs more, and only to someone holding a valid lookup id).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LOOKUP_CHARS = 8
SECRET_CHARS = 16  # 16 × 5 bits = 80 bits
GROUP = 4
# The receipts of before the keyed digest: scrypt N=2^14, r=8 (16 MiB, tens of milliseconds).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_TRANSLATE = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Stored in the salt column of a keyed (HMAC) digest; scrypt salts are 16 random bytes.
HMAC_MARK = b"hmac-sha256"
_DUMMY_DIGEST = bytes(32)


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


def _receipt_key() -> bytes:
    key = str(settings.AUDIT_KEY)
    if not key:
        raise RuntimeError("NETRAL_AUDIT_KEY is empty")
    # A key of its own, derived: an audit entry's MAC and a receipt digest never coincide.
    return hmac.new(key.encode(), b"netral-receipt-key:v1", hashlib.sha256).digest()


def keyed_hash(secret: str) -> bytes:
    return hmac.new(_receipt_key(), b"netral-receipt:" + secret.encode(), hashlib.sha256).digest()


def _new(lookup: str, secret: str) -> NewReceipt:
    return NewReceipt(
        code=format_code(lookup + secret),
        lookup=lookup,
        salt=HMAC_MARK,
        digest=keyed_hash(secret),
    )


def issue() -> NewReceipt:
    return _new(_random_chars(LOOKUP_CHARS), _random_chars(SECRET_CHARS))


def normalize(text: str) -> str | None:
    """The 24 significant characters of a typed receipt, or None if it cannot be one."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch not in " -_.\t\n")
    cleaned = cleaned.translate(_TRANSLATE)
    if len(cleaned) != LOOKUP_CHARS + SECRET_CHARS or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def split(normalized: str) -> tuple[str, str]:
    return normalized[:LOOKUP_CHARS], normalized[LOOKUP_CHARS:]


def is_keyed(salt: bytes | None) -> bool:
    return salt is not None and bytes(salt) == HMAC_MARK


def matches(secret: str, salt: bytes | None, digest: bytes | None) -> bool:
    """Constant work whether or not a row was found (salt/digest None for a miss): one HMAC
    and one constant-time comparison; a receipt stored with scrypt runs scrypt instead."""
    if salt is None or digest is None or is_keyed(salt):
        computed = keyed_hash(secret)
        return hmac.compare_digest(computed, bytes(digest) if digest else _DUMMY_DIGEST) and (
            digest is not None
        )
    return hmac.compare_digest(slow_hash(secret, bytes(salt)), bytes(digest))


def upgraded(secret: str, salt: bytes | None) -> NewReceipt | None:
    """For a receipt still stored with scrypt that just matched: its keyed digest, to store in
    place of the slow one (the secret is at hand only now). None if it is keyed already."""
    if salt is None or is_keyed(salt):
        return None
    return NewReceipt(code="", lookup="", salt=HMAC_MARK, digest=keyed_hash(secret))


def from_code(code: str) -> NewReceipt:
    """A receipt for a given code: only for the documented demo report (see intake.demo)."""
    normalized = normalize(code)
    if normalized is None:
        raise ValueError("not a receipt code")
    return _new(*split(normalized))


def open_stored(rows: QuerySet[Any], code: str) -> Any | None:
    """The row of `rows` (with receipt_lookup, receipt_salt and receipt_digest) that this
    receipt opens, or None, with the same work for a miss, a malformed code and a hit. A row
    stored before the keyed digest is stored keyed from its first opening."""
    normalized = normalize(code)
    if normalized is None:
        matches("0" * SECRET_CHARS, None, None)
        return None
    lookup, secret = split(normalized)
    found = rows.filter(receipt_lookup=lookup).first()
    salt = bytes(found.receipt_salt) if found is not None else None
    digest = bytes(found.receipt_digest) if found is not None else None
    if not matches(secret, salt, digest) or found is None:
        return None
    keyed = upgraded(secret, salt)
    if keyed is not None:
        rows.filter(pk=found.pk).update(receipt_salt=keyed.salt, receipt_digest=keyed.digest)
    return found
