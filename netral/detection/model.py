"""The statistical model: TF-IDF word and character n-grams plus the rules' entity features,
a logistic regression with Platt calibration, and a subtype classifier.

It is stored as a NumPy .npz read with allow_pickle=False: only arrays of numbers and strings
(the n-gram vocabulary), never pickled objects, so a model file cannot run code when loaded.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise, repeat
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


class _WordIds(dict[str, int]):
    """word → a small id, given on first sight together with the word's char n-gram indices
    (posts repeat words, Zipf): a batch is then counted by C-level maps and one sparse product
    instead of a Python loop over every character n-gram of every word."""

    def __init__(self, compute: Callable[[str], np.ndarray]):
        super().__init__()
        self.compute = compute
        self.grams: list[np.ndarray] = []

    def __missing__(self, word: str) -> int:
        self[word] = found = len(self.grams)
        self.grams.append(self.compute(word))
        return found


_MAX_WORDS = 500_000  # the cache starts afresh past this many distinct words


class NgramCounter:
    """Counts word or char_wb n-grams of a fixed vocabulary, as sklearn's CountVectorizer does."""

    def __init__(self, vocab: np.ndarray, analyzer: str, ngrams: Sequence[int]):
        self.vocabulary: dict[str, int] = {str(t): i for i, t in enumerate(vocab)}
        self.analyzer, (self.min_n, self.max_n) = analyzer, (int(ngrams[0]), int(ngrams[1]))
        self._ids = _WordIds(self._char_ngrams)

    def _char_ngrams(self, word: str) -> np.ndarray:
        padded, vocab, found = f" {word} ", self.vocabulary, []
        for n in range(self.min_n, self.max_n + 1):
            for offset in range(max(1, len(padded) - n + 1)):
                j = vocab.get(padded[offset : offset + n])
                if j is not None:
                    found.append(j)
            if len(padded) <= n:  # a short word counts once, as in sklearn
                break
        return np.array(found, dtype=np.int32)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Counts per text (rows) and vocabulary entry (columns), indices sorted."""
        docs = [text.split() for text in texts]
        lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
        words = list(chain.from_iterable(docs))
        if self.analyzer == "char_wb":
            counts = self._char_counts(words, lengths)
        else:
            counts = self._word_counts(words, lengths)
        counts.sum_duplicates()  # sorts the indices too: the same sums in the same order
        return counts

    def _rows(self, lengths: np.ndarray, keep: np.ndarray | None = None) -> np.ndarray:
        rows = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
        return rows if keep is None else rows[keep]

    def _word_counts(self, words: list[str], lengths: np.ndarray) -> sp.csr_matrix:
        get, n_docs = self.vocabulary.get, len(lengths)
        uni = np.fromiter(map(get, words, repeat(-1)), dtype=np.int64, count=len(words))
        keep = uni >= 0
        cols, rows = [uni[keep]], [self._rows(lengths)[keep]]
        if self.max_n >= 2 and len(words) > 1:
            # Pairs of neighbours, minus those that straddle two texts.
            pairs = map(" ".join, pairwise(words))
            bi = np.fromiter(map(get, pairs, repeat(-1)), dtype=np.int64, count=len(words) - 1)
            starts = np.zeros(len(words) + 1, dtype=bool)
            starts[np.cumsum(lengths)[:-1]] = True  # where each text after the first begins
            keep = (bi >= 0) & ~starts[1 : len(words)]
            cols.append(bi[keep])
            rows.append(self._rows(lengths)[:-1][keep])
        col, row = np.concatenate(cols), np.concatenate(rows)
        data = np.ones(len(col), dtype=np.float32)
        return sp.csr_matrix((data, (row, col)), shape=(n_docs, len(self.vocabulary)))

    def _char_counts(self, words: list[str], lengths: np.ndarray) -> sp.csr_matrix:
        if len(self._ids) > _MAX_WORDS:
            self._ids = _WordIds(self._char_ngrams)
        ids = np.fromiter(map(self._ids.__getitem__, words), dtype=np.int64, count=len(words))
        seen, inverse = np.unique(ids, return_inverse=True)
        # texts × distinct words (how often each occurs) @ distinct words × char n-grams
        per_text = sp.csr_matrix(
            (np.ones(len(ids), dtype=np.float32), (self._rows(lengths), inverse.ravel())),
            shape=(len(lengths), len(seen)),
        )
        grams = [self._ids.grams[i] for i in seen]
        indptr = np.zeros(len(grams) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, grams), dtype=np.int64, count=len(grams)), out=indptr[1:])
        indices = np.concatenate(grams) if grams else np.zeros(0, dtype=np.int32)
        per_word = sp.csr_matrix(
            (np.ones(len(indices), dtype=np.float32), indices, indptr),
            shape=(len(seen), len(self.vocabulary)),
        )
        return sp.csr_matrix(per_text @ per_word)


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
        self._weights: np.ndarray | None = None  # score and subtype weights side by side

    def features(self, texts: Sequence[str], dense: np.ndarray) -> sp.csr_matrix:
        parts = [
            tfidf(self.word, self.parts.word_idf, texts),
            tfidf(self.char, self.parts.char_idf, texts),
            sp.csr_matrix(dense.astype(np.float32)),
        ]
        return sp.hstack(parts, format="csr")

    def predict(self, texts: Sequence[str], dense: np.ndarray) -> tuple[np.ndarray, list[str]]:
        """The calibrated score and the subtype of each text, as `probability` and `subtype` of
        `features` give them, without stacking the three blocks into one matrix (a fifth of
        the time of a batch): each block is multiplied by its rows of the weights and the sums
        added, in float64, so a score may differ from the stacked float32 sums in the seventh
        decimal."""
        if self._weights is None:
            self._weights = np.column_stack([self.parts.coef, self.parts.sub_coef.T]).astype(
                np.float64
            )
        weights = self._weights
        word = tfidf(self.word, self.parts.word_idf, texts)
        char = tfidf(self.char, self.parts.char_idf, texts)
        n_word, n_char = word.shape[1], char.shape[1]
        out = word @ weights[:n_word]
        out += char @ weights[n_word : n_word + n_char]
        out += dense.astype(np.float64) @ weights[n_word + n_char :]
        a, b = self.parts.platt
        decision = out[:, 0] + self.parts.intercept
        scores = 1.0 / (1.0 + np.exp(-(a * decision + b)))
        logits = out[:, 1:] + self.parts.sub_intercept
        return scores, [SUBTYPES[i] for i in logits.argmax(axis=1)]

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
        path,
        word_vocab=p.word_vocab.astype(str),
        word_idf=p.word_idf.astype(np.float32),
        char_vocab=p.char_vocab.astype(str),
        char_idf=p.char_idf.astype(np.float32),
        coef=p.coef.astype(np.float32),
        intercept=np.float64(p.intercept),
        platt=np.asarray(p.platt, dtype=np.float64),
        threshold=np.float64(p.threshold),
        sub_coef=p.sub_coef.astype(np.float32),
        sub_intercept=p.sub_intercept.astype(np.float32),
        meta=np.asarray(json.dumps(meta, sort_keys=True, ensure_ascii=False)),
    )


def load_model(path: Path = MODEL_PATH) -> LinearModel:
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{path}: not a {FORMAT} model file")
        parts = ModelParts(
            word_vocab=z["word_vocab"],
            word_idf=z["word_idf"],
            char_vocab=z["char_vocab"],
            char_idf=z["char_idf"],
            coef=z["coef"],
            intercept=float(z["intercept"]),
            platt=(float(z["platt"][0]), float(z["platt"][1])),
            threshold=float(z["threshold"]),
            sub_coef=z["sub_coef"],
            sub_intercept=z["sub_intercept"],
            meta=meta,
        )
    return LinearModel(parts)
