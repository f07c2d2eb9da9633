"""Duplicates: exact by canonical URL (ural), near by MinHash/LSH (datasketch).

Near-duplicates are found with band keys: an item's 64-permutation MinHash over word
trigrams is cut into 8 bands of 8; two items that share one band key are near-duplicate
candidates (at Jaccard 0.8 they share a band with probability 0.98, at 0.5 with 0.03). The
keys live in `ItemBand`, so a new item finds its cluster with one indexed query, whatever the
number of items already stored.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

import numpy as np
from datasketch import MinHash
from ural import normalize_url

NUM_PERM = 64
BANDS = 8
ROWS = NUM_PERM // BANDS
# Shorter texts ("Mantap!", "Setuju") are alike by chance, not because one copied the other.
MIN_WORDS = 6
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NOISE = re.compile(r"https?://\S+|@\w+", re.UNICODE)
# One MinHash object's permutations, reused: building them is the expensive part.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=7, scheme="affine64")


def canonical(url: str) -> str:
    """The URL that two captures of one post share (tracking parameters, "www.", "m.",
    protocol and trailing slash removed)."""
    if not url:
        return ""
    try:
        return str(normalize_url(url, platform_aware=True))[:1000]
    except Exception:
        return url.strip().lower()[:1000]


def shingles(text: str) -> list[bytes]:
    words = _WORD.findall(_NOISE.sub(" ", text.lower()))
    if len(words) < MIN_WORDS:
        return []
    return [" ".join(words[i : i + 3]).encode() for i in range(len(words) - 2)]


def band_keys(text: str) -> list[int]:
    """The item's LSH band keys (signed 64-bit, to fit a BigIntegerField); none for a short
    text."""
    grams = shingles(text)
    if not grams:
        return []
    m = MinHash(num_perm=NUM_PERM, seed=7, permutations=_TEMPLATE.permutations, scheme="affine64")
    m.update_batch(grams)
    values = np.asarray(m.hashvalues, dtype=np.uint64)
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def group(keys_by_item: Sequence[tuple[int, Iterable[int]]]) -> dict[int, int]:
    """Union-find over items that share a key: each item id → the smallest id of its group."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[int, int] = {}
    for item_id, keys in keys_by_item:
        find(item_id)
        for key in keys:
            if key in owner:
                a, b = find(owner[key]), find(item_id)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[key] = item_id
    return {x: find(x) for x in parent}
