"""Search: titled names found by plain and reordered words and spelling variants, NIPs with
spaces, filters, and never outside what the user may see."""

from __future__ import annotations

import pytest

from netral.registry.models import Agency
from netral.registry.search import Filters, search
from netral.registry.services import asn_create
from tests.registry.conftest import PEOPLE

FAUZI = "198609262015051001"


@pytest.fixture
def fauzi(people):
    return asn_create(
        actor=None,
        nip=FAUZI,
        name="Dr. H. Ahmad Fauzi, S.Pd., M.Si.",
        agency=Agency.objects.get(code="16.01"),
        position="Guru SMP",
    )


def nips(result):
    return [h.asn.nip for h in result.hits]


@pytest.mark.parametrize(
    "text", ["ahmad fauzi", "fauzi ahmad", "Achmad Fauzy", "AHMAD FAUZI", "fauzi"]
)
def test_a_titled_name_is_found_by_plain_reordered_and_variant_spellings(persona, fauzi, text):
    result = search(persona("bawaslu_oku"), text)
    top = {h.asn.nip: h for h in result.hits[:5]}
    assert FAUZI in top, text
    assert top[FAUZI].reasons and top[FAUZI].score >= 75


def test_reordered_words_say_so(persona, fauzi):
    hit = next(h for h in search(persona("bkn"), "fauzi ahmad").hits if h.asn.nip == FAUZI)
    assert hit.score >= 90 and "urutan" in hit.reasons[0]


def test_a_nip_with_spaces_is_matched_exactly(persona, fauzi):
    result = search(persona("ppk_oku"), "19860926 201505 1 001")
    assert (result.by, nips(result)) == ("nip", [FAUZI])


def test_outside_the_jurisdiction_nothing_is_found(persona, fauzi):
    assert FAUZI not in nips(search(persona("bawaslu_langsa"), "ahmad fauzi"))
    assert nips(search(persona("bawaslu_langsa"), FAUZI)) == []
    assert FAUZI not in nips(search(persona("ppk_langsa"), "", limit=10_000))
    assert PEOPLE[3][0] in nips(search(persona("ppk_langsa"), "", limit=10_000))


def test_filters_narrow_by_kind_and_region(persona, fauzi):
    user = persona("bkn")
    assert FAUZI in nips(search(user, "", Filters(region="16.01", kind="fungsional")))
    assert FAUZI not in nips(search(user, "", Filters(region="16.71")))
    assert FAUZI in nips(search(user, "ahmad", Filters(agency="16.01")))


@pytest.mark.parametrize("text", ["ahmd fauzi", "fauzi ahmd", "ahmad fuzi"])
def test_a_letter_dropped_from_one_word_still_finds_the_person(persona, fauzi, text):
    assert FAUZI in nips(search(persona("bkn"), text))[:5], text


def test_a_new_or_renamed_asn_brings_its_words_to_the_spellings(persona, fauzi):
    from netral.registry.search import spellings
    from netral.registry.services import asn_update

    assert "fauzi" in spellings("fauzy")
    assert "rusdiyanto" not in spellings("rusdianto")
    asn_update(
        actor=persona("ppk_oku"), nip=FAUZI, changes={"name": "Dr. H. Ahmad Rusdiyanto, S.Pd."}
    )
    assert "rusdiyanto" in spellings("rusdianto")
    assert FAUZI in nips(search(persona("bkn"), "ahmad rusdianto"))
