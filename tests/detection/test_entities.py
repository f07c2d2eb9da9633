from __future__ import annotations

import datetime as dt

from netral.detection.detector import Detector
from netral.detection.elections import SHIPPED_DIR, Election, shipped_elections
from netral.detection.entities import Matcher


def mentions(matcher: Matcher, text: str) -> list[tuple[str, int | None, str, str]]:
    found = matcher.match(matcher.normalizer.tokens(text))
    return [(m.election, m.number, m.how, text[m.start : m.end]) for m in found]


def test_names_aliases_hashtags_and_numbers_match_their_contestant(
    test_elections: list[Election],
) -> None:
    m = Matcher(test_elections)
    found = mentions(m, "Pak Prabowo dan Bang Sandi #2019GantiPresiden, coblos 02")
    assert ("pilpres-2019", 2, "name", "Prabowo") in found
    assert ("pilpres-2019", 2, "hashtag", "#2019GantiPresiden") in found
    assert ("pilpres-2019", 2, "number", "02") in found


def test_misspelt_names_match_by_fuzzy_matching(test_elections: list[Election]) -> None:
    m = Matcher(test_elections)
    assert ("pilkada-jatim-2024", 2, "fuzzy", "Khofifa") in mentions(m, "Bu Khofifa mantap")


def test_common_words_are_not_taken_for_names(test_elections: list[Election]) -> None:
    # "amin" (a prayer) is part of Ma'ruf Amin's name but not an alias on its own.
    m = Matcher(test_elections)
    assert mentions(m, "Semoga lancar, amin ya rabbal alamin") == []


def test_the_post_date_picks_between_elections_sharing_a_name(
    test_elections: list[Election],
) -> None:
    m = Matcher(test_elections)
    found = m.match(m.normalizer.tokens("Prabowo hebat"))
    picked = [m.pick_election(found, day) for day in (dt.date(2019, 3, 1), dt.date(2024, 1, 10))]
    assert [e.code if e else None for e in picked] == ["pilpres-2019", "pemilu-2024"]


def test_with_one_election_only_its_contestants_are_known(pilpres_2019: Election) -> None:
    m = Matcher([pilpres_2019])
    assert mentions(m, "Khofifah hebat") == []
    assert mentions(m, "Jokowi hebat")[0][:2] == ("pilpres-2019", 1)


def test_without_an_election_file_the_detector_knows_every_shipped_election() -> None:
    files = sorted(SHIPPED_DIR.glob("*.yaml"))
    shipped = shipped_elections()
    assert len(shipped) == len(files) > 0
    detector = Detector()
    assert {e.code for e in detector.elections} == {e.code for e in shipped}
    result = detector.detect("Ayo menangkan Khofifah-Emil!", dt.date(2024, 11, 1))
    assert result.election is not None and "jatim" in result.election


def test_election_choice_is_reported_with_the_result(detector: Detector) -> None:
    result = detector.detect("Ayo coblos Luluk-Lukman nomor 1, menangkan bu Luluk!")
    assert result.election == "pilkada-jatim-2024"


def test_the_region_a_text_names_picks_its_election() -> None:
    # "Pilkada OKU" names no contestant; ballot number 2 and Golkar are in other races too.
    detector = Detector()
    text = "Pilkada OKU: ayo coblos nomor 2, Golkar pasti menang!"
    assert detector.detect(text, dt.date(2024, 11, 1)).election == "pilbup-oku-2024"
    assert detector.detect("Ayo coblos nomor 2 di Pilgub Jatim").election == "pilgub-jatim-2024"
    assert detector.detect("Dukung PKB di Pilkada Ogan Komering Ulu").election == (
        "pilbup-oku-2024"
    )


def test_a_region_does_not_outweigh_a_contestant_named() -> None:
    detector = Detector()
    result = detector.detect("Prabowo hebat, salam dari Jakarta", dt.date(2024, 1, 10))
    assert result.election == "pemilu-2024"


def test_a_text_naming_no_contestant_or_region_takes_the_election_in_season(
    test_elections: list[Election],
) -> None:
    m = Matcher(test_elections)
    days = (dt.date(2019, 3, 1), dt.date(2019, 3, 1), dt.date(2010, 1, 1), None)
    # Asked twice for the same day (the answer is kept), before any season, and undated.
    picked = [m.pick_election([], day, (), ("pilpres",)) for day in days]
    assert [e.code if e else None for e in picked] == ["pilpres-2019", "pilpres-2019", None, None]
