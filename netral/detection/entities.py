"""Election-aware entity matching: contestants' names, aliases, hashtags, numbers and parties.

Aliases are normalised with the same Normalizer as the posts, so "Ma'ruf", "#JokowiLagi" and
"paslon 02" meet their match whatever the spelling. Misspelt single names ("Khofifa",
"Prabowoo") are caught with rapidfuzz against the single-word aliases.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from mypy_extensions import mypyc_attr
from rapidfuzz import fuzz, process

from netral.detection.elections import Election
from netral.detection.normalize import Normalizer, Tok, load_common_words
from netral.detection.places import Places

_MAX_ALIAS = 4
_FUZZY_MIN_LEN = 6
_FUZZY_CUTOFF = 88.0
_PHRASE_KINDS = frozenset({"word", "hashtag_part"})
# A named region outweighs ballot numbers and parties shared by many elections, not a
# contestant's name ("Prabowo di Jakarta" stays about the presidential race).
_REGION_WEIGHT = 0.8
_OFFICE_WEIGHT = 0.2


@dataclass(frozen=True)
class Target:
    election: str
    number: int | None  # contestant number (None for a party)
    party: str | None
    how: str  # name | hashtag | party


@dataclass(slots=True)  # created for every mention of every post: no frozen overhead
class Mention:
    election: str
    number: int | None
    party: str | None
    how: str  # name | hashtag | party | number | fuzzy
    start: int
    end: int
    first_token: int
    last_token: int


@mypyc_attr(native_class=False)  # mypyc: a builtin type subclass stays a plain class
class _Cached(dict[str, bool]):
    """spelling → a yes/no worked out once (a dict that fills itself on a miss)."""

    def __init__(self, compute: Callable[[str], bool]):
        super().__init__()
        self.compute = compute

    def __missing__(self, key: str) -> bool:
        found = self.compute(key)
        if len(self) < 500_000:
            self[key] = found
        return found


def sizes_by_first_word(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """First word → the lengths of the phrases it starts, longest first: a search for the
    longest phrase at a token tries only lengths that some phrase has (a name of one or four
    words is not looked for as two or three)."""
    sizes: dict[str, set[int]] = defaultdict(set)
    for key in phrases:
        sizes[key[0]].add(len(key))
    return {word: tuple(sorted(found, reverse=True)) for word, found in sizes.items()}


class Matcher:
    def __init__(self, elections: Sequence[Election], normalizer: Normalizer | None = None):
        self.elections = {e.code: e for e in elections}
        words = set().union(*(e.name_words() for e in elections))
        self.normalizer = normalizer or Normalizer.default(extra_words=words)
        self.common = load_common_words() | frozenset(self.normalizer.slang)
        self.phrases: dict[tuple[str, ...], set[Target]] = defaultdict(set)
        self.hashtags: dict[str, set[Target]] = defaultdict(set)
        self.numbers: dict[int, set[str]] = defaultdict(set)
        for election in elections:
            self._index(election)
        # Misspellings are looked for among contestants' names only: party acronyms and
        # words like "banten" sit too close to each other.
        self._single = sorted(
            k[0]
            for k, targets in self.phrases.items()
            if len(k) == 1 and len(k[0]) >= _FUZZY_MIN_LEN and any(t.party is None for t in targets)
        )
        self._fuzzy = lru_cache(maxsize=100_000)(self._fuzzy_lookup)
        self._starts = _Cached(self._may_start)
        self._season: dict[dt.date, Election | None] = {}
        self.places = Places(elections, lambda s: [t[0] for t in self.normalizer.raw_tokens(s)])
        # First word of each alias → its longest length: most words start no alias at all.
        self._first: dict[str, int] = {}
        for key in self.phrases:
            self._first[key[0]] = max(self._first.get(key[0], 0), len(key))
        self._sizes = sizes_by_first_word(self.phrases)

    def _add_phrase(self, text: str, target: Target) -> None:
        if text.strip().startswith("#"):
            self.hashtags[text.strip().lower()].add(target)
            return
        tokens = self.normalizer.tokens(text)
        if any(t.kind != "word" for t in tokens):
            return  # "paslon 01": ballot numbers are matched on their own
        key = tuple(t.norm for t in tokens)
        acronym = text.isupper() and len(text) >= 3  # AHY, JKW, PKB
        shortest = 3 if target.how == "party" or acronym else 4
        if key and (len(key) > 1 or (len(key[0]) >= shortest and key[0] not in self.common)):
            self.phrases[key[:_MAX_ALIAS]].add(target)

    def _index(self, election: Election) -> None:
        for c in election.contestants:
            names = [c.name, *c.people, *c.aliases]
            names += [n for name in (c.name, *c.aliases) for n in name.split("–")]
            for person in c.people:  # a surname or a first name alone ("Prabowo", "Khofifah")
                names.extend(w for w in person.replace("'", "").split() if len(w) >= 5)
            for name in names:
                how = "hashtag" if name.strip().startswith("#") else "name"
                self._add_phrase(name, Target(election.code, c.number, None, how))
            if c.number is not None:
                self.numbers[c.number].add(election.code)
        for p in election.parties:
            for name in (p.code, p.name, *p.aliases):
                self._add_phrase(name, Target(election.code, None, p.code, "party"))

    def _fuzzy_lookup(self, word: str) -> tuple[str, ...] | None:
        found = process.extractOne(
            word, self._single, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
        )
        # Same first letter: "wanita" is not "wahida", however close the rest.
        return (found[0],) if found and found[0][0] == word[0] else None

    def _may_start(self, norm: str) -> bool:
        """Whether a token with this spelling can start a mention (cached per spelling)."""
        return bool(
            norm in self._first
            or norm in self.hashtags
            or norm.startswith("nomor")
            or (len(norm) >= _FUZZY_MIN_LEN and norm not in self.common and self._fuzzy(norm))
        )

    def may_start(self, norm: str) -> bool:
        """Whether a token with this spelling can start a mention (cached per spelling)."""
        return self._starts[norm]

    def match(
        self,
        tokens: Sequence[Tok],
        norms: Sequence[str] | None = None,
        candidates: Sequence[int] | None = None,
    ) -> list[Mention]:
        """The mentions in a text's tokens; `candidates`, when known, are the indices of the
        tokens that `may_start` one, in order."""
        mentions: list[Mention] = []
        if norms is None:
            norms = [t[0] for t in tokens]
        if candidates is None:
            # Most tokens start no mention: one cached lookup each, then work only where one
            # may.
            starts = self._starts
            candidates = [i for i, w in enumerate(norms) if starts[w]]
        after = -1  # a multi-word name covers the tokens after its first
        for i in candidates:
            if i <= after:
                continue
            norm, start, end, kind = tokens[i]
            if kind == "hashtag":
                for t in self.hashtags.get(norm, ()):
                    mentions.append(
                        Mention(t.election, t.number, t.party, "hashtag", start, end, i, i)
                    )
            elif kind == "number" and norm.startswith("nomor"):
                num = int(norm[5:])
                for code in self.numbers.get(num, ()):
                    mentions.append(Mention(code, num, None, "number", start, end, i, i))
            elif kind in _PHRASE_KINDS:
                after = i + self._match_phrase(tokens, norms, i, mentions) - 1
        return mentions

    def _match_phrase(
        self, tokens: Sequence[Tok], norms: Sequence[str], i: int, out: list[Mention]
    ) -> int:
        word = norms[i]
        sizes = self._sizes.get(word)
        if sizes is None:
            if len(word) < _FUZZY_MIN_LEN or word in self.common:
                return 0
            fuzzy = self._fuzzy(word)
            return self._emit(
                self.phrases.get(fuzzy) if fuzzy else None, "fuzzy", tokens, i, 1, out
            )
        room = len(tokens) - i
        for size in sizes:
            if size > room:
                continue
            targets = self.phrases.get(tuple(norms[i : i + size]))
            # Token i is a phrase kind (match() checked): only the following ones need to be.
            if targets and (
                size == 1 or all(t[3] in _PHRASE_KINDS for t in tokens[i + 1 : i + size])
            ):
                return self._emit(targets, "name", tokens, i, size, out)
        return 0

    @staticmethod
    def _emit(
        targets: set[Target] | None,
        how: str,
        tokens: Sequence[Tok],
        i: int,
        size: int,
        out: list[Mention],
    ) -> int:
        if not targets:
            return 0
        start, end = tokens[i][1], tokens[i + size - 1][2]
        for t in targets:
            out.append(
                Mention(
                    t.election,
                    t.number,
                    t.party,
                    "party" if t.party else how,
                    start,
                    end,
                    i,
                    i + size - 1,
                )
            )
        return size

    def _in_season(self, posted: dt.date) -> Election | None:
        """The election in whose season a date falls (the latest vote of those), cached."""
        if posted in self._season:
            return self._season[posted]
        seasonal = [e for e in self.elections.values() if e.window_contains(posted)]
        found = max(seasonal, key=lambda e: e.voting_day) if seasonal else None
        if len(self._season) < 100_000:
            self._season[posted] = found
        return found

    def pick_election(
        self,
        mentions: Sequence[Mention],
        posted: dt.date | None,
        regions: Iterable[str] = (),
        offices: Iterable[str] = (),
    ) -> Election | None:
        """The election a text is about: most named contestants, the region it names ("Pilkada
        OKU") and the office ("pilbup"), then the season of the post's date, then the most
        recent. Numbers alone count for little: "01" is in every election."""
        if not mentions and not regions:  # most posts: an office alone weighs nothing
            return None if posted is None else self._in_season(posted)
        if not regions:
            # Contestants of one election only (most posts that name any): nothing to weigh,
            # an office only adds weight to an election already named.
            code = mentions[0].election
            if all(m.election == code for m in mentions):
                return self.elections[code]
        weight: dict[str, float] = defaultdict(float)
        for m in mentions:
            weight[m.election] += 0.3 if m.how == "number" else 1.0
        for code in regions:
            weight[code] += _REGION_WEIGHT
        for code in set(offices) & set(weight):
            weight[code] += _OFFICE_WEIGHT
        if not weight and posted is not None:
            return self._in_season(posted)
        if not weight:
            return None

        def rank(code: str) -> tuple[float, bool, dt.date, str]:
            e = self.elections[code]
            in_season = posted is not None and e.window_contains(posted)
            # The code last: a tie (a party in several Pilkada of one day) is settled the same
            # way in every process, not by the order a set of targets happens to iterate in.
            return (weight[code], in_season, e.voting_day, code)

        return self.elections[max(weight, key=rank)]
