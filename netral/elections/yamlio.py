"""The election file format `netral-election/1` (docs/election-format.md): strict parsing into a
plain dict, and a canonical writer, so that export → import → export gives the same text.

No Django import here: the detector reads the same files, and so may any script.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from typing import Any

import yaml

from netral.catalogue.yamlutil import DataFileError, LineDict, check_keys, line_of, load_yaml

FORMAT = "netral-election/1"
STAGES = (
    "registration",
    "candidate_determination",
    "campaign_start",
    "campaign_end",
    "quiet_period_start",
    "quiet_period_end",
    "voting_day",
)
KINDS = ("pemilu", "pilkada")
LEVELS = ("presiden", "legislatif", "serentak", "gubernur", "bupati", "walikota")
STATUSES = ("confirmed", "unconfirmed", "demo")
TOP_KEYS = (
    "format",
    "code",
    "name",
    "kind",
    "level",
    "region",
    "status",
    "notes",
    "stages",
    "parties",
    "contestants",
    "sources",
)
PARTY_KEYS = ("code", "name", "number", "aliases")
CONTESTANT_KEYS = ("number", "name", "people", "aliases", "parties", "incumbent_of")
_CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_REGION = re.compile(r"^\d{2}(\.\d{2})?$")


def _err(where: str, item: Any, key: str, message: str) -> DataFileError:
    return DataFileError(f"{where}{key} (line {line_of(item, key)}): {message}")


def _text(item: Any, key: str, where: str, *, optional: bool = False) -> str | None:
    value = item.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _err(where, item, key, "expected text")
    return value.strip()


def _texts(item: Any, key: str, where: str) -> list[str]:
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _err(where, item, key, "expected a list of texts")
    return [v.strip() for v in value]


def _number(item: Any, key: str, where: str, *, optional: bool) -> int | None:
    value = item.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _err(where, item, key, "expected a whole number")
    return value


def parse(text: str, *, name: str = "file") -> dict[str, Any]:
    """Parse and check one election document; errors name the key and its line."""
    doc = load_yaml(text, name=name)
    check_keys(
        doc,
        where=name,
        required=("format", "code", "name", "kind", "level", "stages", "contestants"),
        optional=TOP_KEYS,
    )
    if doc["format"] != FORMAT:
        raise _err("", doc, "format", f"expected {FORMAT!r}, got {doc['format']!r}")
    spec: dict[str, Any] = {"code": _text(doc, "code", ""), "name": _text(doc, "name", "")}
    if not _CODE.match(spec["code"]):
        raise _err("", doc, "code", "use lowercase letters, digits and dashes (pilpres-2019)")
    for key, allowed in (("kind", KINDS), ("level", LEVELS)):
        if doc[key] not in allowed:
            raise _err("", doc, key, f"{doc[key]!r} is not one of {', '.join(allowed)}")
        spec[key] = doc[key]
    region = doc.get("region")
    if region is not None and not (isinstance(region, str) and _REGION.match(region)):
        raise _err(
            "",
            doc,
            "region",
            'expected null, a province code "35" or a kab/kota code "16.01" (quoted)',
        )
    spec["region"] = region
    status = doc.get("status") or "confirmed"
    if status not in STATUSES:
        raise _err("", doc, "status", f"{status!r} is not one of {', '.join(STATUSES)}")
    spec["status"] = status
    spec["notes"] = (_text(doc, "notes", "", optional=True) or "").strip()
    spec["stages"] = _stages(doc["stages"])
    spec["parties"] = _parties(doc.get("parties") or [])
    spec["contestants"] = _contestants(doc["contestants"], {p["code"] for p in spec["parties"]})
    spec["sources"] = _texts(doc, "sources", "")
    return spec


def _stages(stages: Any) -> dict[str, date | None]:
    check_keys(stages, where="stages", required=("voting_day",), optional=STAGES)
    out: dict[str, date | None] = {}
    for stage in STAGES:
        value = stages.get(stage)
        if value is not None and not isinstance(value, date):
            raise _err("stages.", stages, stage, "expected a date YYYY-MM-DD (or null)")
        out[stage] = value
    known = [(s, out[s]) for s in STAGES if out[s] is not None]
    for (first, a), (second, b) in itertools.pairwise(known):
        if a is not None and b is not None and b < a:
            raise _err("stages.", stages, second, f"{b} is before {first} ({a})")
    return out


def _parties(items: Any) -> list[dict[str, Any]]:
    if not isinstance(items, list):
        raise DataFileError("parties: expected a list")
    out, seen = [], set()
    for i, item in enumerate(items):
        where = f"parties[{i}]."
        check_keys(item, where=f"parties[{i}]", required=("code", "name"), optional=PARTY_KEYS)
        code = _text(item, "code", where)
        if code in seen:
            raise _err(where, item, "code", f"party {code} is listed twice")
        seen.add(code)
        out.append(
            {
                "code": code,
                "name": _text(item, "name", where),
                "number": _number(item, "number", where, optional=True),
                "aliases": _texts(item, "aliases", where),
            }
        )
    return out


def _contestants(items: Any, party_codes: set[str]) -> list[dict[str, Any]]:
    if not isinstance(items, list) or not items:
        raise DataFileError("contestants: at least one contestant is required")
    out, seen = [], set()
    for i, item in enumerate(items):
        where = f"contestants[{i}]."
        check_keys(
            item, where=f"contestants[{i}]", required=("number", "name"), optional=CONTESTANT_KEYS
        )
        number = _number(item, "number", where, optional=False)
        if number in seen:
            raise _err(where, item, "number", f"number {number} is used twice")
        seen.add(number)
        parties = _texts(item, "parties", where)
        unknown = [p for p in parties if p not in party_codes]
        if unknown:
            raise _err(where, item, "parties", f"{', '.join(unknown)} not listed under parties")
        out.append(
            {
                "number": number,
                "name": _text(item, "name", where),
                "people": _texts(item, "people", where),
                "aliases": _texts(item, "aliases", where),
                "parties": parties,
                "incumbent_of": _text(item, "incumbent_of", where, optional=True),
            }
        )
    return out


# ---- writing ----


class _Dumper(yaml.SafeDumper):
    pass


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(not isinstance(v, dict | list) for v in data) and (
        sum(len(str(v)) + 2 for v in data) < 80
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = ">" if len(data) > 90 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(LineDict, _Dumper.represent_dict)


def dump(spec: dict[str, Any]) -> str:
    """The canonical text of an election (key order as in the documented format)."""
    doc: dict[str, Any] = {"format": FORMAT}
    for key in ("code", "name", "kind", "level", "region", "status"):
        doc[key] = spec[key]
    if spec.get("notes"):
        doc["notes"] = spec["notes"]
    doc["stages"] = {stage: spec["stages"].get(stage) for stage in STAGES}
    doc["parties"] = [{k: p[k] for k in PARTY_KEYS} for p in spec["parties"]]
    doc["contestants"] = [{k: c[k] for k in CONTESTANT_KEYS} for c in spec["contestants"]]
    doc["sources"] = list(spec.get("sources") or [])
    return yaml.dump(
        doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96, default_flow_style=False
    )
