"""Catalogue items a partisan post points to, by phase (data/violations.json).

The phase rule (legal-notes §1.2): before the election's candidate_determination date the SKB
ethics items apply ("bakal calon"), from that date the discipline items and the PP 94/2021
Pasal 5 huruf n items they cite.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any

from netral.detection.elections import Election


@cache
def mapping() -> dict[str, Any]:
    raw = resources.files("netral.detection").joinpath("data").joinpath("violations.json")
    data: dict[str, Any] = json.loads(raw.read_text("utf-8"))
    return data


def phase_for(election: Election | None, posted: dt.date | None) -> str | None:
    """ "before"/"after", or None when no election is known (the phase cannot be told)."""
    if election is None:
        return None
    return election.phase(posted or dt.date.today())


def violation_codes(*, phase: str | None, symbol: bool = False, team: bool = False) -> list[str]:
    """Codes in catalogue order: E…, D…, then PP94-5n-…. Without a phase both the ethics and
    the discipline items are listed, since either may apply."""
    return list(_codes(phase, symbol, team))  # a fresh list: callers may keep and change it


@cache  # eight combinations, asked for every partisan post
def _codes(phase: str | None, symbol: bool, team: bool) -> tuple[str, ...]:
    table = mapping()
    phases = [phase] if phase else ["before", "after"]
    kinds = ["post"] + (["symbol_or_photo"] if symbol else []) + (["campaign_team"] if team else [])
    codes: set[str] = set()
    for p in phases:
        for kind in kinds:
            codes.update(table[kind][p])
    for code in list(codes):
        codes.update(table["pp94"].get(code, ()))
    return tuple(sorted(codes, key=_order))


def _order(code: str) -> tuple[int, int]:
    if code.startswith("PP94-5n-"):
        return (2, int(code.rsplit("-", 1)[1]))
    return (0 if code[0] == "E" else 1, int(code[1:]))
