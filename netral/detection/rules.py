"""Explanatory rules: cue words near a contestant's mention become evidence spans with a reason.

The rules explain and feed the model (as entity features); the model decides the label, so a
news headline that names a candidate next to "menang" is not partisan by rule alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce
from importlib import resources
from itertools import pairwise
from operator import or_

from netral.detection.elections import Election
from netral.detection.entities import Mention, sizes_by_first_word
from netral.detection.normalize import Normalizer, Tok
from netral.detection.stance import STANCE_FLAGS, WordBits, stance_flags
from netral.detection.voice import VOICE_FLAGS, voice_flags

_MAX_CUE = 3
_WINDOW = 4
_MATCHABLE = frozenset({"word", "hashtag_part", "number"})
# Which subtype each linked cue argues for.
_SUBTYPE = {
    "call": "campaign_call",
    "negated_call": "campaign_call",
    "praise": "support",
    "attack": "attack",
    "photo": "support",
    "campaign_team": "support",
}
_PRIORITY = ("campaign_call", "support", "attack", "model", "mention")
_RANK = {kind: i for i, kind in enumerate(_PRIORITY)}
FLAGS = (
    "mention",
    "multi_camp",
    "campaign_hashtag",
    "number",
    "finger",
    "call",
    "negated_call",
    "praise",
    "attack",
    "camp_jibe",
    "neutral",
    "neutral_many",
    "party",
    "photo",
    "campaign_team",
    "link",
    "news_like",
    "direct_call",
    "slogan_hashtag",
    *VOICE_FLAGS,
    *STANCE_FLAGS,
)
_NO_FLAGS = dict.fromkeys(FLAGS, False)
# Words that urge the reader ("ayo coblos", "yuk warga Baturaja pilih"), up to _URGE_GAP words
# before a call to vote: the writer's own call, not a report of somebody's.
_URGES = frozenset(["ayo", "ayok", "ayuk", "yuk", "yok", "mari", "marilah"])
_URGE_GAP = 3
# A hashtag's parts that do not make a contestant's name into a slogan: election and place words,
# honorifics ("#MbakLuluk", "#KiaiMarufAmin"); an office only before the name
# ("#GubernurJatimKhofifah" is a title, "#LulukGubernur" a slogan). A year beside a name is a
# slogan ("#2019JokowiKyaiMaruf", "#Ganjar2024"); other numbers and parts of one or two letters
# are left-overs of a split ("#Khofifah_Indar_P").
_TAG_FILLER = frozenset(
    str.split(
        "pilkada pilgub pilbup pilwalkot pilwali pilpres pileg pemilu pemilihan debat dki jatim "
        "jateng jabar jakarta jawa timur tengah barat indonesia kiai kyai gus mbak mba mas pak "
        "bu ibu bapak cak ning bang abah haji hj ustadz"
    )
)
_TAG_TITLES = frozenset(
    str.split(
        "gubernur wagub wakil cagub cawagub capres cawapres presiden wapres calon bupati cabup "
        "walikota wali kota cawali menteri mensos menko ketua paslon"
    )
)


@dataclass(slots=True)  # created for every mention and cue of every post
class Evidence:
    start: int
    end: int
    text: str
    reason: str
    kind: str  # support | campaign_call | attack | mention

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "reason": self.reason,
            "kind": self.kind,
        }


@dataclass
class Analysis:
    text: str
    tokens: list[Tok]
    mentions: list[Mention]
    election: Election | None
    evidence: list[Evidence]
    flags: dict[str, bool]
    # Region names of known elections, as (first token, length): masked for the model.
    places: list[tuple[int, int]] = field(default_factory=list)
    norms: list[str] | None = None  # the tokens' normal forms, when the detector has them


def load_cues() -> dict[str, list[str]]:
    raw = resources.files("netral.detection").joinpath("data").joinpath("cues.json")
    data = json.loads(raw.read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def contestant_label(election: Election, number: int | None, party: str | None) -> str:
    """ "paslon nomor urut 2 (Prabowo Subianto – Sandiaga Uno)", "partai Golkar"."""
    if party:
        found = next((p for p in election.parties if p.code == party), None)
        return f"partai {found.name if found else party}"
    c = election.contestant(number)
    name = c.name if c else "?"
    return f"paslon nomor urut {number} ({name})" if number is not None else name


class Rules:
    def __init__(self, normalizer: Normalizer, cues: dict[str, list[str]] | None = None):
        self.index: dict[tuple[str, ...], str] = {}
        for category, phrases in (cues or load_cues()).items():
            for phrase in phrases:
                key = tuple(t[0] for t in normalizer.raw_tokens(phrase))
                if key:
                    self.index.setdefault(key[:_MAX_CUE], category)
        # Labels of contestants, per election object of this detector (posts repeat them).
        self._who: dict[tuple[int, int | None, str | None], str] = {}
        self._mentioned: dict[tuple[object, ...], tuple[str, str, str | None]] = {}
        self._names: dict[int, frozenset[str]] = {}
        self._bits = WordBits()
        self._first: dict[str, int] = {}
        for key in self.index:
            self._first[key[0]] = max(self._first.get(key[0], 0), len(key))
        self._sizes = sizes_by_first_word(self.index)

    @property
    def first_words(self) -> dict[str, int]:
        """The first word of each cue → the longest cue it starts."""
        return self._first

    def cue_hits(
        self,
        tokens: Sequence[Tok],
        norms: Sequence[str] | None = None,
        candidates: Sequence[int] | None = None,
    ) -> list[tuple[str, int, int]]:
        """(category, first token, last token) of each cue; `candidates`, when known, are the
        indices of the tokens whose spelling is in `first_words`, in order."""
        hits: list[tuple[str, int, int]] = []
        if norms is None:
            norms = [t[0] for t in tokens]
        first, n, after, index, sizes = self._first, len(tokens), -1, self.index, self._sizes
        if candidates is None:
            candidates = [i for i, w in enumerate(norms) if w in first]
        for i in candidates:
            if i <= after:
                continue
            for size in sizes[norms[i]]:
                if size > n - i:
                    continue
                category = index.get(tuple(norms[i : i + size]))
                if category and (
                    tokens[i][3] in _MATCHABLE
                    if size == 1
                    else all(t[3] in _MATCHABLE for t in tokens[i : i + size])
                ):
                    hits.append((category, i, i + size - 1))
                    after = i + size - 1
                    break
        return hits

    def analyse(
        self,
        text: str,
        tokens: list[Tok],
        mentions: list[Mention],
        election: Election | None,
        norms: Sequence[str] | None = None,
        cue_candidates: Sequence[int] | None = None,
    ) -> Analysis:
        own = (
            [m for m in mentions if election is None or m.election == election.code]
            if mentions
            else mentions
        )
        if norms is None:  # a caller other than the detector
            norms = [t[0] for t in tokens]
        flags = _NO_FLAGS.copy()  # a tenth of the time of dict.fromkeys
        evidence: list[Evidence] = []
        urged = False  # a call to vote with an urging word just before it
        if own:
            contestants = {(m.election, m.number) for m in own if m.number is not None}
            flags["mention"] = any(m.how in ("name", "fuzzy", "hashtag") for m in own)
            flags["multi_camp"] = len(contestants) > 1
            flags["party"] = any(m.party for m in own)
            for m in own:
                flags["number"] |= m.how == "number"
                self._mention_evidence(text, m, election, evidence, flags)
        # The word sets of voice.py and stance.py (as bits) of the words and of the hashtags'
        # parts. A text without "#" has no hashtag tokens, and no other kind than a word has
        # a spelling in those sets (handles, links, numbers, fingers: "zzuser", "nomor2"…),
        # so its word mask is the or over all its tokens, taken at C level.
        bits, part_mask = self._bits, 0
        if "#" not in text:
            word_mask = reduce(or_, map(bits.__getitem__, norms), 0)
        else:
            word_mask = 0
            for norm, _, _, kind in tokens:
                if kind == "word":
                    word_mask |= bits[norm]
                elif kind == "hashtag_part":
                    part_mask |= bits[norm]
        flags["link"] = any(t[3] == "url" for t in tokens) if "zzurl" in norms else False
        for category, first, last in self.cue_hits(tokens, norms, cue_candidates):
            if category == "neutral":
                flags["neutral_many"] |= flags["neutral"]
                flags["neutral"] = True
            elif category == "camp_jibe":
                flags["camp_jibe"] = True
                evidence.append(
                    self._span(
                        text,
                        tokens,
                        first,
                        last,
                        "attack",
                        "ejekan terhadap kubu pendukung salah satu calon",
                    )
                )
            else:
                target = _nearest(own, first, last, before_only=category == "call")
                if target is None or election is None:
                    continue
                flags[category] = True
                if category == "call" and not urged:
                    urged = _urges(norms[max(0, first - _URGE_GAP) : last + 1])
                evidence.append(
                    self._span(
                        text,
                        tokens,
                        first,
                        last,
                        _SUBTYPE[category],
                        _reason(category, self.who(election, target.number, target.party)),
                    )
                )
        flags["news_like"] = (
            flags["link"] and flags["neutral"] and not (flags["call"] or flags["camp_jibe"])
        )
        flags.update(voice_flags(text, tokens, flags, word_mask))
        flags.update(stance_flags(tokens, own, flags, word_mask | part_mask))
        if own and "#" in text and election is not None:
            self._slogan_hashtags(text, tokens, own, election, evidence, flags)
        # The writer urging a vote for a contestant ("Ayo warga Baturaja coblos nomor urut 1!"):
        # the guide's campaign call, whatever else the post says; not a call against one, and
        # not a call told in the reporting voice ("Ketua PKB ajak kader: ayo pilih Luluk").
        flags["direct_call"] = (
            urged
            and not flags["negated_call"]
            and not flags["reporting"]
            and not flags["url_end"]
            and not flags["question"]
        )
        # One reason per span, the strongest: "#2019GantiPresiden" is a campaign hashtag even
        # though its words also read as an attack.
        if len(evidence) > 1:
            best: dict[tuple[int, int], Evidence] = {}
            for e in evidence:
                kept = best.get((e.start, e.end))
                if kept is None or _RANK[e.kind] < _RANK[kept.kind]:
                    best[(e.start, e.end)] = e
            evidence = sorted(best.values(), key=lambda e: (e.start, e.end))
        return Analysis(text, tokens, mentions, election, evidence, flags)

    @staticmethod
    def _span(
        text: str, tokens: Sequence[Tok], first: int, last: int, kind: str, reason: str
    ) -> Evidence:
        start, end = tokens[first][1], tokens[last][2]
        return Evidence(start, end, text[start:end], reason, kind)

    def who(self, election: Election, number: int | None, party: str | None) -> str:
        key = (id(election), number, party)
        found = self._who.get(key)
        if found is None:
            found = self._who[key] = contestant_label(election, number, party)
        return found

    def _mention_evidence(
        self,
        text: str,
        m: Mention,
        election: Election | None,
        evidence: list[Evidence],
        flags: dict[str, bool],
    ) -> None:
        if election is None:
            return
        snippet = text[m.start : m.end]
        # Posts repeat their mentions ("#JokowiLagi", "Prabowo"): the reason, kind and flag of
        # a spelling, per contestant, are worked out once.
        key = (snippet, m.how, id(election), m.number, m.party)
        found = self._mentioned.get(key)
        if found is None:
            found = self._mention_reason(snippet, m.how, self.who(election, m.number, m.party))
            if len(self._mentioned) < 100_000:
                self._mentioned[key] = found
        reason, kind, flag = found
        if flag:
            flags[flag] = True
        evidence.append(Evidence(m.start, m.end, snippet, reason, kind))

    def _slogan_hashtags(
        self,
        text: str,
        tokens: Sequence[Tok],
        own: Sequence[Mention],
        election: Election,
        evidence: list[Evidence],
        flags: dict[str, bool],
    ) -> None:
        """A hashtag that joins a contestant's name with words of its own ("#2019JokowiKyaiMaruf",
        "#AhokKalah", "#KhofifahEmilLanjutkan", "#JokowiHarusMenyerah") is a slogan for or
        against them, though no election file lists it: 356 of the 376 such labelled posts are
        partisan (operating.py). A bare name ("#Khofifah", "#LulukNurHamidah") or a title and a
        name ("#GubernurJatimKhofifah") is how news tags a post, and is not one."""
        named: dict[int, Mention] = {}
        listed = {m.start for m in own if m.how == "hashtag"}  # in an election file: its own reason
        for m in own:
            if (
                m.how in ("name", "fuzzy")
                and tokens[m.first_token][3] == "hashtag_part"
                and m.start not in listed
            ):
                for i in range(m.first_token, m.last_token + 1):
                    named[i] = m
        if not named:
            return
        names = self._name_words(election)
        i, n = 0, len(tokens)
        while i < n:
            if tokens[i][3] != "hashtag":
                i += 1
                continue
            j = i + 1
            while j < n and tokens[j][3] == "hashtag_part":
                j += 1
            inside = [k for k in range(i + 1, j) if k in named]
            if inside and any(
                k not in named and _slogan_word(tokens[k][0], names, before_name=k < inside[0])
                for k in range(i + 1, j)
            ):
                flags["slogan_hashtag"] = True
                m = named[inside[0]]
                who = self.who(election, m.number, m.party)
                start, end = tokens[i][1], tokens[i][2]
                evidence[:] = [e for e in evidence if (e.start, e.end) != (start, end)]
                evidence.append(
                    Evidence(start, end, text[start:end], f"tagar slogan tentang {who}", "mention")
                )
            i = j

    def _name_words(self, election: Election) -> frozenset[str]:
        """The words of an election's contestants' names and aliases, lowercased."""
        found = self._names.get(id(election))
        if found is None:
            found = self._names[id(election)] = frozenset(w.lower() for w in election.name_words())
        return found

    @staticmethod
    def _mention_reason(snippet: str, how: str, who: str) -> tuple[str, str, str | None]:
        """(reason, evidence kind, flag it sets) of a mention spelt `snippet`."""
        if how == "hashtag":
            return f"tagar kampanye untuk {who}", "support", "campaign_hashtag"
        if snippet and not snippet[0].isalnum() and not snippet.startswith("#"):
            return f"simbol jari keberpihakan pada {who}", "support", "finger"  # ☝️ ✌️
        if snippet.lower().startswith("salam"):
            return f"salam jari untuk {who}", "support", "finger"
        return f"menyebut {who}", "mention", None


def _slogan_word(word: str, names: frozenset[str], *, before_name: bool) -> bool:
    """Whether a hashtag's part beside a contestant's name makes it a slogan (_TAG_FILLER)."""
    if len(word) != 4 if word.isdigit() else len(word) <= 2:
        return False
    if word in _TAG_FILLER or (before_name and word in _TAG_TITLES):
        return False
    return not any(word in name for name in names)  # a name's piece: "#TriRismaHarini"


def _nearest(
    mentions: Sequence[Mention], first: int, last: int, *, before_only: bool
) -> Mention | None:
    """The contestant mention a cue speaks about: after a call verb ("coblos 02"), either side
    of praise or an attack, within a few tokens."""
    best, best_gap = None, _WINDOW + 1
    for m in mentions:
        if m.first_token > last:
            gap = m.first_token - last
        elif before_only:
            continue
        elif m.last_token < first:
            gap = first - m.last_token
        else:
            gap = 0
        if gap < best_gap:
            best, best_gap = m, gap
    return best


def _reason(category: str, who: str) -> str:
    return {
        "call": f"ajakan memilih {who}",
        "negated_call": f"ajakan untuk tidak memilih {who}",
        "praise": f"pujian atau dukungan untuk {who}",
        "attack": f"serangan atau ejekan terhadap {who}",
        "photo": f"foto atau atribut kampanye {who}",
        "campaign_team": f"menyatakan diri tim kampanye {who}",
    }[category]


def _urges(words: Sequence[str]) -> bool:
    """Whether these words urge the reader: an urging word, or "jangan lupa" (don't forget)."""
    if not _URGES.isdisjoint(words):
        return True
    return any(pair == ("jangan", "lupa") for pair in pairwise(words))
