"""Every `netral` command works on a fresh data folder (it prepares the database itself), and a
user's mistake ends in one line saying what is wrong, never in a Python traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

NETRAL = [sys.executable, "-m", "netral.cli"]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NETRAL_", "DATABASE_URL", "DJANGO_"))
    }
    # SQLite in the folder: the embedded default a newcomer starts with.
    env.update({"NETRAL_DATA_DIR": str(data_dir), **extra})
    return env


def netral(data_dir: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NETRAL, *args],
        env=_env(data_dir, **extra),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fresh") / "netral-data"


def test_the_first_command_on_a_fresh_folder_prepares_the_database(fresh: Path) -> None:
    done = netral(fresh, "catalogue", "list")
    assert done.returncode == 0, done.stderr
    assert "preparing the database" in done.stderr
    assert "E1" in done.stdout and "PP94-5n-1" in done.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["catalogue", "show", "D3"], "D3"),
        (["audit", "verify"], "jejak audit utuh"),
        (["deadline", "--kind", "pemilu", "--stage", "decision", "--from", "2024-04-05"], "2024"),
        (["sweep"], "reminders"),
        (["election", "export", "pemilu-2024"], "pemilu-2024"),
        (["jobs", "list"], "jobs in the backlog"),
    ],
)
def test_commands_on_the_prepared_folder(fresh: Path, args: list[str], expected: str) -> None:
    done = netral(fresh, *args)
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["token", "create", "--user", "nobody"], "no active user named 'nobody'"),
        (["catalogue", "show", "NOPE"], "no violation type 'NOPE'"),
        (["election", "export", "999"], "no election with code or id '999'"),
        (
            ["deadline", "--kind", "pemilu", "--stage", "decision", "--from", "2024-13-05"],
            "is not a date",
        ),
        (["election", "import", "/nonexistent/pemilu.yaml"], "cannot read"),
        (["serve", "--port", "http"], "--port"),
    ],
)
def test_user_errors_are_one_line_without_a_traceback(
    fresh: Path, args: list[str], says: str
) -> None:
    done = netral(fresh, *args)
    assert done.returncode != 0
    assert says in done.stderr
    assert "Traceback" not in done.stderr


def test_token_create_on_a_fresh_folder_says_what_is_missing(tmp_path: Path) -> None:
    done = netral(tmp_path / "data", "token", "create", "--user", "admin")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "no active user named 'admin'" in done.stderr


def test_an_unreachable_database_is_one_line(tmp_path: Path) -> None:
    done = netral(
        tmp_path / "data", "audit", "verify", DATABASE_URL="postgres://netral@127.0.0.1:9/netral"
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "cannot use the database" in done.stderr and "DATABASE_URL" in done.stderr
