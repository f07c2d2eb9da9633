"""The compose file and systemd units in deploy/ run commands the `netral` CLI has."""

from __future__ import annotations

from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_compose_runs_web_worker_beat_postgres_redis_and_a_tls_proxy() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis", "proxy"} <= set(services)
    assert services["web"]["command"][0] == "serve"
    assert services["worker"]["command"][0] == "worker"
    assert services["beat"]["command"] == ["beat"]
    assert services["prepare"]["command"] == ["prepare"]
    env = compose["x-netral-env"]
    assert env["NETRAL_SECRET_KEY_FILE"].startswith("/run/secrets/")
    assert env["NETRAL_SECURE_COOKIES"] == "true" and env["NETRAL_BEHIND_TLS_PROXY"] == "true"
    assert "443:443" in services["proxy"]["ports"]


def test_systemd_units_start_real_commands() -> None:
    from django.core.management import get_commands

    known = set(get_commands()) | {"serve", "worker", "beat"}
    units = sorted(DEPLOY.glob("systemd/*.service"))
    assert {u.stem for u in units} >= {"netral-web", "netral-worker", "netral-beat"}
    for unit in units:
        for line in unit.read_text().splitlines():
            if line.startswith(("ExecStart=", "ExecStartPre=")) and "/netral " in line:
                command = line.split("/netral ", 1)[1].split()[0]
                assert command in known, f"{unit.name}: netral {command}"
