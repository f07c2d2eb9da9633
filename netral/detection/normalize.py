"""Normalisation of Indonesian social-media text, keeping each token's place in the original.

Every normalised token remembers the character span of the original text it came from, so the
evidence shown to a person always points at what they wrote ("bangettt", "#JokowiLagi", "✌️"),
while the model and the matcher see one spelling ("banget", "jokowi lagi", "nomor2").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

_NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5}
_NUM = r"(0?[1-9]|satu|dua|tiga|empat|lima)"
# Most specific first: a numbered pair ("nomor urut 3", "no.2"), a two-finger salute, the
# finger emoji and keycaps, then links, handles, hashtags and words.
_TOKEN_RE = re.compile(
    rf"(?P<numref>\b(?:(?:nomor|nomer|nmr|no)\.?\s*(?:urut\s*)?|urut\s+){_NUM}(?!\w))"
    rf"|(?P<salam>\bsalam\s+{_NUM}\s*jari\b)"
    r"|(?P<finger>[\u261d\u270c\U0001F91F][\ufe0f\U0001F3FB-\U0001F3FF]*)"
    r"|(?P<keycap>[1-9]\ufe0f?\u20e3)"
    r"|(?P<url>https?://\S+|www\.\S+|\bURL\b)"
    r"|(?P<user>@\w+|\bUSER\b)"
    r"|(?P<hashtag>#\w+)"
    r"|(?P<word>[^\W_]+(?:['’`][^\W_]+)*[²]?)",
    re.IGNORECASE,
)
_FINGERS = {"\u261d": 1, "\u270c": 2, "\U0001F91F": 3}
_CAMEL_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_ELONGATION_RE = re.compile(r"([a-z])\1{2,}")
_LEET = str.maketrans("01345789", "oieastbg")
_LEET_RE = re.compile(r"[a-z][0-9]+[a-z]")
_REDUP_RE = re.compile(r"^([a-z]{2,})[2²]$")
# A bare digit after these words is a ballot number: "paslon 2", "pilih 3", "capres 01".
_NUMBER_CONTEXT = frozenset(
    ["paslon", "pasangan", "capres", "cawapres", "cagub", "cabup", "cawalkot", "calon",
     "pilih", "coblos", "tusuk", "dukung", "contreng", "menangkan", "nomor"]
)


class Token(NamedTuple):
    """`norm` is what the model reads; `start`/`end` index the original text."""

    norm: str
    start: int
    end: int
    kind: str  # word | number | finger | hashtag | hashtag_part | user | url


def _read_data(name: str) -> str:
    return resources.files("netral.detection").joinpath("data").joinpath(name).read_text("utf-8")


def load_slang() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _read_data("slang.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            slang, _, standard = line.partition("\t")
            table[slang.strip()] = standard.strip()
    return table


def load_common_words() -> frozenset[str]:
    words = (
        w for line in _read_data("words.txt").splitlines() if not line.startswith("#")
        for w in line.split()
    )
    return frozenset(words)


def number_of(word: str) -> int | None:
    """"02" → 2, "dua" → 2, "3" → 3; anything else → None."""
    word = word.lower()
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 9:
        return int(word)
    return None


@dataclass
class Normalizer:
    """Turns a text into tokens. `extra_words` (contestants' names) help split hashtags."""

    slang: dict[str, str]
    vocabulary: frozenset[str]

    @classmethod
    def default(cls, extra_words: Iterable[str] = ()) -> Normalizer:
        slang = load_slang()
        vocab = load_common_words() | frozenset(slang) | frozenset(
            w for v in slang.values() for w in v.split()
        ) | frozenset(w.lower() for w in extra_words if len(w) > 1)
        return cls(slang=slang, vocabulary=vocab)

    def __post_init__(self) -> None:
        # Word spellings repeat a lot (Zipf): cache each one's normal form.
        self._word = lru_cache(maxsize=200_000)(self._normalise_word)
        self._tag = lru_cache(maxsize=50_000)(self._split_hashtag)

    def tokens(self, text: str) -> list[Token]:
        out: list[Token] = []
        for m in _TOKEN_RE.finditer(text):
            kind, raw, start, end = m.lastgroup or "word", m.group(), m.start(), m.end()
            if kind == "numref":
                out.append(Token(f"nomor{number_of(m.group(2))}", start, end, "number"))
            elif kind == "salam":
                out.append(Token("salamjari", start, end, "finger"))
                out.append(Token(f"nomor{number_of(m.group(4))}", start, end, "number"))
            elif kind in ("finger", "keycap"):
                n = _FINGERS.get(raw[0]) if kind == "finger" else int(raw[0])
                out.append(Token("salamjari" if kind == "finger" else "keycap", start, end,
                                 "finger" if kind == "finger" else "number"))
                out.append(Token(f"nomor{n}", start, end, "number"))
            elif kind in ("url", "user"):
                out.append(Token(f"zz{kind}", start, end, kind))
            elif kind == "hashtag":
                out.append(Token(raw.lower(), start, end, "hashtag"))
                out.extend(Token(p, start, end, "hashtag_part") for p in self._tag(raw[1:]))
            else:
                self._append_word(out, raw, start, end)
        return out

    def _append_word(self, out: list[Token], raw: str, start: int, end: int) -> None:
        low = raw.lower()
        if low.isdigit():
            n = number_of(low)
            leading_zero = len(low) == 2 and low[0] == "0"
            after_context = bool(out) and out[-1].norm in _NUMBER_CONTEXT
            if n is not None and (leading_zero or after_context):
                out.append(Token(f"nomor{n}", start, end, "number"))
            else:
                out.append(Token(low, start, end, "word"))
            return
        for part in self._word(low):
            out.append(Token(part, start, end, "word"))

    def _normalise_word(self, low: str) -> tuple[str, ...]:
        # Apostrophes go ("Ma'ruf" = "Maruf"); so do mojibake remnants of emoji ("khofifahâ").
        low = low.replace("'", "").replace("’", "").replace("`", "").strip("âãïðÂ")
        redup = _REDUP_RE.match(low)
        if redup:  # "orang2", "harga²": reduplication
            word = self._word(redup.group(1))
            return word + word
        if _LEET_RE.search(low) and not low[:1].isdigit():
            low = low.translate(_LEET)
        low = _ELONGATION_RE.sub(r"\1", low)
        mapped = self.slang.get(low)
        if mapped is None and len(low) > 3 and low[-1] == low[-2]:
            mapped = self.slang.get(low[:-1])  # "mantapp" → "mantap"
        return tuple((mapped or low).split()) or (low,)

    def _split_hashtag(self, body: str) -> tuple[str, ...]:
        parts = _CAMEL_RE.findall(body)
        if len(parts) == 1 and parts[0].isalpha():
            parts = self._segment(parts[0].lower()) or parts
        out: list[str] = []
        for part in parts:
            low = part.lower()
            if low.isdigit():
                n = number_of(low)
                out.append(f"nomor{n}" if n is not None and low.startswith("0") else low)
            else:
                out.extend(self._word(low))
        return tuple(out)

    def _segment(self, word: str) -> list[str] | None:
        """Split a lower-case hashtag into known words ("gantipresiden" → ganti presiden);
        None when no split into at most four known words exists."""
        if len(word) < 7 or word in self.vocabulary:
            return None
        best: dict[int, list[str]] = {0: []}
        for end in range(1, len(word) + 1):
            for start in range(max(0, end - 15), end):
                piece = word[start:end]
                if start in best and piece in self.vocabulary and len(piece) > 1:
                    candidate = [*best[start], piece]
                    if end not in best or len(candidate) < len(best[end]):
                        best[end] = candidate
        found = best.get(len(word))
        return found if found and len(found) <= 4 else None


def model_text(tokens: list[Token]) -> str:
    """The space-joined normal form the model is trained on (user handles and links dropped)."""
    return " ".join(t.norm for t in tokens if t.kind not in ("user", "url"))
