from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from netral.regions.loader import load_regions
from netral.regions.models import District, Province, Regency


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them
    help = "Region tables: `netral regions load` re-reads the shipped Kemendagri CSV files."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="upsert provinces, kab/kota and kecamatan")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_regions(Province, Regency, District)
        self.stdout.write(
            f"{counts['provinces']} provinces, {counts['regencies']} kab/kota, "
            f"{counts['districts']} kecamatan loaded"
        )
