"""Evidence files encrypted at rest under the identity key (NETRAL_IDENTITY_KEY).

A reporter's photo can name them as surely as their name does, so what they (and monitors)
upload is kept like their identity: the first configured key seals, every configured key opens,
and `netral seal rotate` re-seals under the first key so that an old one can be retired.

Files can be large (a 50 MB video), so they are sealed in chunks rather than as one Fernet
token held in memory: AES-256-GCM, 64 KiB a chunk, each chunk's nonce its number plus a flag
on the last one (so chunks cannot be reordered, dropped or the file cut short unnoticed), and
every chunk bound to the header. Each file has its own key, derived with HKDF from the
configured secret and a random salt in the header; the header also names which secret (by a
fingerprint, not the secret) sealed it.

Layout: MAGIC | key fingerprint (8) | salt (16) | chunk… where chunk = ciphertext + tag (16).

Files written before sealing existed have no MAGIC: they still open as they are, and
`seal_plain_files` (a data migration, and `netral seal files`) seals them where they lie.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator
from functools import cache
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage

from netral.intake.sealing import SealError

MAGIC = b"NETRAL-SEALED-1\n"
KEY_ID_BYTES = 8
SALT_BYTES = 16
HEADER_BYTES = len(MAGIC) + KEY_ID_BYTES + SALT_BYTES
CHUNK = 64 * 1024
TAG = 16


@cache
def _keys(raw_keys: str) -> tuple[tuple[bytes, bytes], ...]:
    """(fingerprint, master key) per configured secret, the sealing one first."""
    secrets = [k.strip() for k in raw_keys.split(",") if k.strip()]
    if not secrets:
        raise SealError("NETRAL_IDENTITY_KEY is empty")
    return tuple(
        (
            hashlib.sha256(b"netral-file-id:" + s.encode()).digest()[:KEY_ID_BYTES],
            hashlib.sha256(b"netral-file:" + s.encode()).digest(),
        )
        for s in secrets
    )


def _configured() -> tuple[tuple[bytes, bytes], ...]:
    return _keys(str(settings.IDENTITY_KEY))


def _file_cipher(master: bytes, salt: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"netral-file-v1")
    return AESGCM(hkdf.derive(master))


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _sealed_chunks(source: IO[bytes]) -> Iterator[bytes]:
    key_id, master = _configured()[0]
    salt = os.urandom(SALT_BYTES)
    header = MAGIC + key_id + salt
    cipher = _file_cipher(master, salt)
    yield header
    index, chunk = 0, source.read(CHUNK)
    while True:
        following = source.read(CHUNK) if len(chunk) == CHUNK else b""
        last = not following
        yield cipher.encrypt(_nonce(index, last), chunk, header)
        if last:
            return
        index, chunk = index + 1, following


class _Sealing(io.RawIOBase):
    """Reads as the sealed form of `source`, a chunk at a time."""

    def __init__(self, source: IO[bytes]) -> None:
        self._chunks = _sealed_chunks(source)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class _Opened(io.RawIOBase):
    """Reads as the plain content of a sealed file; a chunk that fails its tag stops the read."""

    def __init__(self, raw: IO[bytes], header: bytes, cipher: AESGCM) -> None:
        self._raw, self._header, self._cipher = raw, header, cipher
        self._index = 0
        self._next = raw.read(CHUNK + TAG)
        self._plain = b""
        self._done = False
        self._fill()  # a wrong key or a damaged file fails here, before any byte is served

    def readable(self) -> bool:
        return True

    def _fill(self) -> None:
        current = self._next
        if not current:
            if self._index == 0:
                raise SealError("sealed file is empty past its header")
            self._done = True
            return
        self._next = self._raw.read(CHUNK + TAG)
        last = not self._next
        try:
            self._plain = self._cipher.decrypt(_nonce(self._index, last), current, self._header)
        except InvalidTag as exc:
            raise SealError("sealed file is damaged or cut short") from exc
        self._index += 1
        self._done = last

    def readinto(self, buffer: Any) -> int:
        while not self._plain:
            if self._done:
                return 0
            self._fill()
        n = min(len(buffer), len(self._plain))
        buffer[:n] = self._plain[:n]
        self._plain = self._plain[n:]
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def save(
    name: str, source: IO[bytes], *, storage: Storage | None = None, rewind: bool = True
) -> str:
    """Seal `source` (from its start) into storage under `name` (or a free name like it)."""
    if rewind:
        source.seek(0)
    store = storage or default_storage
    # A plain File: an uploaded temporary file would otherwise be moved into place as it is.
    sealed = io.BufferedReader(_Sealing(source), buffer_size=CHUNK)
    return store.save(name, File(sealed, name=os.path.basename(name)))


def _header(handle: IO[bytes]) -> tuple[bytes, bytes, bytes] | None:
    """(header, key fingerprint, salt) of a sealed file, None for a plain (legacy) one."""
    head = handle.read(HEADER_BYTES)
    if not head.startswith(MAGIC) or len(head) < HEADER_BYTES:
        return None
    return head, head[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES], head[-SALT_BYTES:]


def open_file(name: str, *, storage: Storage | None = None) -> IO[bytes]:
    """The plain content of a stored file: sealed ones are opened with the configured keys,
    plain ones (written before sealing) are read as they are."""
    raw = (storage or default_storage).open(name, "rb")
    found = _header(raw)
    if found is None:
        raw.seek(0)
        return raw
    header, key_id, salt = found
    master = dict(_configured()).get(key_id)
    if master is None:
        raw.close()
        raise SealError(f"{name} was sealed with a key not in NETRAL_IDENTITY_KEY")
    return io.BufferedReader(_Opened(raw, header, _file_cipher(master, salt)), buffer_size=CHUNK)


def state(name: str, *, storage: Storage | None = None) -> str:
    """ "current" (sealed with the first key), "old" (another configured key), "unknown" (a
    key no longer configured) or "plain"."""
    with (storage or default_storage).open(name, "rb") as raw:
        found = _header(raw)
    if found is None:
        return "plain"
    keys = _configured()
    if found[1] == keys[0][0]:
        return "current"
    return "old" if found[1] in dict(keys) else "unknown"


def reseal(name: str, *, storage: Storage | None = None) -> str:
    """Seal a stored file again under the first key, as a new file next to it; returns the new
    name (the caller points its row at it, then `discard`s the old one)."""
    store = storage or default_storage
    with open_file(name, storage=store) as plain:
        return save(name, plain, storage=store, rewind=False)
