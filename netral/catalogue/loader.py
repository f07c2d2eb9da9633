"""Loading the shipped catalogue release (data/catalogue.yaml + data/violations.yaml).

A release is applied once: the database remembers each version it took (CatalogueRelease), so
a restart never overwrites an administrator's correction with the same release again. A newer
`version` in the files is applied over the rows by code (rows not in the files are kept).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from netral.audit.services import log_action
from netral.catalogue.models import (
    Authority,
    CatalogueRelease,
    Confidence,
    CriminalProvision,
    LegalBasis,
    Regulation,
    Sanction,
    SanctionCategory,
    Violation,
)
from netral.catalogue.yamlutil import DataFileError, check_keys, line_of, load_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = ("catalogue.yaml", "violations.yaml")
_SOURCED = ("confidence", "confirmation_note", "sources")
_REGULATION_KEYS = (
    "short_name",
    "kind",
    "year",
    "title",
    "enacted_on",
    "in_force",
    "status_note",
    "summary",
    "url",
    *_SOURCED,
)
_SANCTION_KEYS = (
    "name",
    "category",
    "level",
    "order",
    "regulation",
    "article",
    "description",
    *_SOURCED,
)
_CRIMINAL_KEYS = (
    "regulation",
    "election_kind",
    "prohibition_article",
    "penalty_article",
    "title",
    "wording",
    "penalty",
    "explanation",
    "order",
    *_SOURCED,
)
_AUTHORITY_KEYS = ("name", "valid_from", "valid_until", "legal_basis", *_SOURCED)
_VIOLATION_KEYS = (
    "list",
    "title",
    "explanation",
    "example",
    "kind",
    "phase",
    "applies_to",
    "level",
    "wording_confirmed",
    "level_confirmed",
    "default_sanction",
    "allowed_sanctions",
    "basis",
    "criminal",
    *_SOURCED,
)
_VIOLATION_REQUIRED = (
    "code",
    "list",
    "title",
    "explanation",
    "example",
    "kind",
    "phase",
    "applies_to",
    "confidence",
    "basis",
)


def read_release(data_dir: Path = DATA_DIR) -> tuple[str, str, dict[str, Any]]:
    """(version, checksum, merged document) of the files in `data_dir`."""
    texts = {name: (data_dir / name).read_text(encoding="utf-8") for name in FILES}
    docs = {name: load_yaml(text, name=name) for name, text in texts.items()}
    versions = {str(doc.get("version")) for doc in docs.values()}
    if len(versions) != 1:
        raise DataFileError(f"version differs between {' and '.join(FILES)}: {sorted(versions)}")
    checksum = hashlib.sha256("".join(texts[n] for n in FILES).encode()).hexdigest()
    merged = {**docs["catalogue.yaml"], **docs["violations.yaml"]}
    return versions.pop(), checksum, merged


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def load_reference_data(data_dir: Path = DATA_DIR) -> str:
    version, checksum, doc = read_release(data_dir)
    loaded = list(CatalogueRelease.objects.values_list("version", flat=True))
    if any(_version_key(v) >= _version_key(version) for v in loaded):
        return ""
    counts = apply_release(doc, version=version, checksum=checksum)
    return f"release {version}: " + ", ".join(f"{n} {k}" for k, n in counts.items())


def _sourced(item: Any) -> dict[str, Any]:
    return {
        "confidence": item.get("confidence") or Confidence.UNCONFIRMED,
        "confirmation_note": (item.get("confirmation_note") or "").strip(),
        "sources": list(item.get("sources") or []),
    }


def _choice(item: Any, key: str, choices: Any, where: str) -> str:
    value = item.get(key) or ""
    if value not in choices.values:
        raise DataFileError(
            f"{where}.{key} (line {line_of(item, key)}): {value!r} is not one "
            f"of {', '.join(v for v in choices.values if v)}"
        )
    return str(value)


def _upsert(model: Any, code: str, fields: dict[str, Any], reason: str) -> Any:
    obj = model.objects.filter(code=code).first() or model(code=code)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj._change_reason = reason
    obj.save()
    return obj


def _section(doc: dict[str, Any], name: str) -> list[Any]:
    items = doc.get(name) or []
    if not isinstance(items, list):
        raise DataFileError(f"{name} (line {line_of(doc, name)}): expected a list")
    return items


@transaction.atomic
def apply_release(doc: dict[str, Any], *, version: str, checksum: str) -> dict[str, int]:
    reason = f"katalog rilis {version}"
    regs: dict[str, Regulation] = {}
    for i, item in enumerate(_section(doc, "regulations")):
        where = f"regulations[{i}]"
        check_keys(
            item,
            where=where,
            required=("code", "short_name", "kind", "year", "title"),
            optional=_REGULATION_KEYS,
        )
        regs[item["code"]] = _upsert(
            Regulation,
            item["code"],
            {
                "short_name": item["short_name"],
                "title": " ".join(str(item["title"]).split()),
                "kind": _choice(item, "kind", Regulation.Kind, where),
                "year": item["year"],
                "enacted_on": _date(item, "enacted_on", where),
                "in_force": bool(item.get("in_force", True)),
                "status_note": item.get("status_note") or "",
                "summary": item.get("summary") or "",
                "url": item.get("url") or "",
                **_sourced(item),
            },
            reason,
        )
    sanctions = _load_sanctions(doc, regs, reason)
    criminal = _load_criminal(doc, regs, reason)
    for i, item in enumerate(_section(doc, "authorities")):
        check_keys(
            item, where=f"authorities[{i}]", required=("code", "name"), optional=_AUTHORITY_KEYS
        )
        _upsert(
            Authority,
            item["code"],
            {
                "name": item["name"],
                "valid_from": _date(item, "valid_from", f"authorities[{i}]"),
                "valid_until": _date(item, "valid_until", f"authorities[{i}]"),
                "legal_basis": " ".join(str(item.get("legal_basis") or "").split()),
                **_sourced(item),
            },
            reason,
        )
    violations = _load_violations(doc, regs, sanctions, criminal, reason)
    CatalogueRelease.objects.create(version=version, checksum=checksum)
    counts = {
        "regulations": len(regs),
        "sanctions": len(sanctions),
        "criminal provisions": len(criminal),
        "violation types": violations,
    }
    log_action(None, "catalogue.load", None, {"version": version, **counts})
    return counts


def _date(item: Any, key: str, where: str) -> date | None:
    value = item.get(key)
    if value is None or isinstance(value, date):
        return value
    raise DataFileError(f"{where}.{key} (line {line_of(item, key)}): expected a date YYYY-MM-DD")


def _load_sanctions(
    doc: dict[str, Any], regs: dict[str, Regulation], reason: str
) -> dict[str, Sanction]:
    out: dict[str, Sanction] = {}
    for i, item in enumerate(_section(doc, "sanctions")):
        where = f"sanctions[{i}]"
        check_keys(
            item, where=where, required=("code", "name", "category"), optional=_SANCTION_KEYS
        )
        _choice(item, "category", SanctionCategory, where)
        out[item["code"]] = _upsert(
            Sanction,
            item["code"],
            {
                "name": item["name"],
                "category": item["category"],
                "level": item.get("level") or "",
                "order": item.get("order", 100 + i),
                "article": item.get("article") or "",
                "regulation": _ref(regs, item, "regulation", where, optional=True),
                "description": " ".join(str(item.get("description") or "").split()),
                **_sourced(item),
            },
            reason,
        )
    return out


def _load_criminal(
    doc: dict[str, Any], regs: dict[str, Regulation], reason: str
) -> dict[str, CriminalProvision]:
    out: dict[str, CriminalProvision] = {}
    for i, item in enumerate(_section(doc, "criminal_provisions")):
        where = f"criminal_provisions[{i}]"
        check_keys(
            item,
            where=where,
            required=(
                "code",
                "regulation",
                "election_kind",
                "title",
                "prohibition_article",
                "penalty_article",
                "wording",
                "penalty",
            ),
            optional=_CRIMINAL_KEYS,
        )
        text = {
            k: " ".join(str(item.get(k) or "").split())
            for k in (
                "title",
                "wording",
                "penalty",
                "explanation",
                "prohibition_article",
                "penalty_article",
            )
        }
        out[item["code"]] = _upsert(
            CriminalProvision,
            item["code"],
            {
                **text,
                "regulation": _ref(regs, item, "regulation", where),
                "election_kind": _choice(
                    item, "election_kind", CriminalProvision.ElectionKind, where
                ),
                "order": item.get("order", i),
                **_sourced(item),
            },
            reason,
        )
    return out


def _ref(table: dict[str, Any], item: Any, key: str, where: str, *, optional: bool = False) -> Any:
    code = item.get(key)
    if code is None and optional:
        return None
    if code not in table:
        raise DataFileError(f"{where}.{key} (line {line_of(item, key)}): unknown code {code!r}")
    return table[code]


def _expand_sanctions(
    codes: list[str], sanctions: dict[str, Sanction], where: str, item: Any
) -> list[Sanction]:
    out: list[Sanction] = []
    for code in codes:
        if code == "@moral":
            out += [s for s in sanctions.values() if s.category == SanctionCategory.MORAL]
        elif code == "@all":
            out += [
                s
                for s in sanctions.values()
                if s.category
                in {SanctionCategory.MORAL, SanctionCategory.DISCIPLINE, SanctionCategory.DISMISSAL}
            ]
        elif code.startswith("@"):
            level = code[1:]
            out += [
                s
                for s in sanctions.values()
                if s.category == SanctionCategory.DISCIPLINE and s.level == level
            ]
            if not any(s.level == level for s in sanctions.values()):
                raise DataFileError(
                    f"{where}.allowed_sanctions (line "
                    f"{line_of(item, 'allowed_sanctions')}): unknown group {code}"
                )
        else:
            out.append(_ref(sanctions, {"s": code}, "s", f"{where}.allowed_sanctions"))
    return list(dict.fromkeys(out))


def _load_violations(
    doc: dict[str, Any],
    regs: dict[str, Regulation],
    sanctions: dict[str, Sanction],
    criminal: dict[str, CriminalProvision],
    reason: str,
) -> int:
    from netral.catalogue.models import AppliesTo, Phase, SanctionLevel, ViolationKind

    items = _section(doc, "violations")
    for i, item in enumerate(items):
        where = f"violations[{i}]"
        check_keys(item, where=where, required=_VIOLATION_REQUIRED, optional=_VIOLATION_KEYS)
        fields = {
            "source_list": item["list"],
            "title": " ".join(str(item["title"]).split()),
            "explanation": " ".join(str(item["explanation"]).split()),
            "example": " ".join(str(item["example"]).split()),
            "kind": _choice(item, "kind", ViolationKind, where),
            "phase": _choice(item, "phase", Phase, where),
            "applies_to": _choice(item, "applies_to", AppliesTo, where),
            "level": _choice(item, "level", SanctionLevel, where),
            "wording_confirmed": bool(item.get("wording_confirmed")),
            "level_confirmed": bool(item.get("level_confirmed")),
            "default_sanction": _ref(sanctions, item, "default_sanction", where, optional=True),
            "order": i,
            **_sourced(item),
        }
        fields["confirmation_note"] = " ".join(fields["confirmation_note"].split())
        violation = _upsert(Violation, item["code"], fields, reason)
        violation.allowed_sanctions.set(
            _expand_sanctions(list(item.get("allowed_sanctions") or []), sanctions, where, item)
        )
        violation.criminal_provisions.set(
            [_ref(criminal, {"c": c}, "c", f"{where}.criminal") for c in item.get("criminal") or []]
        )
        violation.basis.all().delete()
        for order, basis in enumerate(item["basis"]):
            check_keys(
                basis,
                where=f"{where}.basis[{order}]",
                required=("regulation",),
                optional=("article", "confirmed"),
            )
            LegalBasis.objects.create(
                violation=violation,
                regulation=_ref(regs, basis, "regulation", where),
                article=str(basis.get("article") or ""),
                confirmed=bool(basis.get("confirmed", True)),
                order=order,
            )
    return len(items)
