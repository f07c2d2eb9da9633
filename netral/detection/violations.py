"""Catalogue items a partisan post points to: the kinds of act in data/violations.json, each
item's phase from the legal catalogue's own data (netral/catalogue/data/violations.yaml, the
file the catalogue tables are loaded from), so the phase rule is written once.

The phase rule (legal-notes §1.2): before the election's candidate_determination date the SKB
ethics items apply ("bakal calon"), from that date the discipline items and the PP 94/2021
Pasal 5 huruf n items they cite. An election whose determination date is unknown, like a post
tied to no election, gets the items of both phases ("unknown", as the phase resolver says).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from netral.detection.elections import UNKNOWN, Election

CATALOGUE_FILE = Path(__file__).resolve().parent.parent / "catalogue" / "data" / "violations.yaml"
# The catalogue's phase of an item → the detector's phases in which it applies.
_CATALOGUE_PHASES = {
    "before_determination": ("before",),
    "after_determination": ("after",),
    "any": ("before", "after"),
}
JAKARTA = ZoneInfo("Asia/Jakarta")


@cache
def mapping() -> dict[str, Any]:
    raw = resources.files("netral.detection").joinpath("data").joinpath("violations.json")
    data: dict[str, Any] = json.loads(raw.read_text("utf-8"))
    return data


@cache
def catalogue_phases(path: Path = CATALOGUE_FILE) -> dict[str, tuple[str, ...]]:
    """Item code → the phases ("before", "after") in which the catalogue applies it."""
    doc = yaml.safe_load(path.read_text("utf-8"))
    return {str(item["code"]): _CATALOGUE_PHASES[str(item["phase"])] for item in doc["violations"]}


def phase_for(election: Election | None, posted: dt.date | None) -> str | None:
    """ "before"/"after", "unknown" when the election's determination date is not known, or
    None when no election is known. An undated post is taken as posted today (Jakarta)."""
    if election is None:
        return None
    return election.phase(posted or dt.datetime.now(JAKARTA).date())


def violation_codes(*, phase: str | None, symbol: bool = False, team: bool = False) -> list[str]:
    """Codes in catalogue order: E…, D…, then PP94-5n-…. Without a phase (or an unknown one)
    both the ethics and the discipline items are listed, since either may apply."""
    return list(_codes(phase, symbol, team))  # a fresh list: callers may keep and change it


@cache  # a few combinations, asked for every partisan post
def _codes(phase: str | None, symbol: bool, team: bool) -> tuple[str, ...]:
    table = mapping()
    phases = {"before", "after"} if phase in (None, UNKNOWN) else {phase}
    applies = catalogue_phases()
    kinds = ["post"] + (["symbol_or_photo"] if symbol else []) + (["campaign_team"] if team else [])
    codes = {
        code for kind in kinds for code in table[kind] if phases.intersection(applies.get(code, ()))
    }
    for code in list(codes):
        codes.update(table["pp94"].get(code, ()))
    return tuple(sorted(codes, key=_order))


def _order(code: str) -> tuple[int, int]:
    if code.startswith("PP94-5n-"):
        return (2, int(code.rsplit("-", 1)[1]))
    return (0 if code[0] == "E" else 1, int(code[1:]))
