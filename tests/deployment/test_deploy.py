"""Production settings: uploads on an S3-compatible store through Django's storage API, and
`netral check --deploy` naming what is unsafe (Django's checks plus Netral's own)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client

from netral.intake import sealed_files
from netral.intake.models import Evidence, Report
from tests.intake.conftest import api_body, jpeg_with_gps

pytestmark = pytest.mark.django_db
BUCKET = "netral-uploads"


@pytest.fixture
def s3_storage(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """An S3 bucket in moto's in-memory AWS (no network), configured as production would."""
    import boto3
    from moto import mock_aws

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "location": "uploads",
                    "default_acl": None,
                    "file_overwrite": False,
                },
            },
        }
        yield s3


def test_evidence_goes_to_the_s3_bucket_and_reads_back(s3_storage: Any) -> None:
    photo = jpeg_with_gps()
    response = Client().post(
        "/api/v1/reports",
        {
            "report": json.dumps(api_body()),
            "files": [SimpleUploadedFile("a.jpg", photo, "image/jpeg")],
        },
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status_code == 201, response.content
    item = Evidence.objects.get(
        report=Report.objects.get(case__number=response.json()["number"]), kind="file"
    )
    keys = {o["Key"] for o in s3_storage.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert f"uploads/{item.original.name}" in keys
    assert f"uploads/{item.stripped.name}" in keys
    with item.original.open("rb") as handle:
        assert handle.read()[:4] != photo[:4]  # sealed in the bucket too
    with sealed_files.open_file(str(item.original.name)) as handle:
        assert handle.read() == photo


def test_s3_settings_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import subprocess
    import sys

    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'netral.settings'; "
        "django.setup(); from django.conf import settings; import json; "
        "print(json.dumps(settings.STORAGES['default']))"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "NETRAL_DATA_DIR": str(tmp_path),
        "NETRAL_S3_BUCKET": "bukti",
        "NETRAL_S3_ENDPOINT_URL": "https://minio.internal:9000",
        "NETRAL_S3_SECRET_ACCESS_KEY_FILE": str(tmp_path / "s3key"),
    }
    (tmp_path / "s3key").write_text("rahasia\n")
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    storage = json.loads(done.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "bukti"
    assert storage["OPTIONS"]["endpoint_url"] == "https://minio.internal:9000"
    assert storage["OPTIONS"]["secret_key"] == "rahasia"
    assert storage["OPTIONS"]["default_acl"] is None  # private objects


def _deploy_check() -> str:
    try:
        call_command("check", "--deploy", "--fail-level", "ERROR")
    except SystemCheckError as exc:
        return str(exc)
    return ""


def test_check_deploy_names_what_is_unsafe(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NETRAL_SECRET_KEY", "NETRAL_IDENTITY_KEY", "NETRAL_AUDIT_KEY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(f"{name}_FILE", raising=False)
    settings.DEBUG, settings.SESSION_COOKIE_SECURE = True, False
    report = _deploy_check()
    for needle in (
        "netral.E001",
        "NETRAL_SECRET_KEY",
        "NETRAL_IDENTITY_KEY",
        "NETRAL_AUDIT_KEY",
        "netral.E002",
        "netral.E003",
    ):
        assert needle in report


def test_check_deploy_passes_a_production_configuration(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETRAL_SECRET_KEY", "k" * 60)
    monkeypatch.setenv("NETRAL_IDENTITY_KEY", "x")
    monkeypatch.setenv("NETRAL_AUDIT_KEY", "a" * 64)
    # Set by the browser tests' live server; a real deployment never has it (async.E001).
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    settings.DEBUG = False
    settings.SECRET_KEY = "a-production-secret-key-of-sufficient-length-and-variety-0123456789"
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = True
    settings.SITE_URL = "https://netral.bawaslu.go.id"
    settings.ALLOWED_HOSTS = ["netral.bawaslu.go.id"]
    assert _deploy_check() == ""
