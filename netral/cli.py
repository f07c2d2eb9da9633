"""`netral`: the one command for people.

netral demo [--port N]     migrate, load reference and demo data, serve on 127.0.0.1
netral run [--port N]      migrate, load reference data, serve (no demo data)
netral serve [--port N]    serve only (gunicorn)
netral worker [--beat]     run a Celery worker (needs NETRAL_BROKER_URL)
netral beat                run the schedule alone (exactly one per installation)
netral detect ...          classify posts (see `netral detect --help`)
netral <command> ...       any management command: audit verify, token create, ...
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from netral.config import ConfigError, parse_int
from netral.preparation import ensure_prepared, prepare_database

__all__ = ["main", "prepare_database"]

# Commands that must not pay for Django's start-up: they live in plain Python packages.
_PLAIN_COMMANDS = {"detect": "netral.detection.cli", "detection": "netral.detection.cli"}


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netral.settings")
    import django

    django.setup()
    from django.conf import settings

    # Importing the settings writes nothing; a command is what needs the data folder.
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)


def _number(flag: str, low: int, high: int) -> Any:
    def parse(text: str) -> int:
        try:
            return parse_int(flag, text, minimum=low, maximum=high)
        except ConfigError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def _serve_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"netral {prog}")
    parser.add_argument("--host", help="address to listen on (default: NETRAL_HOST, 127.0.0.1)")
    parser.add_argument(
        "--port", type=_number("--port", 1, 65535), help="port (default: NETRAL_PORT, 8000)"
    )
    parser.add_argument(
        "--workers",
        type=_number("--workers", 1, 64),
        help="web processes (default: NETRAL_WEB_WORKERS, 2)",
    )
    return parser


def _start_backlog_drain(worker: Any) -> None:
    from netral.jobs.backlog import start_drain_thread

    start_drain_thread()


def serve(host: str, port: int, workers: int) -> None:
    from django.conf import settings
    from gunicorn.app.base import BaseApplication

    from netral.wsgi import application

    sqlite = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")

    class _Server(BaseApplication):
        def load_config(self) -> None:
            options: dict[str, Any] = {
                "bind": f"{host}:{port}",
                # SQLite takes one writer at a time: one process with threads serves it best.
                "workers": 1 if sqlite else workers,
                "worker_class": "gthread",
                "threads": 8,
                "accesslog": "-",
                # No client address in the access log: public reporters' IPs are never stored.
                "access_log_format": '%(t)s "%(r)s" %(s)s %(b)s %(L)ss',
                "forwarded_allow_ips": "127.0.0.1",
                "timeout": 120,
                # Each web process retries the job backlog (failed mail, broker away).
                "post_worker_init": _start_backlog_drain,
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    print(f"netral: serving on http://{host}:{port}/ (Ctrl+C to stop)", file=sys.stderr)
    _Server().run()


def _cmd_serve(name: str, argv: Sequence[str], *, prepare: bool, demo: bool) -> int:
    args = _serve_parser(name).parse_args(argv)
    setup_django()
    from django.conf import settings

    print(f"netral: data folder {settings.DATA_DIR}", file=sys.stderr)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    if prepare:
        print(
            "netral: preparing the database (migrations, reference data"
            + (", demo data" if demo else "")
            + ")…",
            file=sys.stderr,
        )
        prepare_database(demo=demo)
    if demo:
        print(
            "netral: demo accounts are listed in README.md (password: netral-demo)", file=sys.stderr
        )
    else:
        ensure_prepared("serve")
    serve(
        args.host or settings.WEB_HOST,
        args.port or settings.WEB_PORT,
        args.workers or settings.WEB_WORKERS,
    )
    return 0


def _cmd_worker(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="netral worker")
    parser.add_argument("--beat", action="store_true", help="also run the periodic scheduler")
    parser.add_argument("--beat-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--concurrency", type=_number("--concurrency", 1, 64), default=2)
    args = parser.parse_args(argv)
    setup_django()
    from django.conf import settings

    if not settings.BROKER_CONFIGURED:
        print(
            "netral worker: NETRAL_BROKER_URL is not set. Without a broker, jobs already run "
            "in the web process; set it (redis://… or amqp://…) to run workers.",
            file=sys.stderr,
        )
        return 2
    ensure_prepared("worker")
    from netral.celery import app

    # Django is set up by now, so every app's tasks module can be imported before the worker
    # (and beat) start: a scheduled task must be registered before its first run.
    app.autodiscover_tasks(force=True)
    if args.beat_only:
        app.start(["beat", "--loglevel=INFO"])
        return 0
    worker_argv = ["worker", "--loglevel=INFO", f"--concurrency={args.concurrency}"]
    if args.beat:
        worker_argv.append("--beat")
    app.worker_main(worker_argv)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    # Everything Netral writes (the SQLite database, uploads, exports, keys) is for its own
    # user only: files 0600, folders 0700, whatever umask the shell or service manager set.
    os.umask(0o077)
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    try:
        return _dispatch(argv[0], argv[1:])
    except ConfigError as exc:
        print(f"netral: configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("netral: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if "--traceback" in argv:
            raise
        print(f"netral {argv[0]}: {_explain(exc)}", file=sys.stderr)
        return 1


def _explain(exc: Exception) -> str:
    """One line for an error no command turned into a message of its own."""
    from django.db import DatabaseError, InterfaceError, OperationalError

    first = (str(exc).strip().splitlines() or [""])[0][:300]
    if isinstance(exc, OperationalError | InterfaceError):
        return f"cannot use the database ({first}); check DATABASE_URL and that the server runs"
    if isinstance(exc, DatabaseError):
        return (
            f"the database refused the command ({first}); if Netral was upgraded, run "
            "`netral migrate`"
        )
    if isinstance(exc, OSError):
        return f"{exc.strerror or first}: {exc.filename or ''}".rstrip(": ")
    return f"unexpected error: {type(exc).__name__}: {first} (run again with --traceback)"


def _dispatch(command: str, rest: list[str]) -> int:
    if command in _PLAIN_COMMANDS:
        import importlib

        module = importlib.import_module(_PLAIN_COMMANDS[command])
        return int(module.main(rest) or 0)
    if command == "demo":
        return _cmd_serve("demo", rest, prepare=True, demo=True)
    if command == "run":
        return _cmd_serve("run", rest, prepare=True, demo=False)
    if command == "serve":
        return _cmd_serve("serve", rest, prepare=False, demo=False)
    if command == "worker":
        return _cmd_worker(rest)
    if command == "beat":
        return _cmd_worker(["--beat-only", *rest])
    setup_django()
    from django.core.management import execute_from_command_line

    if not {"-h", "--help"} & set(rest):
        ensure_prepared(command)
    execute_from_command_line(["netral", command, *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
