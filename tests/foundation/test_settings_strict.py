"""Settings are read strictly: a malformed value stops start-up naming the variable, secrets
can come from files, importing the settings writes nothing, e-mails use NETRAL_SITE_URL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from netral.config import ConfigError, env_int_list, env_port, env_secret

SETUP = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'netral.settings'; "
    "django.setup(); from django.conf import settings; "
)


def _python(tmp_path: Path, code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Python in a clean environment (no NETRAL_* of this test run) with these variables."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NETRAL_", "DATABASE_URL", "DJANGO_"))
    }
    base.update({"NETRAL_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run(
        [sys.executable, "-c", code],
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _import_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return _python(
        tmp_path, "import sys; from netral.cli import main; sys.exit(main(['diffsettings']))", **env
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NETRAL_PPK_ESCALATION_DAYS", "1,x,14,3"),
        ("NETRAL_PPK_ESCALATION_DAYS", "14,7,1"),
        ("NETRAL_EMAIL_PORT", "25x"),
        ("NETRAL_PORT", "0"),
        ("NETRAL_SITE_URL", "netral.example.go.id"),
        ("NETRAL_BROKER_URL", "redis//localhost"),
        ("NETRAL_LOG_LEVEL", "LOUD"),
        ("NETRAL_LOGIN_FAILURE_LIMIT", "-1"),
        ("DATABASE_URL", "mysqll://x@y/z"),
    ],
)
def test_a_malformed_value_stops_start_up_naming_the_variable(
    tmp_path: Path, name: str, value: str
) -> None:
    done = _import_settings(tmp_path, **{name: value})
    assert done.returncode == 2
    assert f"netral: configuration error: {name}" in done.stderr
    assert "Traceback" not in done.stderr


def test_importing_the_settings_writes_nothing(tmp_path: Path) -> None:
    done = _python(tmp_path, SETUP + "print(settings.DEBUG)")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "data").exists()  # no folder, no key files


def test_a_generated_key_is_made_on_first_use_and_kept(tmp_path: Path) -> None:
    from netral.config import local_secret

    key = local_secret(tmp_path, "secret_key", "NETRAL_TEST_UNSET_KEY")
    assert not (tmp_path / "secret_key").exists()
    value = str(key)
    assert (tmp_path / "secret_key").read_text() == value and len(value) > 40
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    assert str(local_secret(tmp_path, "secret_key", "NETRAL_TEST_UNSET_KEY")) == value


def test_secrets_can_be_read_from_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "pw"
    secret.write_text("s3cret-from-a-file\n")
    monkeypatch.setenv("NETRAL_EMAIL_PASSWORD_FILE", str(secret))
    assert env_secret("NETRAL_EMAIL_PASSWORD") == "s3cret-from-a-file"
    monkeypatch.setenv("NETRAL_EMAIL_PASSWORD", "also-set")
    with pytest.raises(ConfigError, match="both set"):
        env_secret("NETRAL_EMAIL_PASSWORD")
    monkeypatch.delenv("NETRAL_EMAIL_PASSWORD")
    monkeypatch.setenv("NETRAL_EMAIL_PASSWORD_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match="NETRAL_EMAIL_PASSWORD_FILE"):
        env_secret("NETRAL_EMAIL_PASSWORD")


def test_the_secret_key_file_is_used_at_start_up(tmp_path: Path) -> None:
    secret = tmp_path / "django-key"
    secret.write_text("k" * 60)
    done = _python(
        tmp_path, SETUP + "print(settings.SECRET_KEY)", NETRAL_SECRET_KEY_FILE=str(secret)
    )
    assert done.stdout.strip() == "k" * 60


def test_lists_and_ports_are_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETRAL_X_DAYS", "2,5,9")
    assert env_int_list("NETRAL_X_DAYS", "1,7,14", count=3) == (2, 5, 9)
    for bad in ("1,x,14", "1,7", "1,7,14,3", "7,1,14"):
        monkeypatch.setenv("NETRAL_X_DAYS", bad)
        with pytest.raises(ConfigError, match="NETRAL_X_DAYS"):
            env_int_list("NETRAL_X_DAYS", "1,7,14", count=3)
    monkeypatch.setenv("NETRAL_X_PORT", "8o80")
    with pytest.raises(ConfigError, match="NETRAL_X_PORT"):
        env_port("NETRAL_X_PORT", 8000)


@pytest.mark.django_db
def test_e_mails_link_to_the_site_url(persona: Any, settings: Any) -> None:
    from netral.notifications.tasks import notify_users

    settings.SITE_URL = "https://netral.bawaslu.go.id"
    notify_users([persona("bawaslu_oku").pk], "Perkara baru", "Ada perkara baru.")
    assert "https://netral.bawaslu.go.id/staf/perkara/kotak-masuk/" in mail.outbox[0].body
