"""Writing a backup archive (a .tar.gz): database.jsonl, files/…, keys.enc, manifest.json."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone
from tqdm import tqdm

from netral.backup import FORMAT, keys

# Rebuilt by `migrate` on the target (and keyed to it): never copied.
SKIPPED_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "admin.logentry",
}
_CHUNK = 1 << 20


class ExactEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder cuts them to milliseconds, yet the audit
    trail hashes its entries' times in full, and a restored chain must verify."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def dumped_models() -> list[type[models.Model]]:
    chosen = [
        m
        for m in apps.get_models()
        if m._meta.label_lower not in SKIPPED_MODELS and not m._meta.proxy and m._meta.managed
    ]
    app_list: dict[Any, list[type[models.Model]]] = {}
    for model in chosen:
        app_list.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def file_names() -> list[str]:
    """Every stored file a row points to (uploads through the storage API, local or S3)."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names.update(
                    n
                    for n in model._base_manager.exclude(**{field.name: ""}).values_list(
                        field.name, flat=True
                    )
                    if n
                )
    return sorted(names)


def side_files() -> list[Path]:
    """Files outside the database that belong to a backup: the audit trail's checkpoint
    anchors (settings.AUDIT_ANCHOR_DIR) once the audit trail keeps them."""
    folder = getattr(settings, "AUDIT_ANCHOR_DIR", None)
    if not folder or not Path(folder).is_dir():
        return []
    # The lock file only serialises writers of checkpoints: nothing to restore.
    return sorted(p for p in Path(folder).rglob("*") if p.is_file() and p.suffix != ".lock")


@dataclass
class Hashed:
    sha256: str
    size: int


def _write_rows(handle: IO[bytes], counts: dict[str, int], progress: bool) -> None:
    order = dumped_models()
    total = sum(m._base_manager.count() for m in order)
    with tqdm(total=total, unit="rows", desc="database", disable=not progress) as bar:
        for model in order:
            rows = model._base_manager.order_by(model._meta.pk.name)
            n = 0
            for chunk in _chunks(rows.iterator(chunk_size=2000), 2000):
                text = serializers.serialize(
                    "jsonl", chunk, use_natural_foreign_keys=True, cls=ExactEncoder
                )
                handle.write(text.encode())
                n += len(chunk)
                bar.update(len(chunk))
            counts[model._meta.label_lower] = n


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _snapshot() -> Any:
    """One consistent view of the database for the whole dump."""
    outer = connection.in_atomic_block  # already inside one (a test): that is the snapshot
    block = transaction.atomic()
    block.__enter__()
    if connection.vendor == "postgresql" and not outer:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
    return block


def _add_file(tar: tarfile.TarFile, arcname: str, source: IO[bytes], size: int) -> Hashed:
    digest = hashlib.sha256()

    class _Hashing(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            data = source.read(len(buffer))
            digest.update(data)
            buffer[: len(data)] = data
            return len(data)

    info = tarfile.TarInfo(arcname)
    info.size, info.mtime, info.mode = size, int(timezone.now().timestamp()), 0o600
    tar.addfile(info, io.BufferedReader(_Hashing(), _CHUNK))
    return Hashed(digest.hexdigest(), size)


def _migrations() -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def create(output: Path, *, passphrase: str | None = None, progress: bool = True) -> dict[str, Any]:
    """Write the archive to `output`; returns its manifest. With a passphrase, the keys go in
    encrypted; without one, they stay out."""
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "source_engine": connection.vendor,
        "counts": {},
        "files": [],
        "side_files": [],
        "keys": None,
    }
    tmp_dir = output.parent if output.parent.exists() else Path(tempfile.gettempdir())
    with tempfile.TemporaryFile(dir=tmp_dir) as dump, tarfile.open(output, "w:gz") as tar:
        # Read before the rows: a checkpoint written during the dump would name entries the
        # dump does not hold, and the restored trail would look cut.
        anchor_dir = Path(str(getattr(settings, "AUDIT_ANCHOR_DIR", "")))
        anchors = [
            (path.relative_to(anchor_dir).as_posix(), path.read_bytes()) for path in side_files()
        ]
        block = _snapshot()
        try:
            manifest["migrations"] = _migrations()
            _write_rows(dump, manifest["counts"], progress)
            names = file_names()
        finally:
            block.__exit__(None, None, None)
        size = dump.tell()
        dump.seek(0)
        hashed = _add_file(tar, "database.jsonl", dump, size)
        manifest["database"] = {"name": "database.jsonl", **hashed.__dict__}
        for name in tqdm(names, unit="files", desc="files", disable=not progress):
            with default_storage.open(name, "rb") as handle:
                hashed = _add_file(tar, f"files/{name}", handle, default_storage.size(name))
            manifest["files"].append({"name": name, **hashed.__dict__})
        for relative, content in anchors:
            hashed = _add_file(tar, f"side/{relative}", io.BytesIO(content), len(content))
            manifest["side_files"].append({"name": relative, **hashed.__dict__})
        if passphrase is not None:
            token, meta = keys.seal(passphrase)
            hashed = _add_file(tar, "keys.enc", io.BytesIO(token), len(token))
            manifest["keys"] = {"name": "keys.enc", **meta, **hashed.__dict__}
        text = json.dumps(manifest, indent=2, sort_keys=True).encode()
        _add_file(tar, "manifest.json", io.BytesIO(text), len(text))
    return manifest
