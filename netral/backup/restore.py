"""Restoring a backup onto an empty data folder, then checking it: hashes before anything is
written, row counts and the audit chain after."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from tqdm import tqdm

from netral.backup import FORMAT, keys

_CHUNK = 1 << 20


class RestoreError(Exception):
    """The archive cannot be restored here; the message says why."""


@dataclass
class Restored:
    counts: dict[str, int]
    files: int
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.extractfile("manifest.json")
    except KeyError:
        raise RestoreError("not a Netral backup: manifest.json is missing") from None
    if member is None:
        raise RestoreError("not a Netral backup: manifest.json is not a file")
    manifest: dict[str, Any] = json.load(member)
    if manifest.get("format") != FORMAT:
        raise RestoreError(
            f"unknown backup format {manifest.get('format')!r} (this Netral reads {FORMAT})"
        )
    return manifest


def _expected(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    entries = {"database.jsonl": manifest["database"]}
    entries.update({f"files/{f['name']}": f for f in manifest["files"]})
    entries.update({f"side/{f['name']}": f for f in manifest.get("side_files", [])})
    if manifest.get("keys"):
        entries["keys.enc"] = manifest["keys"]
    return entries


def check_hashes(tar: tarfile.TarFile, manifest: dict[str, Any], progress: bool) -> None:
    """Every member the manifest lists, read in full and hashed, before anything is written."""
    expected = _expected(manifest)
    for name, entry in tqdm(
        expected.items(), desc="checking", unit="members", disable=not progress
    ):
        try:
            handle = tar.extractfile(name)
        except KeyError:
            raise RestoreError(f"the archive lacks {name}, which its manifest lists") from None
        if handle is None:
            raise RestoreError(f"{name} in the archive is not a file")
        digest = hashlib.sha256()
        for block in iter(lambda h=handle: h.read(_CHUNK), b""):  # type: ignore[misc]
            digest.update(block)
        if digest.hexdigest() != entry["sha256"]:
            raise RestoreError(
                f"{name} does not match its SHA-256 in the manifest: the archive "
                "is damaged or was changed"
            )


def ensure_empty() -> None:
    """Restore only into an empty database: refuse to mix a backup with existing records."""
    from django.db import connection

    tables = set(connection.introspection.table_names())
    for label in ("audit.auditentry", "accounts.user", "cases.case"):
        model = apps.get_model(label)
        if model._meta.db_table in tables and model._base_manager.exists():
            raise RestoreError(
                f"the database already holds data ({model._meta.db_table} is not "
                "empty): restore into a new data folder or an empty database"
            )


def _check_migrations(manifest: dict[str, Any]) -> list[str]:
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(connection, ignore_no_migrations=True).disk_migrations)
    recorded = {
        (app, name) for app, names in manifest.get("migrations", {}).items() for name in names
    }
    newer = sorted(f"{a}.{n}" for a, n in recorded - known)
    if newer:
        raise RestoreError(
            "the backup was made by a newer Netral (unknown migrations: "
            + ", ".join(newer[:5])
            + "): upgrade Netral first"
        )
    missing = known - recorded
    return (
        [
            f"the backup predates {len(missing)} migrations of this Netral; they were applied "
            "after loading"
        ]
        if missing
        else []
    )


class _Lines:
    """The dump, line by line, advancing a progress bar (loaddata reads it as standard input)."""

    def __init__(self, handle: IO[bytes], total: int, progress: bool) -> None:
        self.handle = handle
        self.bar = tqdm(total=total, unit="rows", desc="database", disable=not progress)

    def __iter__(self) -> Iterator[str]:
        for raw in self.handle:
            self.bar.update(1)
            yield raw.decode("utf-8")

    def read(self) -> str:  # loaddata's fallback for formats that read all at once
        return "".join(self)

    def close(self) -> None:
        self.bar.close()


def _load_rows(tar: tarfile.TarFile, manifest: dict[str, Any], progress: bool) -> None:
    handle = tar.extractfile("database.jsonl")
    assert handle is not None  # checked by check_hashes
    lines: Any = _Lines(handle, sum(manifest["counts"].values()), progress)
    saved, sys.stdin = sys.stdin, lines
    try:
        # The history rows are in the dump: loading must not add history of its own.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", "-", format="jsonl", verbosity=0)
    finally:
        sys.stdin = saved


def _restore_files(tar: tarfile.TarFile, manifest: dict[str, Any], progress: bool) -> int:
    for entry in tqdm(manifest["files"], desc="files", unit="files", disable=not progress):
        name = entry["name"]
        if default_storage.exists(name):
            raise RestoreError(f"the storage already holds {name}: restore into empty storage")
        handle = tar.extractfile(f"files/{name}")
        assert handle is not None
        stored = default_storage.save(name, File(handle, name=Path(name).name))
        if stored != name:
            raise RestoreError(f"the storage renamed {name} to {stored}")
    anchor_dir = getattr(settings, "AUDIT_ANCHOR_DIR", None)
    for entry in manifest.get("side_files", []):
        if not anchor_dir:
            raise RestoreError("the backup holds audit anchors but this Netral keeps none")
        target = Path(str(anchor_dir)) / entry["name"]
        target.parent.mkdir(parents=True, exist_ok=True)
        source = tar.extractfile(f"side/{entry['name']}")
        assert source is not None
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # as it was written
        with os.fdopen(fd, "wb") as out:
            shutil.copyfileobj(source, out)
    return len(manifest["files"])


def restore(archive: Path, *, passphrase: str | None = None, progress: bool = True) -> Restored:
    with tarfile.open(archive, "r:*") as tar:
        manifest = read_manifest(tar)
        check_hashes(tar, manifest, progress)
        secrets: dict[str, str] = {}
        if manifest.get("keys"):
            if passphrase is None:
                raise RestoreError(
                    "the backup holds encrypted keys: give the passphrase "
                    "(--passphrase-file FILE or NETRAL_BACKUP_PASSPHRASE)"
                )
            sealed = tar.extractfile("keys.enc")
            assert sealed is not None
            secrets = keys.unseal(sealed.read(), manifest["keys"], passphrase)
        call_command("migrate", interactive=False, verbosity=0)
        ensure_empty()
        notes = _check_migrations(manifest)
        notes += keys.install(secrets)
        _load_rows(tar, manifest, progress)
        call_command("createcachetable", verbosity=0)
        files = _restore_files(tar, manifest, progress)
    result = Restored(counts=manifest["counts"], files=files, notes=notes)
    result.problems = verify(manifest)
    return result


def verify(manifest: dict[str, Any]) -> list[str]:
    """What does not match after a restore: row counts, stored files, the audit chain."""
    from netral.audit.services import verify_chain

    problems = []
    for label, expected in manifest["counts"].items():
        model = apps.get_model(label)
        found = model._base_manager.count()
        if found != expected:
            problems.append(f"{label}: {found} rows, the backup has {expected}")
    for entry in manifest["files"]:
        if not default_storage.exists(entry["name"]):
            problems.append(f"file {entry['name']} is missing after the restore")
    chain = verify_chain()
    if not chain.ok:
        problems.append(f"audit chain BROKEN after the restore: {chain.reason}")
    return problems + _identity_key_problem()


def _identity_key_problem() -> list[str]:
    """Sealed reporter identities are only worth restoring with the key that opens them."""
    from netral.intake import sealing
    from netral.intake.models import Report

    sample = Report.objects.exclude(identity_sealed=b"").first()
    if sample is None:
        return []
    try:
        sealing.unseal(bytes(sample.identity_sealed))
    except sealing.SealError:
        return [
            "the identity key in use does not open the restored reporter identities: set "
            "NETRAL_IDENTITY_KEY to the old key, or restore a backup made with --with-keys"
        ]
    return []
