"""The detector: text in; label, calibrated score, subtype, catalogue items and evidence out."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, compress
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

import numpy as np
from mypy_extensions import mypyc_attr

from netral.detection.elections import Election, shipped_elections
from netral.detection.entities import Matcher
from netral.detection.model import MODEL_PATH, LinearModel, load_model
from netral.detection.normalize import model_words
from netral.detection.operating import FLOORS
from netral.detection.rules import Analysis, Evidence, Rules
from netral.detection.violations import JAKARTA, phase_for, violation_codes

PARTISAN, NOT_PARTISAN = "partisan", "not_partisan"
_MODEL_EVIDENCE_MIN = 0.8  # a word's pull towards "partisan" worth showing when no rule fired
_MODEL_EVIDENCE_KINDS = frozenset(["word", "hashtag", "hashtag_part"])


@dataclass(slots=True)  # one per post
class Result:
    label: str
    score: float
    subtype: str | None
    violations: list[str]
    evidence: list[Evidence]
    election: str | None = None
    phase: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "score": self.score,
            "subtype": self.subtype,
            "violations": self.violations,
            "evidence": [e.as_dict() for e in self.evidence],
            "election": self.election,
            "phase": self.phase,
        }


# Contestants' names and campaign hashtags become placeholders in what the model reads, so what
# it learns about "zzcalon hebat" or "pak zzcalon ?" carries over to an election it never saw
# (every Pilkada brings new names); the rules keep the names for the evidence.
# An election's region ("jatim", "Ogan Komering Ulu") is as election-specific as its names.
_PLACEHOLDER = {"name": "zzcalon", "fuzzy": "zzcalon", "party": "zzpartai", "hashtag": "zztagar"}
_PLACE = "zztempat"


def model_input(a: Analysis) -> str:
    """The model's text: normalised tokens with every contestant mention and the region names of
    known elections masked."""
    return " ".join(model_input_words(a))


def model_input_words(a: Analysis) -> list[str]:
    """The words of `model_input`."""
    masked: dict[int, str] = {}
    for first, size in a.places:
        masked[first] = _PLACE
        for i in range(first + 1, first + size):
            masked[i] = ""
    for m in a.mentions:
        placeholder = _PLACEHOLDER.get(m.how)
        if placeholder:
            masked[m.first_token] = placeholder
            for i in range(m.first_token + 1, m.last_token + 1):
                masked.setdefault(i, "")
    return model_words(a.tokens, masked, a.norms)


def parse_posted_at(value: Any) -> dt.date | None:
    """ "2019-04-10", "2019-04-10T08:00:00+07:00" or None; anything else raises ValueError."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError("posted_at must be an ISO date string")
    text = value.strip().replace("Z", "+00:00")
    try:
        return (
            dt.datetime.fromisoformat(text).date()
            if "T" in text or " " in text
            else (dt.date.fromisoformat(text))
        )
    except ValueError as exc:
        raise ValueError(f"posted_at is not an ISO date: {value!r}") from exc


_HOT_MENTION, _HOT_PLACE, _HOT_CUE = 1, 2, 4
_NORM = itemgetter(0)  # a token's normal form
_KIND = attrgetter("kind")  # an evidence span's kind
_FLAGS = attrgetter("flags")


@mypyc_attr(native_class=False)  # mypyc: a builtin type subclass stays a plain class
class _Hot(dict[str, int]):
    """spelling → which searches a token of it may start (a mention, a region name, a cue), as
    bits; worked out on first sight from the matcher's, the places' and the rules' own tests."""

    def __init__(self, matcher: Matcher, rules: Rules):
        super().__init__()
        self.mention, self.place = matcher.may_start, matcher.places.may_start
        self.cue_first = rules.first_words

    def __missing__(self, norm: str) -> int:
        found = (
            (_HOT_MENTION if self.mention(norm) else 0)
            | (_HOT_PLACE if self.place(norm) else 0)
            | (_HOT_CUE if norm in self.cue_first else 0)
        )
        if len(self) < 500_000:
            self[norm] = found
        return found


