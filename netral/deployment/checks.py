"""Netral's own deployment checks, run by `netral check --deploy` after Django's.

Each names the variable to set. Errors (E) are what makes a production start unsafe; warnings
(W) are what a single-machine installation may choose to live with.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _from_environment(env_name: str) -> bool:
    return bool(os.environ.get(env_name) or os.environ.get(f"{env_name}_FILE"))


def _keys() -> list[Any]:
    found: list[Any] = []
    for env_name, why in (
        ("NETRAL_SECRET_KEY", "signs sessions and CSRF tokens; every web process needs the same"),
        ("NETRAL_IDENTITY_KEY", "opens sealed reporter identities; keep it backed up"),
        (
            "NETRAL_AUDIT_KEY",
            "keys the audit trail and signs its checkpoints; keep it backed "
            "up, and out of reach of whoever administers the database",
        ),
    ):
        if not _from_environment(env_name):
            found.append(
                Error(
                    f"{env_name} is not set: the key is a file in the data folder ({why}).",
                    hint=f"Set {env_name} or {env_name}_FILE from your secret store.",
                    id="netral.E001",
                )
            )
    return found


def _transport() -> list[Any]:
    found: list[Any] = []
    if settings.DEBUG:
        found.append(
            Error(
                "NETRAL_DEBUG is on: error pages would show code and settings.",
                hint="Unset NETRAL_DEBUG.",
                id="netral.E002",
            )
        )
    if not settings.SESSION_COOKIE_SECURE:
        found.append(
            Error(
                "NETRAL_SECURE_COOKIES is off: login cookies would travel in clear.",
                hint="Serve over HTTPS and set NETRAL_SECURE_COOKIES=true.",
                id="netral.E003",
            )
        )
    if not settings.SITE_URL.startswith("https://"):
        found.append(
            Warning(
                f"NETRAL_SITE_URL is {settings.SITE_URL}: links in e-mails would not use HTTPS.",
                hint="Set NETRAL_SITE_URL=https://…",
                id="netral.W001",
            )
        )
    if set(settings.ALLOWED_HOSTS) <= LOCAL_HOSTS:
        found.append(
            Warning(
                "NETRAL_ALLOWED_HOSTS names only this machine.",
                hint="Set NETRAL_ALLOWED_HOSTS to the public host name.",
                id="netral.W002",
            )
        )
    proxied = getattr(settings, "BEHIND_TLS_PROXY", False)
    trusted = getattr(settings, "TRUSTED_PROXIES", None)
    if proxied and trusted is not None and not trusted:
        found.append(
            Warning(
                "NETRAL_BEHIND_TLS_PROXY is on but NETRAL_TRUSTED_PROXIES is empty: every client "
                "would share the proxy's rate limits and lockouts.",
                hint="Set NETRAL_TRUSTED_PROXIES to the proxy's address or network.",
                id="netral.W003",
            )
        )
    return found


def _services() -> list[Any]:
    found: list[Any] = []
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        found.append(
            Warning(
                "The database is SQLite: one machine, one writer at a time.",
                hint="Set DATABASE_URL=postgres://… for production.",
                id="netral.W004",
            )
        )
    if not settings.BROKER_CONFIGURED:
        found.append(
            Warning(
                "NETRAL_BROKER_URL is not set: jobs run inside web processes.",
                hint="Set NETRAL_BROKER_URL=redis://… and run `netral worker`.",
                id="netral.W005",
            )
        )
    if settings.EMAIL_BACKEND.endswith(("console.EmailBackend", "locmem.EmailBackend")):
        found.append(
            Warning(
                "NETRAL_EMAIL_BACKEND prints e-mails instead of sending them.",
                hint="Set NETRAL_EMAIL_BACKEND=django.core.mail.backends.smtp."
                "EmailBackend and NETRAL_EMAIL_HOST.",
                id="netral.W006",
            )
        )
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        found.append(
            Error(
                "NETRAL_RATE_LIMITS is off: the public channel has no limits.",
                hint="Unset NETRAL_RATE_LIMITS.",
                id="netral.E004",
            )
        )
    return found


@register(Tags.security, deploy=True)
def netral_deploy_checks(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    return _keys() + _transport() + _services()
