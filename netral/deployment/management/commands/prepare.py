from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from netral.preparation import prepare_database


class Command(BaseCommand):
    help = (
        "Migrate the database and load reference data (idempotent), then stop: the one-shot "
        "step before web processes start (`netral run` does it itself)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        prepare_database(demo=False, verbosity=int(options["verbosity"]))
        self.stdout.write("database prepared")
