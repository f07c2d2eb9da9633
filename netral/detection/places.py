"""Where an election is held and which office it fills, as a post names them ("Pilkada OKU",
"Pilgub Jatim", "cabup Ogan Komering Ulu"), so the detector prefers the election a text names
over another that merely shares a ballot number or a party.

Region names come from the Kemendagri tables the project ships (`netral/regions/data/*.csv`,
read as plain files: no Django), keyed by the election's `region` code.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path

from netral.detection.elections import Election

REGIONS_DIR = Path(__file__).resolve().parent.parent / "regions" / "data"
# Everyday short names of provinces: contractions a rule cannot derive from the name.
PROVINCE_SHORT = {
    "11": ("nad",),
    "12": ("sumut",),
    "13": ("sumbar",),
    "15": ("jambi",),
    "16": ("sumsel",),
    "19": ("babel",),
    "21": ("kepri",),
    "31": ("dki", "jakarta"),
    "32": ("jabar",),
    "33": ("jateng",),
    "34": ("diy", "jogja", "yogya"),
    "35": ("jatim",),
    "52": ("ntb",),
    "53": ("ntt",),
    "61": ("kalbar",),
    "62": ("kalteng",),
    "63": ("kalsel",),
    "64": ("kaltim",),
    "65": ("kaltara",),
    "71": ("sulut",),
    "72": ("sulteng",),
    "73": ("sulsel",),
    "74": ("sultra",),
    "76": ("sulbar",),
    "82": ("malut",),
}
# Words that name the office an election fills.
LEVEL_WORDS = {
    "bupati": ("pilbup", "bupati", "cabup", "cawabup", "kabupaten"),
    "walikota": ("pilwalkot", "walikota", "cawalkot", "wakot"),
    "gubernur": ("pilgub", "gubernur", "cagub", "cawagub", "provinsi"),
    "presiden": ("pilpres", "capres", "cawapres", "presiden"),
}
_PREFIXES = ("kabupaten ", "kota ", "provinsi ")


@cache
def region_names() -> dict[str, str]:
    """Kemendagri code → name ("16.01" → "Kabupaten Ogan Komering Ulu"), provinces included."""
    names: dict[str, str] = {}
    for file in ("provinces.csv", "regencies.csv"):
        path = REGIONS_DIR / file
        if path.is_file():
            with path.open(newline="", encoding="utf-8") as fh:
                names.update((row["code"], row["name"]) for row in csv.DictReader(fh))
    return names


def place_phrases(election: Election) -> set[str]:
    """How a post may name the election's region: its name without "Kabupaten"/"Kota", the
    initials of a name of three words or more ("Ogan Komering Ulu" → "oku"), everyday short
    names of a province ("jatim")."""
    code = election.region
    if not code:
        return set()
    name = region_names().get(code, "").lower()
    for prefix in _PREFIXES:
        name = name.removeprefix(prefix)
    found = {name} if name else set()
    words = name.split()
    if len(words) >= 3:
        found.add("".join(w[0] for w in words))
    found.update(PROVINCE_SHORT.get(code, ()))
    return found


class Places:
    """Finds the region and office words of known elections in a post's normalised tokens."""

    def __init__(self, elections: Iterable[Election], normalise: Callable[[str], Sequence[str]]):
        self.phrases: dict[tuple[str, ...], set[str]] = {}
        self.levels: dict[str, set[str]] = {}
        for e in elections:
            for phrase in place_phrases(e):
                key = tuple(normalise(phrase))
                if key:
                    self.phrases.setdefault(key, set()).add(e.code)
            for word in LEVEL_WORDS.get(e.level, ()):
                self.levels.setdefault(word, set()).add(e.code)
        self._longest: dict[str, int] = {}
        for key in self.phrases:
            self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))
        self._starts = frozenset(self._longest) | frozenset(self.levels)

    def may_start(self, norm: str) -> bool:
        """Whether a token with this spelling can start a region name or name an office."""
        return norm in self._starts

    def named(
        self, norms: Sequence[str], candidates: Sequence[int] | None = None
    ) -> tuple[set[str], set[str], list[tuple[int, int]]]:
        """(elections whose region the text names, elections whose office it names, the
        (first token, length) of each region name found); `candidates`, when known, are the
        indices of the tokens that `may_start` one, in order."""
        regions: set[str] = set()
        offices: set[str] = set()
        spans: list[tuple[int, int]] = []
        longest, n, starts = self._longest, len(norms), self._starts
        if candidates is None:
            candidates = [i for i, w in enumerate(norms) if w in starts]
        for i in candidates:
            word = norms[i]
            offices |= self.levels.get(word, set())
            for size in range(min(longest.get(word, 0), n - i), 0, -1):
                codes = self.phrases.get(tuple(norms[i : i + size]))
                if codes:
                    regions |= codes
                    spans.append((i, size))
                    break
        return regions, offices, spans
