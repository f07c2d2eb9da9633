"""Target of support or merely talked about (the guide's hard kinds): team-written texts only."""

from __future__ import annotations

import pytest

from netral.detection.detector import Detector, model_input


def test_abuse_with_no_election_reference_is_marked_as_such(detector: Detector) -> None:
    a = detector.analyse("Jokowi bodoh, urus harga beras saja tidak becus")
    assert a.flags["attack"] and not a.flags["election_context"]
    assert a.flags["abuse_no_election"]


def test_the_same_abuse_in_an_election_contest_is_not(detector: Detector) -> None:
    a = detector.analyse("Jokowi bodoh, jangan pilih lagi di pilpres 2019")
    assert a.flags["election_context"] and not a.flags["abuse_no_election"]


def test_a_question_addressed_to_a_candidate(detector: Detector) -> None:
    a = detector.analyse("Pak Prabowo, bagaimana nasib guru honorer kalau bapak terpilih?")
    assert a.flags["addressed"] and a.flags["question_to"]


def test_a_question_with_a_call_to_vote_is_not_a_plain_question(detector: Detector) -> None:
    a = detector.analyse("Pak Prabowo pasti menang kan? Ayo coblos 02!")
    assert a.flags["addressed"] and not a.flags["question_to"]


def test_an_opinion_on_a_programme_without_a_verdict(detector: Detector) -> None:
    a = detector.analyse("Makan siang gratis dari Prabowo butuh anggaran besar, dananya dari mana")
    assert a.flags["programme_talk"] and a.flags["programme_no_verdict"]
    b = detector.analyse("Program gratis Prabowo omong kosong #2019GantiPresiden")
    assert b.flags["programme_talk"] and not b.flags["programme_no_verdict"]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Jokowi hebat lanjutkan #JokowiLagi", "zzcalon hebat lanjutkan zztagar zzcalon lagi"),
        ("Ayo menangkan Khofifah-Emil", "ayo menangkan zzcalon"),
        ("Pak Prabowo Subianto, kapan ke Jember?", "bapak zzcalon kapan ke jember"),
    ],
)
def test_the_model_reads_placeholders_instead_of_contestants_names(
    detector: Detector, text: str, masked: str
) -> None:
    # What the model learns about "zzcalon hebat" carries over to an election it never saw.
    assert model_input(detector.analyse(text)) == masked
