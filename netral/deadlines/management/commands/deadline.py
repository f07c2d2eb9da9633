"""`netral deadline --kind pemilu --stage decision --from 2024-04-05 [--extended] [--days N]`:
the due date of a handling stage and why (which days were skipped and why)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from netral.deadlines.engine import NoDeadlineRule, compute_deadline, deadline_state
from netral.deadlines.models import DeadlineRule, Stage


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--from: {value!r} is not a date YYYY-MM-DD") from exc


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them
    help = "Compute the due date of a handling stage on the Indonesian working-day calendar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, choices=DeadlineRule.Kind.values)
        parser.add_argument("--stage", required=True, choices=Stage.values)
        parser.add_argument("--from", dest="start", required=True, help="start date YYYY-MM-DD")
        parser.add_argument(
            "--extended",
            action="store_true",
            help="decision: more information needed (extension rule)",
        )
        parser.add_argument("--days", type=int, help="override the rule's amount")
        parser.add_argument("--today", help="state on this date (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        start = _date(options["start"])
        if options["days"] is not None and options["days"] < 0:
            raise CommandError("--days: must be zero or more")
        try:
            deadline = compute_deadline(
                kind=options["kind"],
                stage=options["stage"],
                start=start,
                extended=options["extended"],
                days=options["days"],
            )
        except NoDeadlineRule as exc:
            raise CommandError(str(exc)) from exc
        except OverflowError as exc:
            raise CommandError("--from: the due date falls after 9999-12-31") from exc
        today = _date(options["today"]) if options["today"] else timezone.localdate()
        self.stdout.write(
            f"due: {deadline.due.isoformat()}"
            + ("  (BELUM DIKONFIRMASI)" if deadline.unconfirmed else "")
        )
        self.stdout.write(f"state on {today.isoformat()}: {deadline_state(deadline, today)}")
        self.stdout.write(deadline.explanation)
