"""`netral backup create` and `restore`: a backup restored onto a new, empty data folder holds
the same rows, the same files and an audit chain that verifies; its keys are only in it when
asked for, and then only encrypted; a damaged archive is refused before anything is written."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest

from netral.backup.create import create
from netral.backup.restore import RestoreError, restore
from netral.intake.models import Evidence, Report

pytestmark = pytest.mark.django_db
PASSPHRASE = "sandi-cadangan-panjang-2026"


def _netral(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NETRAL_", "DATABASE_URL", "DJANGO_"))
    }
    clean.update({"NETRAL_DATA_DIR": str(data_dir), **env})
    return subprocess.run(
        [sys.executable, "-m", "netral.cli", *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_a_backup_restored_onto_a_new_folder_matches(tmp_path: Path) -> None:
    named = Report.objects.exclude(identity_sealed=b"").first()
    evidence = Evidence.objects.exclude(original="").first()
    assert named is not None and evidence is not None  # the demo data has both
    archive = tmp_path / "backup.tar.gz"
    from netral.audit import anchors

    checkpoint = anchors.write(force=True)  # the audit trail's anchor travels with the backup
    manifest = create(archive, passphrase=PASSPHRASE, progress=False)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        sealed = tar.extractfile("keys.enc").read()  # type: ignore[union-attr]
    assert {"manifest.json", "database.jsonl", f"files/{evidence.original.name}"} <= set(names)
    from django.conf import settings

    assert str(settings.IDENTITY_KEY).split(",")[0].encode() not in sealed  # never in clear
    assert "NETRAL_IDENTITY_KEY" in manifest["keys"]["contains"]

    target = tmp_path / "new-folder"
    done = _netral(target, "backup", "restore", str(archive), NETRAL_BACKUP_PASSPHRASE=PASSPHRASE)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "counts match the manifest and the audit chain is intact" in done.stdout
    verified = _netral(target, "audit", "--lang", "en", "verify")
    assert verified.returncode == 0, verified.stderr
    assert "audit trail intact" in verified.stdout and "matching 1 checkpoints" in verified.stdout
    restored_anchor = target / "audit" / "checkpoints.jsonl"
    assert restored_anchor.read_text().strip() == checkpoint.text()  # type: ignore[union-attr]
    assert restored_anchor.stat().st_mode & 0o777 == 0o600
    code = (
        f"from netral.intake.models import Report, Evidence; from netral.intake import "
        f"sealing; r = Report.objects.get(pk={named.pk}); "
        f"print(sorted(sealing.unseal(bytes(r.identity_sealed)))); "
        f"e = Evidence.objects.get(pk={evidence.pk}); "
        f"from netral.intake import sealed_files; import hashlib; "
        f"print(hashlib.sha256(sealed_files.open_file(e.original.name).read()).hexdigest())"
    )
    opened = _netral(target, "shell", "-c", code)
    assert opened.returncode == 0, opened.stderr
    keys_line, file_hash = opened.stdout.strip().split("\n")[-2:]
    assert keys_line == "['address', 'contact', 'name']"
    assert file_hash == evidence.sha256


def test_without_keys_the_archive_holds_none(tmp_path: Path) -> None:
    archive = tmp_path / "nokeys.tar.gz"
    manifest = create(archive, progress=False)
    with tarfile.open(archive) as tar:
        assert "keys.enc" not in tar.getnames()
    assert manifest["keys"] is None


def test_a_damaged_archive_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    evidence = Evidence.objects.exclude(original="").first()
    assert evidence is not None
    archive = tmp_path / "good.tar.gz"
    create(archive, progress=False)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as good, tarfile.open(damaged, "w:gz") as bad:
        for member in good.getmembers():
            data = good.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == f"files/{evidence.original.name}":
                data = b"bukti palsu"
                member.size = len(data)
            bad.addfile(member, io.BytesIO(data))
    with pytest.raises(RestoreError, match="does not match its SHA-256"):
        restore(damaged, progress=False)


def test_restore_refuses_a_database_that_holds_data(tmp_path: Path) -> None:
    archive = tmp_path / "b.tar.gz"
    create(archive, progress=False)
    with pytest.raises(RestoreError, match="already holds data"):
        restore(archive, progress=False)


def test_the_manifest_lists_every_file_with_its_hash(tmp_path: Path) -> None:
    archive = tmp_path / "m.tar.gz"
    create(archive, progress=False)
    with tarfile.open(archive) as tar:
        manifest: dict[str, Any] = json.load(tar.extractfile("manifest.json"))  # type: ignore
        for entry in manifest["files"]:
            data = tar.extractfile(f"files/{entry['name']}").read()  # type: ignore[union-attr]
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert manifest["counts"]["intake.report"] == Report.objects.count()
