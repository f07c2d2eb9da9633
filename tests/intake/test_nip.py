"""The NIP check names what is wrong, and an empty NIP is never a problem."""

from __future__ import annotations

import datetime as dt

import pytest

from netral.intake.nip import nip_problem

TODAY = dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    "nip", ["", "198609262015051001", "1986 0926 201505 1 001", "200012312024211001"]
)
def test_valid_or_absent_nip_is_accepted(nip: str) -> None:
    assert nip_problem(nip, today=TODAY) is None


@pytest.mark.parametrize(
    ("nip", "says"),
    [
        ("19860926201505100", "18 angka; yang diisi 17"),
        ("19860926A01505100", "hanya berisi angka"),
        ("19861326201505100" + "1", "tanggal lahir yang sah"),
        ("198609262015131001", "bulan pengangkatan"),
        ("198609262015053001", "Digit ke-15 (jenis kelamin)"),
        ("198609262015051000", "nomor urut"),
        ("198609261990051001", "tidak masuk akal"),
    ],
)
def test_invalid_nip_message_names_the_wrong_part(nip: str, says: str) -> None:
    problem = nip_problem(nip, today=TODAY)
    assert problem is not None and says in problem
