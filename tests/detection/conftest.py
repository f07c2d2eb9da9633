"""Detection tests use the team's own election files (tests/detection/elections/) and texts the
team wrote; never corpus rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from netral.detection.detector import Detector
from netral.detection.elections import Election, load_election, load_elections

ELECTIONS = Path(__file__).parent / "elections"


@pytest.fixture(scope="session")
def test_elections() -> list[Election]:
    return load_elections(sorted(ELECTIONS.glob("*.yaml")))


@pytest.fixture(scope="session")
def pilpres_2019() -> Election:
    return load_election(ELECTIONS / "pilpres-2019.yaml")


@pytest.fixture(scope="session")
def detector(test_elections: list[Election]) -> Detector:
    return Detector(elections=test_elections)
