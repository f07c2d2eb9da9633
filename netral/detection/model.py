"""The statistical model: TF-IDF word and character n-grams plus the rules' entity features,
a logistic regression with Platt calibration, and a subtype classifier.

It is stored as a NumPy .npz read with allow_pickle=False: only arrays of numbers and strings
(the n-gram vocabulary), never pickled objects, so a model file cannot run code when loaded.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
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


_MAX_WORDS = 500_000  # the word cache starts afresh past this many distinct words
_PAIR = np.int64(1 << 32)  # a word pair's key: first id * _PAIR + second id


class NgramCounter:
    """The n-grams of one analyzer (word or char_wb) and their vocabulary, as sklearn's
    CountVectorizer counts them; `Lexicon` counts a batch with them."""

    def __init__(self, vocab: np.ndarray, analyzer: str, ngrams: Sequence[int]):
        self.vocabulary: dict[str, int] = {str(t): i for i, t in enumerate(vocab)}
        self.analyzer, (self.min_n, self.max_n) = analyzer, (int(ngrams[0]), int(ngrams[1]))

    def char_ngrams(self, word: str) -> np.ndarray:
        """The vocabulary indices of one word's char_wb n-grams, in sklearn's order."""
        padded, vocab, found = f" {word} ", self.vocabulary, []
        for n in range(self.min_n, self.max_n + 1):
            for offset in range(max(1, len(padded) - n + 1)):
                j = vocab.get(padded[offset : offset + n])
                if j is not None:
                    found.append(j)
            if len(padded) <= n:  # a short word counts once, as in sklearn
                break
        return np.array(found, dtype=np.int32)


class Lexicon(dict[str, int]):
    """word → a small id, given on first sight together with the word's unigram column and
    char n-gram columns (posts repeat words, Zipf). A batch's words are then looked up once
    each, by a C-level map over the same string objects the normaliser's caches hand out (so
    their hashes are cached too), and everything else is array arithmetic: unigram columns by
    indexing, word pairs by a binary search of the vocabulary's pairs keyed by the two ids
    (no string is built per pair), char n-grams by one sparse product.

    The words of the vocabulary's pairs get the first ids, in the vocabulary's order, so a
    fresh lexicon (after `_MAX_WORDS`) gives them the same ids again."""

    def __init__(self, word: NgramCounter, char: NgramCounter):
        super().__init__()
        if word.max_n > 2 or char.analyzer != "char_wb":
            raise ValueError("the lexicon counts word unigrams and pairs and char_wb n-grams")
        self.word, self.char = word, char
        self.uni: list[int] = []
        self.grams: list[np.ndarray] = []
        self._uni = np.zeros(0, dtype=np.int64)
        pairs = [(t.split(" "), j) for t, j in word.vocabulary.items() if t.count(" ") == 1]
        keys = np.array(
            [self[first] * int(_PAIR) + self[second] for (first, second), _ in pairs],
            dtype=np.int64,
        )
        order = np.argsort(keys, kind="stable")
        self.pair_keys = keys[order]
        self.pair_cols = np.array([j for _, j in pairs], dtype=np.int64)[order]

    def __missing__(self, word: str) -> int:
        self[word] = found = len(self.uni)
        self.uni.append(self.word.vocabulary.get(word, -1))
        self.grams.append(self.char.char_ngrams(word))
        return found

    def unigram_columns(self) -> np.ndarray:
        if len(self._uni) != len(self.uni):
            self._uni = np.array(self.uni, dtype=np.int64)
        return self._uni


def _rows(lengths: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)


def _word_counts(lex: Lexicon, ids: np.ndarray, lengths: np.ndarray) -> sp.csr_matrix:
    """Counts of word unigrams and pairs per text (rows), indices sorted, as sklearn's word
    analyzer with ngram_range (1, 2) and the token pattern \\S+ counts them."""
    n_docs, rows_all = len(lengths), _rows(lengths)
    uni = lex.unigram_columns()[ids]
    keep = uni >= 0
    cols, rows = [uni[keep]], [rows_all[keep]]
    if lex.word.max_n >= 2 and len(ids) > 1 and len(lex.pair_keys):
        key = ids[:-1] * _PAIR + ids[1:]
        at = np.minimum(np.searchsorted(lex.pair_keys, key), len(lex.pair_keys) - 1)
        starts = np.zeros(len(ids) + 1, dtype=bool)
        starts[np.cumsum(lengths)[:-1]] = True  # where each text after the first begins
        # Pairs of neighbours in the vocabulary, minus those that straddle two texts.
        keep = (lex.pair_keys[at] == key) & ~starts[1 : len(ids)]
        cols.append(lex.pair_cols[at[keep]])
        rows.append(rows_all[:-1][keep])
    col, row = np.concatenate(cols), np.concatenate(rows)
    data = np.ones(len(col), dtype=np.float32)
    counts = sp.csr_matrix((data, (row, col)), shape=(n_docs, len(lex.word.vocabulary)))
    counts.sum_duplicates()  # sorts the indices too: the same sums in the same order
    return counts


def _char_counts(lex: Lexicon, ids: np.ndarray, lengths: np.ndarray) -> sp.csr_matrix:
    """Counts of char_wb n-grams per text (rows), indices sorted: char n-grams × distinct words
    @ distinct words × texts (how often each word occurs in each), whose CSC form is the CSR
    form of the counts with each text's n-grams already in order (a linear conversion instead
    of sorting every row). The counts are whole numbers, so the order of the sums is moot."""
    seen, inverse = np.unique(ids, return_inverse=True)
    n_docs = len(lengths)
    per_word_text = sp.csr_matrix(
        (np.ones(len(ids), dtype=np.float32), (inverse.ravel(), _rows(lengths))),
        shape=(len(seen), n_docs),
    )
    grams = [lex.grams[i] for i in seen]
    indptr = np.zeros(len(grams) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, grams), dtype=np.int64, count=len(grams)), out=indptr[1:])
    indices = np.concatenate(grams) if grams else np.zeros(0, dtype=np.int32)
    per_word = sp.csr_matrix(
        (np.ones(len(indices), dtype=np.float32), indices, indptr),
        shape=(len(seen), len(lex.char.vocabulary)),
    )
    by_text = (per_word.T.tocsr() @ per_word_text).tocsc()
    counts = sp.csr_matrix(
        (by_text.data, by_text.indices, by_text.indptr), shape=(n_docs, len(lex.char.vocabulary))
    )
    counts.sum_duplicates()  # already canonical: a linear check
    return counts


def tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear TF-IDF of counts (in place), l2-normalised: the same arithmetic as sklearn's
    TfidfVectorizer."""
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
        self._lexicon = Lexicon(self.word, self.char)
        self._weights: np.ndarray | None = None  # score and subtype weights side by side

    def tfidf(self, docs: Sequence[Sequence[str]]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """The word and the char TF-IDF blocks of texts given as their words (a text's words
        are what `str.split` gives of it; empty words are not words)."""
        lex = self._lexicon
        if len(lex) > _MAX_WORDS:
            lex = self._lexicon = Lexicon(self.word, self.char)
        lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
        ids = np.fromiter(
            map(lex.__getitem__, chain.from_iterable(docs)),
            dtype=np.int64,
            count=int(lengths.sum()),
        )
        return (
            tfidf(_word_counts(lex, ids, lengths), self.parts.word_idf),
            tfidf(_char_counts(lex, ids, lengths), self.parts.char_idf),
        )

    def features(self, texts: Sequence[str], dense: np.ndarray) -> sp.csr_matrix:
        word, char = self.tfidf([text.split() for text in texts])
        return sp.hstack([word, char, sp.csr_matrix(dense.astype(np.float32))], format="csr")

    def predict(self, texts: Sequence[str], dense: np.ndarray) -> tuple[np.ndarray, list[str]]:
        return self.predict_words([text.split() for text in texts], dense)

    def predict_words(
        self, docs: Sequence[Sequence[str]], dense: np.ndarray
    ) -> tuple[np.ndarray, list[str]]:
        """The calibrated score and the subtype of each text (given as its words), as
        `probability` and `subtype` of `features` give them, without stacking the three blocks
        into one matrix (a fifth of the time of a batch): each block is multiplied by its rows
        of the weights and the sums added, in float64, so a score may differ from the stacked
        float32 sums in the seventh decimal."""
        if self._weights is None:
            self._weights = np.column_stack([self.parts.coef, self.parts.sub_coef.T]).astype(
                np.float64
            )
        weights = self._weights
        word, char = self.tfidf(docs)
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

    def strong_words(self, minimum: float) -> dict[str, float]:
        """Every single word whose `word_weight` is at least `minimum`, with that weight."""
        n = len(self.parts.word_idf)
        weights = self.parts.coef[:n] * self.parts.word_idf
        return {
            str(self.parts.word_vocab[j]): float(weights[j])
            for j in np.flatnonzero(weights.astype(np.float64) >= minimum)
            if " " not in str(self.parts.word_vocab[j])
        }

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
