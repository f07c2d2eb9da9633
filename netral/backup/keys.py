"""The keys in a backup: never in clear. Encrypted with a passphrase (scrypt → Fernet)."""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings

from netral.config import env_secret

# (setting, environment variable, file in the data folder). The audit key joins when the audit
# trail has one (settings.AUDIT_KEY, NETRAL_AUDIT_KEY).
SECRETS = (
    ("IDENTITY_KEY", "NETRAL_IDENTITY_KEY", "identity_key"),
    ("SECRET_KEY", "NETRAL_SECRET_KEY", "secret_key"),
    ("AUDIT_KEY", "NETRAL_AUDIT_KEY", "audit_key"),
)
MIN_PASSPHRASE = 12
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


class PassphraseError(Exception):
    """The passphrase is missing, too short or wrong."""


def _fernet(passphrase: str, salt: bytes, params: dict[str, int]) -> Fernet:
    kdf = Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"])
    return Fernet(base64.urlsafe_b64encode(kdf.derive(passphrase.encode())))


def current_secrets() -> dict[str, str]:
    """The secrets this Netral has, by environment variable name. A local key that was never
    made (its file is absent) is not made now: nothing was sealed with it."""
    found = {}
    for setting, env_name, filename in SECRETS:
        configured = env_secret(env_name) or (
            str(getattr(settings, setting, "")) if (settings.DATA_DIR / filename).exists() else ""
        )
        if configured:
            found[env_name] = configured
    return found


def seal(passphrase: str) -> tuple[bytes, dict[str, Any]]:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")
    salt = os.urandom(16)
    secrets = current_secrets()
    token = _fernet(passphrase, salt, _SCRYPT).encrypt(json.dumps(secrets).encode())
    meta = {
        "kdf": "scrypt",
        **_SCRYPT,
        "salt": base64.b64encode(salt).decode(),
        "cipher": "fernet",
        "contains": sorted(secrets),
    }
    return token, meta


def unseal(token: bytes, meta: dict[str, Any], passphrase: str) -> dict[str, str]:
    salt = base64.b64decode(meta["salt"])
    params = {k: int(meta[k]) for k in ("n", "r", "p")}
    try:
        loaded: dict[str, str] = json.loads(_fernet(passphrase, salt, params).decrypt(token))
    except InvalidToken:
        raise PassphraseError("the passphrase does not open the keys in this backup") from None
    return loaded


def install(secrets: dict[str, str]) -> list[str]:
    """Write restored keys into the data folder (owner-only), unless the environment already
    provides that key; returns what it says about each."""
    notes = []
    for _setting, env_name, filename in SECRETS:
        value = secrets.get(env_name)
        if value is None:
            continue
        if os.environ.get(env_name) or os.environ.get(f"{env_name}_FILE"):
            notes.append(
                f"{env_name} comes from the environment: the restored key was not "
                "written (make sure they are the same key)"
            )
            continue
        path = settings.DATA_DIR / filename
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(value)
        notes.append(f"{env_name} restored into {path}")
    return notes
