"""Getting a database ready: migrations, the cache table, reference data (and demo data).

`netral demo` and `netral run` prepare the database at start. Every other command calls
`ensure_prepared()` first, so that a command on a fresh data folder works (SQLite) or says in
one line what to run, instead of ending in "no such table".
"""

from __future__ import annotations

import sys

# Commands that manage the schema themselves, or need no database, or must find an empty one.
NO_PREPARE = frozenset(
    {
        "migrate",
        "makemigrations",
        "showmigrations",
        "sqlmigrate",
        "squashmigrations",
        "createcachetable",
        "check",
        "help",
        "version",
        "shell",
        "dbshell",
        "compilemessages",
        "makemessages",
        "collectstatic",
        "findstatic",
        "diffsettings",
        "sqlflush",
        "flush",
        "backup",
        "test",
        "testserver",
        "runserver",
        "sendtestemail",
    }
)


def prepare_database(*, demo: bool, verbosity: int = 1) -> None:
    """Migrate, then load reference data (and demo data): each app may define
    `load_reference_data()` / `load_demo_data()` on its AppConfig; all are idempotent."""
    from django.apps import apps
    from django.core import mail
    from django.core.management import call_command
    from django.test import override_settings

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    hooks = ["load_reference_data"] + (["load_demo_data"] if demo else [])
    # Demo data triggers the e-mails real work would (new case, reminders): keep them out of
    # the terminal and just count them.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        outbox_before = len(getattr(mail, "outbox", []))
        for hook in hooks:
            for config in apps.get_app_configs():
                loader = getattr(config, hook, None)
                if callable(loader):
                    summary = loader()
                    if summary and verbosity:
                        print(f"netral: {config.label}: {summary}", file=sys.stderr)
        sent = len(getattr(mail, "outbox", [])) - outbox_before
    if sent and verbosity:
        print(
            f"netral: {sent} notification e-mails from the demo data were not sent", file=sys.stderr
        )


def pending_migrations() -> int:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def ensure_prepared(command: str) -> None:
    """Prepare an unprepared database before `command` runs (idempotent and quick when it is).

    A fresh database is prepared whatever its engine: that is what `netral run` would do first.
    """
    from django.conf import settings
    from django.core.management import get_commands

    if command in NO_PREPARE or command not in {*get_commands(), "serve", "worker"}:
        return

    pending = pending_migrations()
    if not pending:
        return
    print(
        f"netral: preparing the database in {_where(settings)} ({pending} migrations, "
        "reference data)…",
        file=sys.stderr,
    )
    prepare_database(demo=False, verbosity=0)


def _where(settings: object) -> str:
    db = getattr(settings, "DATABASES", {})["default"]
    if str(db["ENGINE"]).endswith("sqlite3"):
        return str(db["NAME"])
    return f"{db.get('HOST') or 'localhost'}/{db.get('NAME')}"
