from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from netral.jobs.backlog import drain
from netral.jobs.models import PendingJob


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them
    help = (
        "The job backlog: `netral jobs list` shows jobs that failed or wait for the broker; "
        "`netral jobs retry [--all]` tries the due ones (or all waiting ones) now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="jobs in the backlog")
        retry = sub.add_parser("retry", help="retry the jobs that are due")
        retry.add_argument("--all", action="store_true", help="retry every waiting job now")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "retry":
            done, failing = drain(limit=10_000, everything=options["all"])
            self.stdout.write(f"{done} jobs done, {failing} still failing")
            return
        jobs = list(PendingJob.objects.order_by("state", "next_try_at"))
        for job in jobs:
            self.stdout.write(
                f"#{job.pk}\t{job.state}\t{job.task}\ttries {job.attempts}\t"
                f"next {job.next_try_at:%Y-%m-%d %H:%M}\t{job.last_error[:80]}"
            )
        self.stdout.write(f"{len(jobs)} jobs in the backlog")
