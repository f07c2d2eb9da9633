"""`netral insights refresh [--full]` and `netral insights publish`: the jobs, by hand."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them
    help = "Refresh the dashboard summaries (--full rebuilds them) or publish the public page."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["refresh", "publish"])
        parser.add_argument("--full", action="store_true", help="rebuild every case's summary")

    def handle(self, *args: Any, **options: Any) -> None:
        from netral.insights import public
        from netral.insights.refresh import refresh_all

        result = refresh_all(full=options["full"])
        self.stdout.write(f"netral insights refresh: {result}")
        if options["action"] == "publish":
            snap = public.publish()
            self.stdout.write(f"netral insights publish: {snap.created_at:%Y-%m-%d %H:%M}")
