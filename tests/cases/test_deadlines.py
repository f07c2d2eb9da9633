"""Each stage's clock comes from the deadline engine and skips Indonesian holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from netral.cases.states import DocumentKind as D
from netral.cases.states import State as S
from netral.elections.models import Election
from tests.cases.helpers import move, open_oku_case, upload

pytestmark = pytest.mark.django_db


def test_a_pemilu_case_received_before_lebaran_2024_gets_its_review_due_after_the_holidays() -> (
    None
):
    # 5 Apr 2024 is a Friday; 8–15 Apr are Idul Fitri and cuti bersama; so the two working days
    # of the kajian awal are 16 and 17 April.
    case = open_oku_case(
        election=Election.objects.get(code="pemilu-2024"),
        incident_date=dt.date(2024, 4, 3),
        received_on=dt.date(2024, 4, 5),
    )
    review = case.stages.get(stage="preliminary_review")
    assert review.due == dt.date(2024, 4, 17)
    assert review.working_days


def test_registration_starts_the_decision_clock_and_extension_adds_working_days() -> None:
    case = open_oku_case(
        election=Election.objects.get(code="pemilu-2024"),
        incident_date=dt.date(2024, 4, 3),
        received_on=dt.date(2024, 4, 5),
    )
    move(case, "bawaslu_oku", S.PRELIMINARY_REVIEW, date="2024-04-16")
    upload(case, "bawaslu_oku", D.PRELIMINARY_REVIEW)
    move(case, "bawaslu_oku", S.REGISTERED, date="2024-04-16")
    decision = case.stages.get(stage="decision", completed_at__isnull=True)
    assert decision.due == dt.date(2024, 4, 25)  # 7 working days: 17–19, 22–25 April
    move(case, "bawaslu_oku", S.EXAMINATION, date="2024-04-17")
    move(case, "bawaslu_oku", S.EXAMINATION, date="2024-04-25", note="Butuh keterangan saksi")
    extension = case.stages.get(completed_at__isnull=True)
    assert extension.stage == "decision_extension" and extension.extended
    # 14 working days after 25 April skip 1 May (Labour Day), 9 May (Ascension) and
    # 10 May (cuti bersama).
    assert extension.due == dt.date(2024, 5, 20)
    assert case.stages.get(stage="decision").completed_at is not None


def test_a_pilkada_case_counts_calendar_days() -> None:
    case = open_oku_case(
        election=Election.objects.get(code="pilbup-oku-2024"),
        incident_date=dt.date(2024, 10, 10),
        received_on=dt.date(2024, 10, 11),
    )
    review = case.stages.get()
    assert review.due == dt.date(2024, 10, 13) and not review.working_days
