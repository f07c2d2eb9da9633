"""NIP PNS and NI PPPK: what a valid one encodes is read back exactly, and every kind of broken
one is refused with a sentence naming the broken part (property tests)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netral.registry.identifiers import FEMALE, MALE, PNS, PPPK, decode, nip_problem

TODAY = dt.date(2025, 6, 1)
births = st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2004, 12, 31))
genders = st.sampled_from("12")
sequences = st.integers(min_value=1, max_value=999)


@st.composite
def pns_nips(draw):
    born = draw(births)
    year = draw(st.integers(min_value=born.year + 18, max_value=min(born.year + 45, 2025)))
    month = draw(st.integers(min_value=1, max_value=12 if year < 2025 else 5))
    gender, seq = draw(genders), draw(sequences)
    return f"{born:%Y%m%d}{year}{month:02d}{gender}{seq:03d}", born, year, month, gender


@st.composite
def pppk_nips(draw):
    born = draw(births)
    year = draw(
        st.integers(min_value=max(born.year + 20, 2019), max_value=min(born.year + 60, 2025))
    )
    contracts = draw(st.integers(min_value=1, max_value=9))
    gender, seq = draw(genders), draw(sequences)
    return f"{born:%Y%m%d}{year}2{contracts}{gender}{seq:03d}", born, year, contracts, gender


@given(pns_nips())
def test_a_valid_nip_pns_decodes_to_what_it_encodes(sample):
    nip, born, year, month, gender = sample
    facts = decode(nip, today=TODAY)
    assert (
        facts.employment_type,
        facts.birth_date,
        facts.appointment_year,
        facts.appointment_month,
    ) == (PNS, born, year, month)
    assert facts.gender == (MALE if gender == "1" else FEMALE)


@given(pppk_nips())
def test_a_valid_ni_pppk_decodes_as_pppk_with_its_contracts(sample):
    nip, born, year, contracts, gender = sample
    facts = decode(nip, today=TODAY)
    assert (
        facts.employment_type,
        facts.birth_date,
        facts.appointment_year,
        facts.appointment_month,
        facts.contracts,
    ) == (PPPK, born, year, None, contracts)
    assert facts.gender == (MALE if gender == "1" else FEMALE)


@given(pns_nips(), st.sampled_from(" .-"))
def test_separators_people_write_do_not_matter(sample, sep):
    nip = sample[0]
    spaced = sep.join([nip[:8], nip[8:14], nip[14], nip[15:]])
    assert nip_problem(spaced, today=TODAY) is None
    assert decode(spaced, today=TODAY).nip == nip


@given(pns_nips(), st.sampled_from("03456789"))
def test_a_gender_digit_other_than_1_or_2_is_refused(sample, digit):
    nip = sample[0]
    broken = nip[:14] + digit + nip[15:]
    assert "jenis kelamin" in (nip_problem(broken, today=TODAY) or "")


@given(pns_nips(), st.integers(min_value=13, max_value=20))
def test_an_appointment_month_that_is_no_month_is_refused(sample, month):
    nip = sample[0]
    broken = nip[:12] + f"{month:02d}" + nip[14:]
    assert "bulan pengangkatan" in (nip_problem(broken, today=TODAY) or "")


@given(pns_nips(), st.integers(min_value=1, max_value=17))
def test_a_nip_of_the_wrong_length_is_refused_with_its_length(sample, cut):
    short = sample[0][:-cut]
    assert f"yang diisi {len(short)} angka" in (nip_problem(short, today=TODAY) or "")


@given(pns_nips(), st.integers(min_value=-16, max_value=-1))
def test_an_appointment_before_age_17_is_implausible(sample, years_before):
    nip, born = sample[0], sample[1]
    year = born.year + 17 + years_before
    broken = nip[:8] + str(year) + nip[12:]
    assert "tidak masuk akal" in (nip_problem(broken, today=TODAY) or "")


@pytest.mark.parametrize("birth", ["19860230", "19861301", "19860000", "20260101"])
def test_a_birth_date_that_is_no_date_or_in_the_future_is_refused(birth):
    problem = nip_problem(f"{birth}201505 1 001", today=TODAY)
    assert problem is not None and ("tanggal" in problem.lower())


def test_a_spreadsheet_number_is_not_a_nip():
    assert "hanya berisi angka" in (nip_problem("1.98609E+17", today=TODAY) or "")


def test_decode_refuses_an_empty_nip():
    with pytest.raises(ValueError, match="kosong"):
        decode("  ")
