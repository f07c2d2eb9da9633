"""What the detector says about a few posts the team wrote, pinned: a change made for speed
(tokenising, counting n-grams, batching) must give the same label, score, subtype, election and
evidence for the same model. The expected values were taken from the detector before the speed
work of issue 17 (commit 0cd02d1) with the shipped model and the test elections."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest

from netral.detection import model as model_module
from netral.detection.detector import Detector, model_input, model_input_words
from netral.detection.elections import Election
from netral.detection.stance import stance_bits
from netral.detection.voice import voice_bits

TEXTS = [
    "Ayo coblos 02 tanggal 17 April, Prabowo-Sandi pasti menang! ✌️",
    "Jokowi hebat, lanjutkan dua periode! #JokowiLagi",
    "@USER Dasar kampret, calonmu bohong terus #2019GantiPresiden URL",
    "Menangkan bu Luluk di Pilgub Jatim, pilih nomor urut 1!",
    "salam dua jari untuk kita semua, paslon 2 mantappp bangettt",
    "Prabowoo presidenku 2019, gw pilih dia 👍 wkwkwk",
    "Pak Anies, kapan programnya soal banjir dijalankan? Macet parah di Jakarta",
    "KPU menetapkan Khofifah-Emil sebagai pasangan calon nomor urut 2 Pilgub Jatim. URL",
    "JAKARTA - Cagub Ahok menghadiri debat kedua, kata tim sukses (6/2). Baca selengkapnya URL",
    "coblos 1️⃣ ya gaes, Ganjar-Mahfud menang satu putaran ☝🏽 #GanjarMahfud2024",
    "<USER_MENTION> orang2 pd kec3wa sm jan1i kampanye, no.3 aja deh",
    "Sumber:_URL tiga jari untuk AMIN, Anies presidenku #AniesMuhaimin",
    "Resep rendang padang yang empuk dan bumbunya meresap",
    "",
    "ASN harus netral! Jangan like atau share unggahan peserta pemilu.",
    "Cak Imin dan Mas Gibran debat cawapres semalam seru juga hahaha",
]
# (label, score, subtype, election, [(start, end, text, kind) of each evidence span])
EXPECTED: list[tuple[Any, ...]] = [
    (
        "partisan",
        0.9925,
        "campaign_call",
        "pilpres-2019",
        [
            (0, 10, "Ayo coblos", "campaign_call"),
            (11, 13, "02", "mention"),
            (32, 45, "Prabowo-Sandi", "mention"),
            (46, 58, "pasti menang", "support"),
            (60, 62, "✌️", "support"),
        ],
    ),
    (
        "partisan",
        0.9993,
        "support",
        "pilpres-2019",
        [
            (0, 6, "Jokowi", "mention"),
            (7, 12, "hebat", "support"),
            (14, 23, "lanjutkan", "support"),
            (24, 35, "dua periode", "support"),
            (37, 48, "#JokowiLagi", "support"),
        ],
    ),
    (
        "partisan",
        1.0,
        "attack",
        "pilpres-2019",
        [
            (12, 19, "kampret", "attack"),
            (29, 35, "bohong", "attack"),
            (42, 60, "#2019GantiPresiden", "support"),
        ],
    ),
    (
        "partisan",
        0.5056,
        "campaign_call",
        "pilkada-jatim-2024",
        [
            (0, 9, "Menangkan", "campaign_call"),
            (10, 18, "bu Luluk", "mention"),
            (36, 41, "pilih", "campaign_call"),
            (42, 54, "nomor urut 1", "mention"),
        ],
    ),
    (
        "partisan",
        0.9367,
        "support",
        "pilkada-jatim-2024",
        [
            (0, 14, "salam dua jari", "support"),
            (40, 41, "2", "mention"),
            (42, 50, "mantappp", "support"),
        ],
    ),
    (
        "partisan",
        0.8958,
        "support",
        "pemilu-2024",
        [(0, 8, "Prabowoo", "mention"), (9, 19, "presidenku", "support")],
    ),
    ("not_partisan", 0.0656, None, "pilkada-dki-2017", [(4, 9, "Anies", "mention")]),
    (
        "not_partisan",
        0.0288,
        None,
        "pilkada-jatim-2024",
        [(15, 28, "Khofifah-Emil", "mention"), (52, 64, "nomor urut 2", "mention")],
    ),
    ("not_partisan", 0.0285, None, "pilkada-dki-2017", [(16, 20, "Ahok", "mention")]),
    (
        "partisan",
        0.9839,
        "campaign_call",
        "pemilu-2024",
        [
            (0, 6, "coblos", "campaign_call"),
            (7, 10, "1️⃣", "mention"),
            (20, 33, "Ganjar-Mahfud", "mention"),
            (34, 40, "menang", "support"),
            (41, 53, "satu putaran", "support"),
            (54, 56, "☝🏽", "support"),
            (57, 74, "#GanjarMahfud2024", "mention"),
        ],
    ),
    ("not_partisan", 0.1298, None, "pilkada-jatim-2024", [(51, 55, "no.3", "mention")]),
    (
        "partisan",
        0.9776,
        "support",
        "pemilu-2024",
        [
            (34, 39, "Anies", "mention"),
            (40, 50, "presidenku", "support"),
            (51, 65, "#AniesMuhaimin", "support"),
        ],
    ),
    ("not_partisan", 0.0341, None, "pilpres-2019", []),
    ("not_partisan", 0.0383, None, None, []),
    ("not_partisan", 0.0109, None, None, []),
    (
        "partisan",
        0.7114,
        "support",
        "pemilu-2024",
        [
            (0, 8, "Cak Imin", "mention"),
            (0, 3, "Cak", "model"),
            (17, 23, "Gibran", "mention"),
            (24, 29, "debat", "model"),
            (39, 46, "semalam", "model"),
        ],
    ),
]
POSTED = dt.date(2019, 3, 1)


def _items() -> list[tuple[str, dt.date | None]]:
    return [(t, POSTED if i % 3 == 0 else None) for i, t in enumerate(TEXTS)]


def _seen(detector: Detector, items: list[tuple[str, dt.date | None]]) -> list[tuple[Any, ...]]:
    return [
        (
            r.label,
            r.score,
            r.subtype,
            r.election,
            [(e.start, e.end, e.text, e.kind) for e in r.evidence],
        )
        for r in detector.detect_many(items)
    ]


@pytest.fixture
def fresh(test_elections: list[Election]) -> Detector:
    """A detector of its own: its caches start empty, as in a new worker."""
    return Detector(elections=test_elections)


def test_label_score_subtype_and_evidence_are_as_before(fresh: Detector) -> None:
    assert _seen(fresh, _items()) == EXPECTED
    # A second pass reads the caches filled by the first, and says the same.
    assert _seen(fresh, _items()) == EXPECTED


def test_one_post_at_a_time_says_what_the_batch_says(fresh: Detector) -> None:
    one_by_one = [_seen(fresh, [item])[0] for item in reversed(_items())]
    assert one_by_one[::-1] == EXPECTED


def test_a_lexicon_started_afresh_counts_the_same(
    fresh: Detector, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model_module, "_MAX_WORDS", 5)
    for _ in range(3):
        assert _seen(fresh, _items()) == EXPECTED


def test_scores_from_words_equal_scores_from_texts_and_from_the_stacked_features(
    fresh: Detector,
) -> None:
    analyses = [fresh.analyse(t) for t in TEXTS]
    dense = fresh.dense(analyses)
    words, subtypes = fresh.model.predict_words([model_input_words(a) for a in analyses], dense)
    texts = [model_input(a) for a in analyses]
    from_texts, subtypes_texts = fresh.model.predict(texts, dense)
    assert np.array_equal(words, from_texts) and subtypes == subtypes_texts
    stacked = fresh.model.probability(fresh.model.features(texts, dense))
    assert np.allclose(words, stacked, atol=1e-5)
    assert subtypes == fresh.model.subtype(fresh.model.features(texts, dense))


def test_no_token_but_a_word_or_a_hashtag_part_has_a_spelling_in_the_word_sets() -> None:
    """Rules.analyse takes a text without "#" through an or over all its tokens' bits."""
    others = ["zzuser", "zzurl", "salamjari", "keycap", *(f"nomor{n}" for n in range(1, 10))]
    assert [w for w in others if voice_bits(w) | stance_bits(w)] == []


def test_the_searches_over_marked_tokens_find_what_a_full_scan_finds(fresh: Detector) -> None:
    for text in TEXTS:
        a = fresh.analyse(text)
        norms = [t[0] for t in a.tokens]
        mentions = fresh.matcher.match(a.tokens)
        assert a.mentions == mentions
        assert a.places == fresh.matcher.places.named(norms)[2]
        full = fresh.rules.analyse(text, a.tokens, mentions, a.election)
        assert (a.flags, a.evidence) == (full.flags, full.evidence)
