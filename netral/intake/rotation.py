"""Sealing what was stored in clear, and re-sealing under a new identity key.

Rotating NETRAL_IDENTITY_KEY: put the new secret first ("new,old"), run `netral seal rotate`,
then drop the old secret. Until the command has run, everything still opens (every configured
key opens); afterwards nothing needs the old key: identities are re-encrypted with Fernet's
rotate, files are sealed again as new files, their rows pointed at them, the old files deleted.

Files written before sealing existed are sealed the same way, once, by a data migration (and by
`netral seal files`, which is idempotent).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.storage import default_storage
from django.db import models, transaction

from netral.audit.services import log_action
from netral.intake import sealed_files, sealing

log = logging.getLogger("netral.intake")

# (app label, model, file-name fields) of everything holding sealed files.
SEALED_FILE_FIELDS = (
    ("intake", "Evidence", ("original", "stripped")),
    ("monitoring", "Screenshot", ("original", "stripped")),
)
# (app label, model, Fernet-sealed field) of everything holding sealed identities.
SEALED_VALUE_FIELDS = (
    ("intake", "Report", "identity_sealed"),
    ("prevention", "PressureReport", "identity_sealed"),
    ("prevention", "PactInvitation", "code_sealed"),
)


@dataclass
class Resealed:
    sealed: int = 0  # plain files sealed
    rotated: int = 0  # files sealed again under the first key
    current: int = 0  # already under the first key
    missing: list[str] = field(default_factory=list)  # rows naming a file not in storage

    def add(self, other: Resealed) -> None:
        self.sealed += other.sealed
        self.rotated += other.rotated
        self.current += other.current
        self.missing += other.missing


def reseal_rows(model: type[models.Model], fields: Iterable[str], *, rotate: bool) -> Resealed:
    """Seal the plain files named by `model`'s `fields` (and, with `rotate`, those sealed under
    another configured key). Works with historical models, for data migrations."""
    done = Resealed()
    for name_field in fields:
        rows = model._default_manager.exclude(**{name_field: ""}).values_list("pk", name_field)
        for pk, name in rows.iterator():
            try:
                state = sealed_files.state(str(name))
            except FileNotFoundError:
                done.missing.append(str(name))
                continue
            if state == "current" or (state == "old" and not rotate):
                done.current += 1
                continue
            if state == "unknown":
                raise sealing.SealError(f"{name} was sealed with a key not in NETRAL_IDENTITY_KEY")
            fresh = sealed_files.reseal(str(name))
            with transaction.atomic():
                model._default_manager.filter(pk=pk).update(**{name_field: fresh})
            _discard(str(name))
            if state == "plain":
                done.sealed += 1
            else:
                done.rotated += 1
    return done


def _discard(name: str) -> None:
    try:
        default_storage.delete(name)
    except OSError:  # the new file is in place; the old one is left, and said so
        log.warning("netral.intake: could not remove %s after sealing it again", name)


def files_reseal(*, rotate: bool, apps: Any = None) -> Resealed:
    from django.apps import apps as live

    registry = apps or live
    done = Resealed()
    for label, model_name, fields in SEALED_FILE_FIELDS:
        done.add(reseal_rows(registry.get_model(label, model_name), fields, rotate=rotate))
    return done


def values_rotate() -> int:
    """Re-encrypt every sealed identity (and pact code) under the first key; returns how many
    values changed."""
    from django.apps import apps

    changed = 0
    for label, model_name, name_field in SEALED_VALUE_FIELDS:
        model = apps.get_model(label, model_name)
        rows = model._default_manager.exclude(**{name_field: b""}).values_list("pk", name_field)
        for pk, token in rows.iterator():
            fresh = sealing.reseal(token)
            model._default_manager.filter(pk=pk).update(**{name_field: fresh})
            changed += 1
    return changed


def files_seal() -> Resealed:
    """Seal every file still stored in clear (idempotent); audited when it sealed any."""
    done = files_reseal(rotate=False)
    if done.sealed:
        with transaction.atomic():
            log_action(None, "seal.files", None, {"sealed": done.sealed})
    return done


def keys_rotate() -> tuple[Resealed, int]:
    """Everything sealed again under the first configured key; audited."""
    done = files_reseal(rotate=True)
    with transaction.atomic():
        values = values_rotate()
        log_action(
            None,
            "seal.rotate",
            None,
            {"files_sealed": done.sealed, "files_rotated": done.rotated, "values": values},
        )
    return done, values