# mypyc: a plain class, as contextmanager calls its __call__ like a function
@mypyc_attr(native_class=False)
class _CycleCollectionPause:
    """Pauses the cyclic garbage collector while any thread classifies a batch.

    A batch allocates hundreds of thousands of containers (tokens, flags, evidence) that live
    until it ends, so the collector promotes them and runs full collections, each walking every
    object of the process (the model's vocabularies, Django, SciPy): a quarter of the time of a
    batch. The detector makes no reference cycles, so its garbage is freed by reference
    counting all the same; anything cyclic that other code makes meanwhile is collected once
    the last batch ends. A count under a lock: two threads' batches may overlap, and the
    collector comes back on only if it was on before the first of them began."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self._was_enabled = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if not self._active:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._active += 1
        try:
            yield
        finally:
            with self._lock:
                self._active -= 1
                if not self._active and self._was_enabled:
                    gc.enable()


pause_cycle_collection = _CycleCollectionPause()


class Detector:
    """Load once per process (it reads the model and the election files), then call detect()."""

    def __init__(
        self,
        elections: Sequence[Election] | None = None,
        model: LinearModel | None = None,
        model_path: Path = MODEL_PATH,
    ):
        self.elections = list(shipped_elections() if elections is None else elections)
        self.matcher = Matcher(self.elections)
        self.rules = Rules(self.matcher.normalizer)
        self.model = model if model is not None else load_model(model_path)
        self._hot = _Hot(self.matcher, self.rules)
        # The catalogue's items are read now, with the model, not by the first partisan post
        # (a YAML file: 50 ms).
        violation_codes(phase=None)
        self._strong: tuple[LinearModel, dict[str, float]] | None = None
        self._flags_of: tuple[list[str], Callable[[dict[str, bool]], Any]] | None = None

    def analyse(self, text: str, posted: dt.date | None = None) -> Analysis:
        tokens = self.matcher.normalizer.raw_tokens(text)
        norms = list(map(_NORM, tokens))
        # Which tokens may start a mention, a region name or a cue: one cached look-up per
        # token at C level; the three searches then visit only those (a few per post).
        marks = list(map(self._hot.__getitem__, norms))
        hot = list(compress(range(len(marks)), marks))
        if hot:
            mention_at = [i for i in hot if marks[i] & _HOT_MENTION]
            place_at = [i for i in hot if marks[i] & _HOT_PLACE]
            cue_at = [i for i in hot if marks[i] & _HOT_CUE]
        else:  # many posts: nothing to look for (the searches only read these)
            mention_at = place_at = cue_at = hot
        # A search with nowhere to look finds nothing: most posts name no region, a tenth
        # nothing at all, and the calls' set-up is then the whole cost.
        mentions = self.matcher.match(tokens, norms, mention_at) if mention_at else []
        if place_at:
            regions, offices, places = self.matcher.places.named(norms, place_at)
            election = self.matcher.pick_election(mentions, posted, regions, offices)
        else:
            places = []
            election = self.matcher.pick_election(mentions, posted)
        analysis = self.rules.analyse(text, tokens, mentions, election, norms, cue_at)
        analysis.places = places
        analysis.norms = norms
        return analysis

    def dense(self, analyses: Sequence[Analysis]) -> np.ndarray:
        """The rules' flags in the order the model file lists them (a model trained before a
        flag existed simply does not read it)."""
        names = self.model.dense_names
        if self._flags_of is None or self._flags_of[0] != names:
            self._flags_of = (names, itemgetter(*names) if names else lambda _: ())
        of = self._flags_of[1]
        # Flags are booleans: one byte each, read by NumPy at once (a third faster than a
        # float conversion per flag).
        flat = np.frombuffer(bytes(chain.from_iterable(map(of, map(_FLAGS, analyses)))), np.uint8)
        return flat.reshape(len(analyses), len(names)).astype(np.float32)

    def detect(self, text: str, posted_at: dt.date | None = None) -> Result:
        return self.detect_many([(text, posted_at)])[0]

    def detect_many(self, items: Iterable[tuple[str, dt.date | None]]) -> list[Result]:
        pairs = list(items)
        if not pairs:
            return []
        with pause_cycle_collection():
            return self._detect_pairs(pairs)

    def _detect_pairs(self, pairs: list[tuple[str, dt.date | None]]) -> list[Result]:
        analyses = [self.analyse(text, posted) for text, posted in pairs]
        scores, subtypes = self.model.predict_words(
            [model_input_words(a) for a in analyses], self.dense(analyses)
        )
        threshold = self.model.parts.threshold
        # Once per batch: the phase of an undated post is today's (in Jakarta).
        today = dt.datetime.now(JAKARTA).date()
        results = []
        for a, s, sub, (_, posted) in zip(analyses, scores, subtypes, pairs, strict=True):
            score = float(s)
            for flag, least in FLOORS.items():  # signs the model under-weighs (operating.py)
                if a.flags[flag] and score < least:
                    score = least
            results.append(self._result(a, score, sub, posted or today, score >= threshold))
        return results

    def _result(
        self, a: Analysis, score: float, model_subtype: str, posted: dt.date | None, partisan: bool
    ) -> Result:
        election = a.election
        phase = None if election is None else phase_for(election, posted)  # most posts: none
        if not partisan:
            return Result(
                NOT_PARTISAN,
                round(score, 4),
                None,
                [],
                a.evidence,
                election.code if election else None,
                phase,
            )
        kinds = set(map(_KIND, a.evidence))
        subtype = "campaign_call" if "campaign_call" in kinds else model_subtype
        evidence = a.evidence
        if not kinds - {"mention"}:
            evidence = sorted(evidence + self._model_evidence(a), key=lambda e: e.start)
        codes = violation_codes(
            phase=phase, symbol=a.flags["finger"] or a.flags["photo"], team=a.flags["campaign_team"]
        )
        return Result(
            PARTISAN,
            round(score, 4),
            subtype,
            codes,
            evidence,
            election.code if election else None,
            phase,
        )

    def _model_evidence(self, a: Analysis) -> list[Evidence]:
        strong = self._strong
        if strong is None or strong[0] is not self.model:
            strong = self._strong = (self.model, self.model.strong_words(_MODEL_EVIDENCE_MIN))
        weights, tokens = strong[1], a.tokens
        norms = a.norms if a.norms is not None else list(map(_NORM, tokens))
        # A span the rules explain keeps their reason ("#LulukGubernur": a slogan hashtag, though
        # its parts are also words the model weighs).
        explained = {(e.start, e.end) for e in a.evidence}
        text_of: dict[tuple[int, int], float] = {}
        # Only the tokens spelt as a strong word are visited (a few of a post's dozens), found
        # by a C-level membership test per token, in order, so the spans are kept in the order
        # a walk over every token keeps them.
        for i in compress(range(len(norms)), map(weights.__contains__, norms)):
            norm, start, end, kind = tokens[i]
            if (
                kind in _MODEL_EVIDENCE_KINDS
                and (start, end) not in text_of
                and (start, end) not in explained
            ):
                text_of[(start, end)] = weights[norm]
        top = sorted(text_of.items(), key=lambda kv: -kv[1])[:3]
        reason = "kata yang sering muncul dalam unggahan berpihak"
        return [Evidence(s, e, a.text[s:e], reason, "model") for (s, e), _ in top]
