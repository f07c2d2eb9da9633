"""Names as written and as searched: titles go, spelling variants and word order meet."""

from __future__ import annotations

import pytest

from netral.registry.names import search_key, strip_titles


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("Dr. H. Ahmad Fauzi, S.Pd., M.Si.", "Ahmad Fauzi"),
        ("Hj. Siti Rahmawati, S.E., M.M.", "Siti Rahmawati"),
        ("drg. Cut Nurhaliza", "Cut Nurhaliza"),
        ("Ir. Budi Santoso, M.T., Ph.D.", "Budi Santoso"),
        ("Budi Santoso S.Kom", "Budi Santoso"),
        ("Prof. Dr. Ir. Dedi Kurniawan, M.Sc", "Dedi Kurniawan"),
        ("Ns. Yanti Oktaviani, S.Kep", "Yanti Oktaviani"),
        ("Siti", "Siti"),
        ("Teuku Iskandar", "Teuku Iskandar"),
    ],
)
def test_titles_before_and_after_the_name_are_removed(written, plain):
    assert strip_titles(written) == plain


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Achmad Fauzy", "Ahmad Fauzi"),
        ("Moehammad Djoko", "Muhamad Joko"),
        ("Tjahjo Kumolo", "Cahjo Kumolo"),
        ("Khairul Ramadhan", "Hairul Ramadan"),
        ("Taufiq Hidayat", "Taufik Hidayat"),
        ("Dr. H. Ahmad Fauzi, S.Pd., M.Si.", "ahmad fauzi"),
    ],
)
def test_spelling_variants_fold_to_the_same_key(a, b):
    assert search_key(a) == search_key(b)


def test_different_names_keep_different_keys():
    assert search_key("Siti Aminah") != search_key("Siti Aisyah")
