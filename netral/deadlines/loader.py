"""Loading the shipped cuti bersama days and deadline rules (data/*.yaml).

Cuti bersama: a shipped day is added when missing; a day an administrator changed is left
alone. Rules: a release `version` is applied once (DeadlineRuleRelease in the audit trail),
matched by kind, stage and effective_from, so an administrator's correction survives restarts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from netral.audit.models import AuditEntry
from netral.audit.services import log_action
from netral.catalogue.yamlutil import DataFileError, check_keys, line_of, load_yaml
from netral.deadlines.models import CutiBersama, DeadlineRule, Stage, Unit

DATA_DIR = Path(__file__).resolve().parent / "data"
_RULE_KEYS = (
    "kind",
    "stage",
    "amount",
    "unit",
    "starts_at",
    "effective_from",
    "effective_until",
    "legal_source",
    "confirmed",
    "note",
)


def load_reference_data(data_dir: Path = DATA_DIR) -> str:
    added = _load_cuti(data_dir / "cuti_bersama.yaml")
    rules = _load_rules(data_dir / "rules.yaml")
    parts = ([f"{added} cuti bersama days"] if added else []) + (
        [f"{rules} deadline rules"] if rules else []
    )
    return ", ".join(parts)


@transaction.atomic
def _load_cuti(path: Path) -> int:
    doc = load_yaml(path.read_text(encoding="utf-8"), name=path.name)
    known = set(CutiBersama.objects.values_list("date", flat=True))
    added = 0
    for i, item in enumerate(doc.get("days") or []):
        check_keys(
            item, where=f"days[{i}]", required=("date", "name"), optional=("source", "confirmed")
        )
        if not isinstance(item["date"], date):
            raise DataFileError(f"days[{i}].date (line {line_of(item, 'date')}): not a date")
        if item["date"] in known:
            continue
        CutiBersama.objects.create(
            date=item["date"],
            name=item["name"],
            source=item.get("source") or "",
            confirmed=bool(item.get("confirmed", True)),
        )
        added += 1
    if added:
        log_action(None, "deadlines.cuti_bersama_load", None, {"added": added})
    return added


@transaction.atomic
def _load_rules(path: Path) -> int:
    doc = load_yaml(path.read_text(encoding="utf-8"), name=path.name)
    version = str(doc.get("version"))
    if AuditEntry.objects.filter(
        action="deadlines.rules_load", data_json__contains=f'"version":"{version}"'
    ).exists():
        return 0
    rules = doc.get("rules") or []
    for i, item in enumerate(rules):
        _apply_rule(item, f"rules[{i}]", version)
    log_action(None, "deadlines.rules_load", None, {"version": version, "rules": len(rules)})
    return len(rules)


def _apply_rule(item: Any, where: str, version: str) -> None:
    check_keys(
        item,
        where=where,
        required=("kind", "stage", "amount", "unit", "starts_at"),
        optional=_RULE_KEYS,
    )
    for key, choices in (("kind", DeadlineRule.Kind), ("stage", Stage), ("unit", Unit)):
        if item[key] not in choices.values:
            raise DataFileError(
                f"{where}.{key} (line {line_of(item, key)}): unknown "
                f"{item[key]!r}; one of {', '.join(choices.values)}"
            )
    rule = DeadlineRule.objects.filter(
        kind=item["kind"], stage=item["stage"], effective_from=item.get("effective_from")
    ).first() or DeadlineRule(kind=item["kind"], stage=item["stage"])
    for key in ("amount", "unit", "starts_at", "effective_from", "effective_until"):
        setattr(rule, key, item.get(key))
    rule.legal_source = item.get("legal_source") or ""
    rule.confirmed = bool(item.get("confirmed", False))
    rule.note = item.get("note") or ""
    rule._change_reason = f"aturan tenggat rilis {version}"  # type: ignore[attr-defined]
    rule.save()
