from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from netral.retention.rules import enforce


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them
    help = (
        "Delete or erase the personal data that has outlived its purpose (docs/retention.md);"
        " the scheduler runs it hourly."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for name, count in enforce().items():
            self.stdout.write(f"{name}: {count} removed")
