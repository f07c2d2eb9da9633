from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from netral.cli import prepare_database


class Command(BaseCommand):
    help = "Migrate and load reference and demo data (idempotent); does not serve."

    def handle(self, *args: Any, **options: Any) -> None:
        prepare_database(demo=True, verbosity=options["verbosity"])
        self.stdout.write("demo data ready")
