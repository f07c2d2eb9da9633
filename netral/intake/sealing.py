"""Sealing the reporter's identity: encrypted at rest, opened only through an audited service.

The key comes from NETRAL_IDENTITY_KEY (settings.IDENTITY_KEY). Several keys may be given,
comma-separated, to rotate: the first encrypts, all decrypt; `netral seal rotate` re-encrypts
everything under the first (netral.intake.rotation). The embedded default is a key
file created in the data folder on first run (see settings.local_secret), never a key in code.
Each configured secret is stretched to a Fernet key (AES-128-CBC + HMAC-SHA256) with SHA-256,
so an operator may set any long random string.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class SealError(RuntimeError):
    """The sealed data cannot be opened with the configured keys."""


def _fernet_key(secret: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(b"netral-identity:" + secret.encode()).digest())


@cache
def _box(raw_keys: str) -> MultiFernet:
    keys = [k.strip() for k in raw_keys.split(",") if k.strip()]
    if not keys:
        raise SealError("NETRAL_IDENTITY_KEY is empty")
    return MultiFernet([Fernet(_fernet_key(k)) for k in keys])


def _current_box() -> MultiFernet:
    return _box(str(settings.IDENTITY_KEY))


def seal(data: dict[str, Any]) -> bytes:
    return _current_box().encrypt(json.dumps(data, ensure_ascii=False).encode())


def unseal(token: bytes | memoryview) -> dict[str, Any]:
    try:
        plain = _current_box().decrypt(bytes(token))
    except InvalidToken as exc:
        raise SealError(
            "identity cannot be opened with the configured NETRAL_IDENTITY_KEY"
        ) from exc
    loaded = json.loads(plain)
    return loaded if isinstance(loaded, dict) else {}


def reseal(token: bytes | memoryview) -> bytes:
    """The same sealed value, encrypted again under the first key (key rotation)."""
    try:
        return _current_box().rotate(bytes(token))
    except InvalidToken as exc:
        raise SealError(
            "identity cannot be opened with the configured NETRAL_IDENTITY_KEY"
        ) from exc


def _replay_box(client_key: bytes) -> Fernet:
    # Needs both the server's secret and the client's Idempotency-Key (stored only hashed):
    # the database alone cannot open it.
    material = b"netral-replay:" + str(settings.SECRET_KEY).encode() + b":" + client_key
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(material).digest()))


def seal_with(client_key: bytes, text: str) -> bytes:
    return _replay_box(client_key).encrypt(text.encode())


def open_with(client_key: bytes, token: bytes | memoryview) -> str | None:
    try:
        return _replay_box(client_key).decrypt(bytes(token)).decode()
    except InvalidToken:
        return None
