"""Election files (`netral-election/1`, docs/election-format.md) read without Django.

The detector needs only the contestants' names, aliases, numbers, parties and the stage dates;
the full validation of a file belongs to `netral election import`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "elections" / "data"
_REQUIRED = ("code", "name", "kind", "level", "stages", "contestants")
# The phase of a date in an election whose candidate determination date is not known
# (netral.elections.phase.UNKNOWN says the same).
UNKNOWN = "unknown"


class ElectionFileError(ValueError):
    """A file that cannot be read as an election; the message names the file and the key."""


@dataclass(frozen=True)
class Party:
    code: str
    name: str
    number: int | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Contestant:
    number: int | None
    name: str
    people: tuple[str, ...]
    aliases: tuple[str, ...]
    parties: tuple[str, ...]


@dataclass(frozen=True)
class Election:
    code: str
    name: str
    kind: str
    level: str
    region: str | None
    stages: dict[str, dt.date | None] = field(hash=False)
    parties: tuple[Party, ...]
    contestants: tuple[Contestant, ...]

    @property
    def voting_day(self) -> dt.date:
        day = self.stages.get("voting_day")
        assert day is not None  # checked on load
        return day

    def phase(self, on: dt.date) -> str:
        """ "before" candidates are determined (ethics items, "bakal calon"), "after"
        (discipline items), or "unknown" when the determination date is not in the data (as
        the phase resolver says: either may apply)."""
        determined = self.stages.get("candidate_determination")
        if determined is None:
            return UNKNOWN
        return "before" if on < determined else "after"

    def window_contains(self, on: dt.date) -> bool:
        """Roughly the season in which posts about this election are written."""
        start = self.stages.get("registration") or self.voting_day - dt.timedelta(days=240)
        return start - dt.timedelta(days=180) <= on <= self.voting_day + dt.timedelta(days=60)

    def name_words(self) -> set[str]:
        """The words of its contestants' names, people and aliases (hashtags aside), as written,
        apostrophes dropped ("Ma'ruf" → "Maruf") and hyphens splitting ("Jokowi-Amin")."""
        return {
            w
            for c in self.contestants
            for name in (*c.people, *c.aliases, c.name)
            if not name.startswith("#")
            for w in name.replace("-", " ").replace("'", "").split()
        }

    def contestant(self, number: int | None) -> Contestant | None:
        return next((c for c in self.contestants if c.number == number), None)


def _as_date(value: Any, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ElectionFileError(f"{where}: not an ISO date: {value!r}") from exc


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (value or ()))


def election_from_dict(data: Any, *, source: str = "<election>") -> Election:
    if not isinstance(data, dict):
        raise ElectionFileError(f"{source}: expected a mapping (netral-election/1)")
    missing = [key for key in _REQUIRED if not data.get(key)]
    if missing:
        raise ElectionFileError(f"{source}: missing required key(s): {', '.join(missing)}")
    stages = {str(k): _as_date(v, f"{source}: stages.{k}") for k, v in data["stages"].items()}
    if stages.get("voting_day") is None:
        raise ElectionFileError(f"{source}: missing required key: stages.voting_day")
    parties = tuple(
        Party(
            code=str(p["code"]),
            name=str(p.get("name") or p["code"]),
            number=p.get("number"),
            aliases=_strings(p.get("aliases")),
        )
        for p in data.get("parties") or ()
    )
    contestants = tuple(
        Contestant(
            number=c.get("number"),
            name=str(c["name"]),
            people=_strings(c.get("people")),
            aliases=_strings(c.get("aliases")),
            parties=_strings(c.get("parties")),
        )
        for c in data["contestants"]
    )
    return Election(
        code=str(data["code"]),
        name=str(data["name"]),
        kind=str(data["kind"]),
        level=str(data["level"]),
        region=data.get("region"),
        stages=stages,
        parties=parties,
        contestants=contestants,
    )


def load_election(path: str | Path) -> Election:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ElectionFileError(f"{path}: cannot read: {exc}") from exc
    try:
        return election_from_dict(data, source=str(path))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ElectionFileError(f"{path}: malformed election ({exc})") from exc


def load_elections(paths: Iterable[str | Path]) -> list[Election]:
    return [load_election(p) for p in paths]


def shipped_elections(directory: Path = SHIPPED_DIR) -> list[Election]:
    """Every election the project ships (netral/elections/data/*.yaml), oldest first."""
    if not directory.is_dir():
        return []
    found = load_elections(sorted(directory.glob("*.yaml")))
    return sorted(found, key=lambda e: (e.voting_day, e.code))
