"""`netral catalogue list [--format json]`, `netral catalogue show CODE`."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netral.catalogue.models import Violation
from netral.catalogue.serialize import violation_dict, violations_queryset


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them
    help = "List or show the violation types of the legal catalogue."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="every violation type")
        listing.add_argument("--format", choices=["text", "json"], default="text")
        show = sub.add_parser("show", help="one violation type in full")
        show.add_argument("code", help="E1…E7, D1…D13, PP94-5n-1…7")
        show.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            items = [violation_dict(v) for v in violations_queryset()]
            if options["format"] == "json":
                self.stdout.write(json.dumps(items, ensure_ascii=False, indent=2))
                return
            for item in items:
                flag = "" if item["confirmed"] else "  [BELUM DIKONFIRMASI]"
                sanction = item["default_sanction"]["name"] if item["default_sanction"] else "-"
                self.stdout.write(
                    f"{item['code']:<10} {item['kind']:<10} {item['phase']:<21} "
                    f"{item['level'] or '-':<6} {item['title'][:70]}{flag}\n"
                    f"{'':<10} sanksi: {sanction}"
                )
            return
        violation = violations_queryset().filter(code=options["code"]).first()
        if violation is None:
            codes = ", ".join(Violation.objects.values_list("code", flat=True))
            raise CommandError(f"no violation type {options['code']!r}; known: {codes}")
        item = violation_dict(violation)
        if options["format"] == "json":
            self.stdout.write(json.dumps(item, ensure_ascii=False, indent=2))
            return
        self.stdout.write(_text(item))


def _text(item: dict[str, Any]) -> str:
    lines = [
        f"{item['code']} ({item['source_list']}): {item['title']}",
        f"  jenis: {item['kind_label']}; tahap: {item['phase_label']}; "
        f"berlaku bagi: {item['applies_to_label']}; tingkat: {item['level'] or '-'}",
        f"  status: {'terkonfirmasi' if item['confirmed'] else 'BELUM DIKONFIRMASI'} "
        f"({item['confidence']}; bunyi {'ok' if item['wording_confirmed'] else 'belum pasti'}, "
        f"tingkat {'ok' if item['level_confirmed'] else 'belum pasti'})",
    ]
    if item["confirmation_note"]:
        lines.append(f"  catatan: {item['confirmation_note']}")
    lines += [
        f"  penjelasan: {item['explanation']}",
        f"  contoh: {item['example']}",
        "  dasar hukum:",
    ]
    lines += [
        f"    - {b['regulation']} {b['article']}"
        + ("" if b["confirmed"] else " (pasal BELUM DIKONFIRMASI)")
        for b in item["legal_basis"]
    ]
    default = item["default_sanction"]
    lines.append(f"  sanksi utama: {default['name'] if default else '-'}")
    lines += [f"    - {s['code']}: {s['name']}" for s in item["allowed_sanctions"]]
    lines += [
        f"  pidana terkait: {c['title']} ({c['citation']})" for c in item["criminal_provisions"]
    ]
    lines += [f"  sumber: {s}" for s in item["sources"]]
    return "\n".join(lines)
