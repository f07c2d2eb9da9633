"""Normalisation of Indonesian social-media text, keeping each token's place in the original.

Every normalised token remembers the character span of the original text it came from, so the
evidence shown to a person always points at what they wrote ("bangettt", "#JokowiLagi", "✌️"),
while the model and the matcher see one spelling ("banget", "jokowi lagi", "nomor2").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
from operator import itemgetter
from typing import Any

from mypy_extensions import mypyc_attr

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
# The fast path's pattern: the same tokens as _TOKEN_RE for every text without a numbered-pair
# phrase or a salute (_SPECIAL_*, which send the text to _TOKEN_RE), except that a handle or a
# link glued by an underscore ("<USER_MENTION>", "Sumber:_URL") is recognised as one.
# Case is ignored for the link prefixes only: a pattern-wide IGNORECASE makes every \w test
# case-fold, which doubles the scan.
_FAST_RE = re.compile(
    r"[1-9]\ufe0f?\u20e3"
    r"|(?i:https?://\S+|www\.\S+)"
    r"|[@#]\w+"
    r"|\w+(?:['’`]\w+)*"
    r"|[\u261d\u270c\U0001F91F][\ufe0f\U0001F3FB-\U0001F3FF]*",
)
_PIECE_RE = re.compile(r"[^\W_]+(?:['’`][^\W_]+)*")
_SPECIAL_WORDS = frozenset(["nomor", "nomer", "nmr", "no", "urut", "salam"])
_SPECIAL_RE = re.compile(rf"(?:nomor|nomer|nmr|no)(?:urut)?{_NUM}")
# What one spelling is: (kind, payload…), see Normalizer._classify.
_Class = tuple[Any, ...]
# What the piece cache holds: a plain word's normal form, the tokens of a piece, or why a piece
# is not cached (a special phrase: the whole text takes the full pattern; a number: its kind
# depends on the token before it).
_SPECIAL_PIECE, _DYNAMIC_PIECE = 0, 1
_PieceTokens = str | tuple[tuple[str, int, int, str], ...] | int
_CONTEXT_FREE = frozenset(["word", "hashtag", "url", "user", "finger", "keycap"])
_MAX_PIECES = 200_000
_FINGERS = {"\u261d": 1, "\u270c": 2, "\U0001f91f": 3}
_CAMEL_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_ELONGATION_RE = re.compile(r"([a-z])\1{2,}")
_LEET = str.maketrans("01345789", "oieastbg")
_LEET_RE = re.compile(r"[a-z][0-9]+[a-z]")
_REDUP_RE = re.compile(r"^([a-z]{2,})[2²]$")
# A bare digit after these words is a ballot number: "paslon 2", "pilih 3", "capres 01".
_NUMBER_CONTEXT = frozenset(
    [
        "paslon",
        "pasangan",
        "capres",
        "cawapres",
        "cagub",
        "cabup",
        "cawalkot",
        "calon",
        "pilih",
        "coblos",
        "tusuk",
        "dukung",
        "contreng",
        "menangkan",
        "nomor",
    ]
)


# What the detector passes around internally: a plain (norm, start, end, kind) tuple. Building a
# tuple subclass per token costs about four times a plain tuple, and a post has dozens of
# tokens; `Normalizer.tokens` wraps them as Token for callers that read attributes.
Tok = tuple[str, int, int, str]
_KIND_OF = itemgetter(3)
_DROPPED = frozenset(["user", "url"])  # kinds of token the model does not read


@mypyc_attr(native_class=False)  # mypyc: a builtin type subclass stays a plain class
class Token(tuple[str, int, int, str]):
    """(norm, start, end, kind): `norm` is what the model reads; `start`/`end` index the
    original text; kind is word | number | finger | hashtag | hashtag_part | user | url.
    A bare tuple subclass: built as Token((norm, start, end, kind)) it costs a third of a
    NamedTuple, and a post has dozens of tokens."""

    __slots__ = ()
    norm: str = property(itemgetter(0))  # type: ignore[assignment]
    start: int = property(itemgetter(1))  # type: ignore[assignment]
    end: int = property(itemgetter(2))  # type: ignore[assignment]
    kind: str = property(itemgetter(3))  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Token{tuple(self)!r}"


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
        w
        for line in _read_data("words.txt").splitlines()
        if not line.startswith("#")
        for w in line.split()
    )
    return frozenset(words)


def number_of(word: str) -> int | None:
    """ "02" → 2, "dua" → 2, "3" → 3; anything else → None."""
    word = word.lower()
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if word.isascii() and word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 9:
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
        vocab = (
            load_common_words()
            | frozenset(slang)
            | frozenset(w for v in slang.values() for w in v.split())
            | frozenset(w.lower() for w in extra_words if len(w) > 1)
        )
        return cls(slang=slang, vocabulary=vocab)

    def __post_init__(self) -> None:
        # Word spellings repeat a lot (Zipf): cache each one's normal form.
        self._word = lru_cache(maxsize=200_000)(self._normalise_word)
        self._tag = lru_cache(maxsize=50_000)(self._split_hashtag)
        self._classes: dict[str, _Class] = {}
        self._pieces: dict[str, _PieceTokens] = {}

    def tokens(self, text: str) -> list[Token]:
        """The tokens of a text, with attribute names (see `raw_tokens`)."""
        return [Token(t) for t in self.raw_tokens(text)]

    def raw_tokens(self, text: str) -> list[Tok]:
        """The tokens of a text as plain tuples. Most texts take the fast path: the text is cut
        at whitespace and each piece's tokens are looked up in a cache of pieces (a piece is
        mostly one word, maybe with punctuation: they repeat, Zipf); the pieces around a
        numbered-pair phrase ("nomor urut 3", "no. 2") or a salute ("salam dua jari") take the
        full pattern, which is slow because its alternatives are tried at every character."""
        out: list[Tok] = []
        append = out.append
        pieces = self._pieces
        # No token of the fast pattern holds a character that str.split takes for whitespace
        # (its \w and \S exclude them all), so the pieces' tokens are the text's.
        split = text.split()
        lengths = list(map(len, split))
        if sum(lengths) + len(split) - 1 == len(text):
            # Most texts: one whitespace character between pieces and none around them, so a
            # piece starts one past the end of the one before, and the pieces' cached tokens
            # are looked up at C level (a fifth faster than a str.find and a lookup per piece).
            rest = iter(split)
            start = 0
            for piece, found, size in zip(rest, map(pieces.get, split), lengths, strict=True):
                if found.__class__ is str:  # most pieces: one word with one normal form
                    append((found, start, start + size, "word"))
                elif found.__class__ is tuple:
                    for norm, s, e, kind in found:
                        append((norm, start + s, start + e, kind))
                elif not self._other_piece_into(out, piece, found, start):
                    # A numbered pair or a salute: the loop below goes on from this piece.
                    return self._pieces_into(out, text, start, chain((piece,), rest))
                start += size + 1
            return out
        return self._pieces_into(out, text, 0, iter(split))

    def _other_piece_into(
        self, out: list[Tok], piece: str, found: _PieceTokens | None, start: int
    ) -> bool:
        """The tokens of a piece that is not a cached word or tuple (`found`: what the cache
        holds for it, if anything) appended to `out`, the piece starting at `start`; False,
        with nothing appended, for a piece of a numbered pair or a salute."""
        if found is None:
            found = self._piece(piece)
        if found.__class__ is str:
            out.append((found, start, start + len(piece), "word"))
        elif found.__class__ is tuple:
            for norm, s, e, kind in found:
                out.append((norm, start + s, start + e, kind))
        elif found == _SPECIAL_PIECE:
            return False
        else:  # a number reads the token before it: not cached
            for raw, s in self._scan(piece):
                self._emit(out, self._class_of(raw), start + s, start + s + len(raw))
        return True

    def _pieces_into(self, out: list[Tok], text: str, pos: int, split: Iterator[str]) -> list[Tok]:
        """`out` with the tokens of the pieces `split` of `text` from `pos` on. A piece first
        occurs where the previous one ended, whitespace aside: a running str.find gives its
        span."""
        append, pieces, find = out.append, self._pieces, text.find
        for piece in split:
            start = find(piece, pos)
            pos = start + len(piece)
            found = pieces.get(piece)
            if found.__class__ is str:
                append((found, start, pos, "word"))
            elif found.__class__ is tuple:
                for norm, s, e, kind in found:
                    append((norm, start + s, start + e, kind))
            elif not self._other_piece_into(out, piece, found, start):
                if "_" in text:  # where the two patterns differ: the whole text takes the full one
                    return self._tokens_full(text)
                pos = self._special_run(out, text, start, pos, split)
        return out

    def _special_run(
        self, out: list[Tok], text: str, start: int, end: int, split: Iterator[str]
    ) -> int:
        """Tokens of the full pattern from a piece with a numbered-pair word or "salam" (at
        `start`, ending at `end`) to two pieces past the last such piece, taken from `split`;
        returns where they end. The full pattern's tokens of whitespace-free pieces are the fast
        path's (a text without "_"); only a numbered pair ("nomor" "urut" "3") or a salute
        ("salam" "dua" "jari") spans whitespace, three pieces at most, and each starts at such a
        piece, so the full pattern over this run gives the tokens it gives over the whole text
        (a twentieth of the posts, which took the full pattern for every character before)."""
        pieces, find, left = self._pieces, text.find, 2
        while left:
            piece = next(split, None)
            if piece is None:
                break
            end = find(piece, end) + len(piece)
            found = pieces.get(piece)
            if found is None:
                found = self._piece(piece)
            left = 2 if found.__class__ is int and found == _SPECIAL_PIECE else left - 1
        self._full_into(out, text, start, end)
        return end

    @staticmethod
    def _scan(piece: str) -> list[tuple[str, int]]:
        """The fast pattern's tokens of a piece, with their offsets (findall and a running
        str.find: half the cost of a match object per token)."""
        found, pos, find = [], 0, piece.find
        for raw in _FAST_RE.findall(piece):
            start = find(raw, pos)
            pos = start + len(raw)
            found.append((raw, start))
        return found

    def _class_of(self, raw: str) -> _Class:
        found = self._classes.get(raw)
        return self._classify(raw) if found is None else found

    def _piece(self, piece: str) -> _PieceTokens:
        """A whitespace-free piece's tokens with offsets from its start (a plain word: its
        normal form alone), or what makes it uncacheable; cached."""
        relative: list[Tok] = []
        scanned = self._scan(piece)
        classes = [self._class_of(raw) for raw, _ in scanned]
        found: _PieceTokens
        if any(cls[0] == "special" for cls in classes):
            found = _SPECIAL_PIECE
        elif any(cls[0] not in _CONTEXT_FREE for cls in classes):
            found = _DYNAMIC_PIECE
        else:
            for (raw, s), cls in zip(scanned, classes, strict=True):
                self._emit(relative, cls, s, s + len(raw))
            one = relative[0] if len(relative) == 1 else None
            if one is not None and one[3] == "word" and one[1] == 0 and one[2] == len(piece):
                found = one[0]
            else:
                found = tuple(relative)
        if len(self._pieces) < _MAX_PIECES:
            self._pieces[piece] = found
        return found

    def _emit(self, out: list[Tok], found: _Class, start: int, end: int) -> None:
        kind = found[0]
        if kind == "word":
            out.extend((part, start, end, "word") for part in found[1])
        elif kind == "digit":
            n = found[2]
            if n is not None and (found[3] or (out and out[-1][0] in _NUMBER_CONTEXT)):
                out.append((f"nomor{n}", start, end, "number"))
            else:
                out.append((found[1], start, end, "word"))
        elif kind == "hashtag":
            out.append((found[1], start, end, "hashtag"))
            out.extend((p, start, end, "hashtag_part") for p in found[2])
        elif kind in ("url", "user"):
            out.append((found[1], start, end, kind))
        elif kind == "underscored":  # "USER_MENTION": each piece on its own
            for offset, piece in found[1]:
                self._emit(out, self._classify(piece), start + offset, start + offset + len(piece))
        else:  # finger or keycap: the sign, then the number it shows
            out.append((found[1], start, end, found[2]))
            out.append((found[3], start, end, "number"))

    def _classify(self, raw: str) -> _Class:
        """What one spelling is, cached: posts repeat their words (Zipf)."""
        low = raw.lower()
        found: _Class
        if raw[0] in _FINGERS:
            found = ("finger", "salamjari", "finger", f"nomor{_FINGERS[raw[0]]}")
        elif raw[-1] == "\u20e3":
            found = ("keycap", "keycap", "number", f"nomor{int(raw[0])}")
        elif low.startswith(("http://", "https://", "www.")) or low == "url":
            found = ("url", "zzurl")
        elif raw[0] == "@" or low == "user":
            found = ("user", "zzuser")
        elif raw[0] == "#":
            found = ("hashtag", low, self._tag(raw[1:]))
        elif "_" in raw:
            pieces = [(m.start(), m.group()) for m in _PIECE_RE.finditer(raw)]
            special = any(self._classify(p)[0] == "special" for _, p in pieces)
            found = ("special",) if special else ("underscored", pieces)
        elif low.isdigit() and low.isascii():
            found = ("digit", low, number_of(low), len(low) == 2 and low[0] == "0")
        elif low in _SPECIAL_WORDS or _SPECIAL_RE.fullmatch(low):
            found = ("special",)
        else:
            found = ("word", self._word(low))
        if len(self._classes) < 500_000:
            self._classes[raw] = found
        return found

    def _tokens_full(self, text: str) -> list[Tok]:
        out: list[Tok] = []
        self._full_into(out, text, 0, len(text))
        return out

    def _full_into(self, out: list[Tok], text: str, pos: int, endpos: int) -> None:
        """The full pattern's tokens of text[pos:endpos] appended to `out` (the tokens before
        them: a bare number reads the one before it), offsets in `text`."""
        for m in _TOKEN_RE.finditer(text, pos, endpos):
            kind, raw, start, end = m.lastgroup or "word", m.group(), m.start(), m.end()
            if kind == "numref":
                out.append((f"nomor{number_of(m.group(2))}", start, end, "number"))
            elif kind == "salam":
                out.append(("salamjari", start, end, "finger"))
                out.append((f"nomor{number_of(m.group(4))}", start, end, "number"))
            elif kind in ("finger", "keycap"):
                n = _FINGERS.get(raw[0]) if kind == "finger" else int(raw[0])
                out.append(
                    (
                        "salamjari" if kind == "finger" else "keycap",
                        start,
                        end,
                        "finger" if kind == "finger" else "number",
                    )
                )
                out.append((f"nomor{n}", start, end, "number"))
            elif kind in ("url", "user"):
                out.append((f"zz{kind}", start, end, kind))
            elif kind == "hashtag":
                out.append((raw.lower(), start, end, "hashtag"))
                out.extend((p, start, end, "hashtag_part") for p in self._tag(raw[1:]))
            else:
                self._append_word(out, raw, start, end)

    def _append_word(self, out: list[Tok], raw: str, start: int, end: int) -> None:
        low = raw.lower()
        if low.isdigit() and low.isascii():
            n = number_of(low)
            leading_zero = len(low) == 2 and low[0] == "0"
            after_context = bool(out) and out[-1][0] in _NUMBER_CONTEXT
            if n is not None and (leading_zero or after_context):
                out.append((f"nomor{n}", start, end, "number"))
            else:
                out.append((low, start, end, "word"))
            return
        for part in self._word(low):
            out.append((part, start, end, "word"))

    def _normalise_word(self, low: str) -> tuple[str, ...]:
        # Apostrophes go ("Ma'ruf" = "Maruf"); so do mojibake remnants of emoji ("khofifahâ").
        low = low.replace("'", "").replace("’", "").replace("`", "").strip("âãïðÂ")
        redup = _REDUP_RE.match(low)
        if redup:  # "orang2", "harga²": reduplication
            word = self._word(redup.group(1))
            return word + word
        if _LEET_RE.search(low) and not low[:1].isdigit():
            low = low.translate(_LEET)
        if _ELONGATION_RE.search(low):  # sub's template is expanded in Python: only when needed
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


def model_words(
    tokens: Sequence[Tok],
    masked: dict[int, str] | None = None,
    norms: Sequence[str] | None = None,
) -> list[str]:
    """The normal forms the model reads, in order (user handles, links and empty forms
    dropped): the words of `model_text`. `masked` replaces some tokens (index → placeholder;
    "" drops the token); `norms`, when known, are the tokens' normal forms."""
    words = [t[0] for t in tokens] if norms is None else list(norms)
    # A handle's normal form is always "zzuser" and a link's "zzurl": a text with neither
    # spelling has no token to drop by its kind, and its words are kept at C level.
    by_kind = "zzuser" in words or "zzurl" in words
    if masked:
        for i, placeholder in masked.items():
            words[i] = placeholder
    if by_kind:
        # The tokens to drop are the handles and links, and each of them is spelt "zzuser" or
        # "zzurl" unless masked: when no other token has one of those spellings (as many
        # tokens with them as handles and links), dropping by spelling is dropping by kind,
        # and `list.remove` does it at C level (a post has a link or a handle or two).
        kinds = list(map(_KIND_OF, tokens))
        handles, links = kinds.count("user"), kinds.count("url")
        if (
            words.count("zzuser") == handles
            and words.count("zzurl") == links
            and not (masked and any(kinds[i] in _DROPPED for i in masked))
        ):
            for _ in range(handles):
                words.remove("zzuser")
            for _ in range(links):
                words.remove("zzurl")
        else:
            return [w for w, t in zip(words, tokens, strict=True) if w and t[3] not in _DROPPED]
    return list(filter(None, words)) if masked or "" in words else words


def model_text(tokens: Sequence[Tok], masked: dict[int, str] | None = None) -> str:
    """The space-joined normal form the model is trained on (see `model_words`)."""
    return " ".join(model_words(tokens, masked))
