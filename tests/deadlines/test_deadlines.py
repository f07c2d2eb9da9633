"""Each deadline rule across weekends and holidays, Idul Fitri 2024 with its cuti bersama."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from netral.deadlines.engine import (
    DeadlineState,
    NoDeadlineRule,
    compute_deadline,
    deadline_state,
)
from netral.deadlines.models import CutiBersama, DeadlineRule
from netral.deadlines.workdays import WorkingCalendar

pytestmark = pytest.mark.django_db

D = date


def test_idul_fitri_2024_holidays_and_cuti_bersama_are_closed_days():
    calendar = WorkingCalendar(D(2024, 4, 1), D(2024, 4, 30))
    closed = {d: calendar.closed_reason(D(2024, 4, d)) for d in range(5, 17)}
    assert closed[5] is None and closed[16] is None
    assert [d for d, why in closed.items() if why and why.startswith("cuti bersama")] == [
        8,
        9,
        12,
        15,
    ]
    assert str(closed[10]).startswith("libur nasional")
    assert str(closed[11]).startswith("libur nasional")
    assert str(closed[6]).startswith("akhir pekan")


# (kind, stage, start, extended, expected due): every rule, each across a weekend or holiday.
CASES = [
    # Pemilu, working days: Fri 5 Apr 2024 → skips Idul Fitri 8–15 Apr and a weekend.
    ("pemilu", "report_window", D(2024, 4, 5), False, D(2024, 4, 24)),
    ("pemilu", "preliminary_review", D(2024, 4, 5), False, D(2024, 4, 17)),
    ("pemilu", "completion", D(2024, 4, 5), False, D(2024, 4, 18)),
    ("pemilu", "decision", D(2024, 4, 5), False, D(2024, 4, 24)),
    ("pemilu", "decision", D(2024, 4, 5), True, D(2024, 5, 6)),
    ("pemilu", "decision_extension", D(2024, 4, 5), False, D(2024, 5, 6)),
    # Election day 14 Feb 2024 is a national holiday: Tue 13 Feb + 2 working days = Fri 16 Feb.
    ("pemilu", "preliminary_review", D(2024, 2, 13), False, D(2024, 2, 16)),
    # Calendar days: weekends and holidays count.
    ("pemilu", "authority_verification", D(2024, 4, 5), False, D(2024, 4, 12)),
    ("pemilu", "ppk_follow_up", D(2024, 4, 5), False, D(2024, 4, 19)),
    ("pilkada", "report_window", D(2024, 4, 5), False, D(2024, 4, 12)),
    ("pilkada", "preliminary_review", D(2024, 4, 5), False, D(2024, 4, 7)),
    ("pilkada", "completion", D(2024, 4, 5), False, D(2024, 4, 8)),  # 3 days before 30 Sep
    ("pilkada", "completion", D(2024, 11, 29), False, D(2024, 12, 1)),  # 2×24 h after
    ("pilkada", "decision", D(2024, 11, 22), False, D(2024, 11, 25)),
    ("pilkada", "decision", D(2024, 11, 22), True, D(2024, 11, 27)),
    ("pilkada", "decision_extension", D(2024, 11, 22), False, D(2024, 11, 27)),
    ("pilkada", "authority_verification", D(2024, 12, 20), False, D(2024, 12, 27)),
    ("pilkada", "ppk_follow_up", D(2024, 12, 20), False, D(2025, 1, 3)),
]


@pytest.mark.parametrize(
    ("kind", "stage", "start", "extended", "due"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{c[2]}{'-ext' if c[3] else ''}" for c in CASES],
)
def test_every_rule_gives_the_expected_due_date(kind, stage, start, extended, due):
    deadline = compute_deadline(kind=kind, stage=stage, start=start, extended=extended)
    assert deadline.due == due
    assert deadline.working_days == (deadline.rule.unit == "working_days")


def test_every_shipped_rule_is_covered_by_a_case():
    covered = {(k, s) for k, s, *_ in CASES}
    assert covered == set(DeadlineRule.objects.values_list("kind", "stage"))


def test_the_decision_explanation_lists_each_skipped_day_and_why():
    deadline = compute_deadline(kind="pemilu", stage="decision", start=D(2024, 4, 5))
    skipped = dict(deadline.skipped)
    assert skipped[D(2024, 4, 8)] == "cuti bersama: Cuti Bersama Hari Raya Idul Fitri"
    assert skipped[D(2024, 4, 10)].startswith("libur nasional: Hari Raya Idul Fitri")
    assert "Senin 2024-04-15: cuti bersama" in deadline.explanation
    assert deadline.unconfirmed and "BELUM DIKONFIRMASI" in deadline.explanation


def test_confirmed_rules_are_not_flagged():
    deadline = compute_deadline(kind="pilkada", stage="decision", start=D(2024, 11, 22))
    assert not deadline.unconfirmed and "Pasal 134 ayat (5)" in deadline.explanation


def test_a_recommendation_letters_own_deadline_overrides_the_default():
    deadline = compute_deadline(
        kind="pilkada", stage="ppk_follow_up", start=D(2024, 12, 20), days=10
    )
    assert deadline.due == D(2024, 12, 30) and "ditentukan sendiri (10)" in deadline.explanation


def test_editing_cuti_bersama_moves_a_working_day_deadline():
    before = compute_deadline(kind="pemilu", stage="preliminary_review", start=D(2024, 4, 16))
    CutiBersama.objects.create(date=D(2024, 4, 17), name="Cuti tambahan (uji)")
    after = compute_deadline(kind="pemilu", stage="preliminary_review", start=D(2024, 4, 16))
    assert (before.due, after.due) == (D(2024, 4, 18), D(2024, 4, 19))


def test_no_rule_in_force_is_an_error():
    DeadlineRule.objects.filter(kind="pilkada", stage="completion").delete()
    with pytest.raises(NoDeadlineRule, match="kind=pilkada stage=completion"):
        compute_deadline(kind="pilkada", stage="completion", start=D(2024, 4, 5))
    with pytest.raises(NoDeadlineRule, match="unknown stage"):
        compute_deadline(kind="pilkada", stage="sanction", start=D(2024, 4, 5))


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (D(2024, 4, 23), DeadlineState.RUNNING),
        (D(2024, 4, 24), DeadlineState.DUE_TODAY),
        (D(2024, 4, 25), DeadlineState.OVERDUE),
    ],
)
def test_deadline_state_running_due_today_overdue(today, state):
    deadline = compute_deadline(kind="pemilu", stage="decision", start=D(2024, 4, 5))
    assert deadline_state(deadline, today) == state
    assert deadline_state(deadline.due, today) == state


def test_cli_prints_due_date_and_skipped_days(capsys):
    call_command(
        "deadline",
        "--kind",
        "pemilu",
        "--stage",
        "decision",
        "--from",
        "2024-04-05",
        "--today",
        "2024-04-25",
    )
    out = capsys.readouterr().out
    assert out.startswith("due: 2024-04-24")
    assert "state on 2024-04-25: overdue" in out
    assert "Jumat 2024-04-12: cuti bersama" in out and "Kamis 2024-04-11: libur nasional" in out


def test_api_computes_a_deadline_and_rejects_unknown_stage(anon):
    data = anon.get(
        "/api/v1/deadlines/compute?kind=pemilu&stage=decision&start=2024-04-05&today=2024-04-24"
    ).json()
    assert (data["due"], data["state"], data["unconfirmed"]) == ("2024-04-24", "due_today", True)
    assert {"date": "2024-04-09", "reason": "cuti bersama: Cuti Bersama Hari Raya Idul Fitri"} in (
        data["skipped"]
    )
    bad = anon.get("/api/v1/deadlines/compute?kind=pemilu&stage=sanksi&start=2024-04-05")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "stage"


def test_shipped_cuti_bersama_cover_2019_to_2026():
    years = set(CutiBersama.objects.dates("date", "year").values_list("date__year", flat=True))
    assert years >= set(range(2019, 2027))
