"""The statistical model: TF-IDF word and character n-grams plus the rules' entity features,
a logistic regression with Platt calibration, and a subtype classifier.

It is stored as a NumPy .npz read with allow_pickle=False: only arrays of numbers and strings
(the n-gram vocabulary), never pickled objects, so a model file cannot run code when loaded.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

MODEL_PATH = Path(__file__).resolve().parent / "data" / "model.npz"
FORMAT = "netral-detector/1"
SUBTYPES = ("support", "campaign_call", "attack")


@dataclass
class ModelParts:
    """Everything the model file holds; `meta` carries settings, figures and provenance."""

    word_vocab: np.ndarray
    word_idf: np.ndarray
    char_vocab: np.ndarray
    char_idf: np.ndarray
    coef: np.ndarray  # (n_features,)
    intercept: float
    platt: tuple[float, float]  # p = sigmoid(a * decision + b)
    threshold: float  # on the calibrated probability
    sub_coef: np.ndarray  # (3, n_features)
    sub_intercept: np.ndarray  # (3,)
    meta: dict[str, Any]


class _PerWord(dict[str, list[int]]):
    """word → its n-gram indices, computed on first sight: posts repeat words (Zipf), so most
    lookups are one C-level dict hit inside map()."""

    def __init__(self, compute: Callable[[str], list[int]]):
        super().__init__()
        self.compute = compute

    def __missing__(self, word: str) -> list[int]:
        found = self.compute(word)
        if len(self) < 500_000:
            self[word] = found
        return found


class NgramCounter:
    """Counts word or char_wb n-grams of a fixed vocabulary, as sklearn's CountVectorizer does."""

    def __init__(self, vocab: np.ndarray, analyzer: str, ngrams: Sequence[int]):
        self.vocabulary: dict[str, int] = {str(t): i for i, t in enumerate(vocab)}
        self.analyzer, (self.min_n, self.max_n) = analyzer, (int(ngrams[0]), int(ngrams[1]))
        self._per_word = _PerWord(self._char_ngrams)

    def _char_ngrams(self, word: str) -> list[int]:
        padded, vocab, found = f" {word} ", self.vocabulary, []
        for n in range(self.min_n, self.max_n + 1):
            for offset in range(max(1, len(padded) - n + 1)):
                j = vocab.get(padded[offset:offset + n])
                if j is not None:
                    found.append(j)
            if len(padded) <= n:  # a short word counts once, as in sklearn
                break
        return found

    def _doc(self, text: str) -> list[int]:
        words = text.split()
        if self.analyzer == "char_wb":
            return list(chain.from_iterable(map(self._per_word.__getitem__, words)))
        get = self.vocabulary.get
        out = [j for j in map(get, words) if j is not None]
        if self.max_n >= 2:
            out += [j for j in map(get, map(" ".join, pairwise(words))) if j is not None]
        return out

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        docs = [self._doc(text) for text in texts]
        indptr = np.zeros(len(docs) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, docs), dtype=np.int64, count=len(docs)), out=indptr[1:])
        indices = np.fromiter(chain.from_iterable(docs), dtype=np.int32, count=int(indptr[-1]))
        data = np.ones(len(indices), dtype=np.float32)
        matrix = sp.csr_matrix((data, indices, indptr), shape=(len(texts), len(self.vocabulary)))
        matrix.sum_duplicates()
        return matrix


def tfidf(counter: NgramCounter, idf: np.ndarray, texts: Sequence[str]) -> sp.csr_matrix:
    """Sublinear TF-IDF, l2-normalised: the same arithmetic as sklearn's TfidfVectorizer."""
    counts = counter.transform(texts)
    np.log(counts.data, out=counts.data)
    counts.data += 1.0
    counts.data *= idf.astype(np.float32)[counts.indices]
    # l2 per row, in numpy: importing sklearn would cost a second at every start.
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    counts.data /= np.repeat(norms, np.diff(counts.indptr)).astype(np.float32)
    return counts


class LinearModel:
    def __init__(self, parts: ModelParts):
        self.parts = parts
        meta = parts.meta
        self.word = NgramCounter(parts.word_vocab, "word", meta["word_ngrams"])
        self.char = NgramCounter(parts.char_vocab, "char_wb", meta["char_ngrams"])
        self.dense_names: list[str] = list(meta["dense_features"])
        self._word_index = self.word.vocabulary

    def features(self, texts: Sequence[str], dense: np.ndarray) -> sp.csr_matrix:
        parts = [tfidf(self.word, self.parts.word_idf, texts),
                 tfidf(self.char, self.parts.char_idf, texts),
                 sp.csr_matrix(dense.astype(np.float32))]
        return sp.hstack(parts, format="csr")

    def probability(self, X: sp.csr_matrix) -> np.ndarray:
        a, b = self.parts.platt
        decision = X @ self.parts.coef + self.parts.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-(a * decision + b))))

    def subtype(self, X: sp.csr_matrix) -> list[str]:
        logits = X @ self.parts.sub_coef.T + self.parts.sub_intercept
        return [SUBTYPES[i] for i in np.asarray(logits).argmax(axis=1)]

    def word_weight(self, word: str) -> float:
        """How much one word pushes towards `partisan` (for evidence the rules did not find)."""
        j = self._word_index.get(word)
        if j is None:
            return 0.0
        return float(self.parts.coef[j] * self.parts.word_idf[j])

    def save(self, path: Path = MODEL_PATH) -> None:
        save_parts(self.parts, path)


def save_parts(p: ModelParts, path: Path) -> None:
    meta = {**p.meta, "format": FORMAT}
    # np.savez writes a zip with a fixed timestamp, so a retrain gives the same bytes.
    np.savez_compressed(
        path, word_vocab=p.word_vocab.astype(str), word_idf=p.word_idf.astype(np.float32),
        char_vocab=p.char_vocab.astype(str), char_idf=p.char_idf.astype(np.float32),
        coef=p.coef.astype(np.float32), intercept=np.float64(p.intercept),
        platt=np.asarray(p.platt, dtype=np.float64), threshold=np.float64(p.threshold),
        sub_coef=p.sub_coef.astype(np.float32), sub_intercept=p.sub_intercept.astype(np.float32),
        meta=np.asarray(json.dumps(meta, sort_keys=True, ensure_ascii=False)),
    )


def load_model(path: Path = MODEL_PATH) -> LinearModel:
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{path}: not a {FORMAT} model file")
        parts = ModelParts(
            word_vocab=z["word_vocab"], word_idf=z["word_idf"], char_vocab=z["char_vocab"],
            char_idf=z["char_idf"], coef=z["coef"], intercept=float(z["intercept"]),
            platt=(float(z["platt"][0]), float(z["platt"][1])), threshold=float(z["threshold"]),
            sub_coef=z["sub_coef"], sub_intercept=z["sub_intercept"], meta=meta,
        )
    return LinearModel(parts)
