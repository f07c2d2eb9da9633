from __future__ import annotations

import dataclasses
import datetime as dt

from netral.detection.detector import Detector
from netral.detection.elections import Election
from netral.detection.violations import catalogue_phases, phase_for, violation_codes


def test_before_candidate_determination_a_post_points_to_ethics_items() -> None:
    assert violation_codes(phase="before") == ["E2", "E4"]


def test_after_determination_it_points_to_discipline_and_pp94_items() -> None:
    assert violation_codes(phase="after") == ["D2", "D6", "PP94-5n-5", "PP94-5n-6"]


def test_a_finger_sign_or_photo_adds_the_photo_item() -> None:
    assert violation_codes(phase="before", symbol=True) == ["E2", "E4", "E5"]
    assert "D7" in violation_codes(phase="after", symbol=True)


def test_without_a_known_election_both_phases_are_listed() -> None:
    assert violation_codes(phase=None)[:4] == ["E2", "E4", "D2", "D6"]


def test_the_phase_turns_on_the_determination_day(pilpres_2019: Election) -> None:
    assert phase_for(pilpres_2019, dt.date(2018, 9, 19)) == "before"
    assert phase_for(pilpres_2019, dt.date(2018, 9, 20)) == "after"


def test_a_dated_post_gets_the_codes_of_its_phase(pilpres_2019: Election) -> None:
    detector = Detector(elections=[pilpres_2019])
    text = "Ayo coblos Prabowo-Sandi nomor 2 ✌️"
    early = detector.detect(text, dt.date(2018, 9, 1))
    late = detector.detect(text, dt.date(2019, 4, 10))
    assert early.violations == ["E2", "E4", "E5"]
    assert late.violations == ["D2", "D6", "D7", "PP94-5n-5", "PP94-5n-6"]


def test_an_election_without_a_determination_date_has_an_unknown_phase(
    pilpres_2019: Election,
) -> None:
    """As the phase resolver says: the date is not in the data, so either phase may apply."""
    undated = dataclasses.replace(
        pilpres_2019, stages={**pilpres_2019.stages, "candidate_determination": None}
    )
    assert phase_for(undated, dt.date(2019, 4, 10)) == "unknown"
    codes = (
        Detector(elections=[undated])
        .detect("Ayo coblos Prabowo-Sandi nomor 2 ✌️", dt.date(2019, 4, 10))
        .violations
    )
    assert {"E2", "E4", "D2", "D6"} <= set(codes)


def test_each_item_applies_in_the_catalogues_phase() -> None:
    """One phase mapping: the catalogue's data file says when each item applies."""
    phases = catalogue_phases()
    assert all(phases[code] == ("before",) for code in violation_codes(phase="before"))
    assert all(phases[code] == ("after",) for code in violation_codes(phase="after"))
