"""`netral sweep`: overdue marks, reminders and PPK escalation, and running it twice is a no-op."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netral.cases.models import CaseStage, Escalation
from netral.cases.services.sweep import sweep
from netral.cases.states import State as S
from tests.cases.helpers import drive, open_oku_case

pytestmark = pytest.mark.django_db


def _late_ppk_case(days_late: int):
    case = drive(open_oku_case(), S.RECOMMENDED_TO_PPK)
    stage = case.stages.get(stage="ppk_follow_up", completed_at__isnull=True)
    today = stage.due + dt.timedelta(days=days_late)
    return case, stage, today


def test_a_ppk_past_its_deadline_is_escalated_step_by_step_and_a_second_run_changes_nothing() -> (
    None
):
    case, _stage, today = _late_ppk_case(3)
    sweep(today=today)
    assert list(Escalation.objects.filter(case=case).values_list("step", flat=True)) == ["reminder"]
    sweep(today=today + dt.timedelta(days=11))
    assert set(Escalation.objects.filter(case=case).values_list("step", flat=True)) == {
        "reminder",
        "block_request",
        "noncompliant",
    }
    assert case.subjects.get().personnel_block_requested_at is not None
    before = (
        Escalation.objects.count(),
        list(CaseStage.objects.values_list("overdue_marked_at", "reminder_sent_at").order_by("pk")),
    )
    second = sweep(today=today + dt.timedelta(days=11))
    assert second.changed == 0
    assert before == (
        Escalation.objects.count(),
        list(CaseStage.objects.values_list("overdue_marked_at", "reminder_sent_at").order_by("pk")),
    )


def test_the_late_ppk_shows_on_the_non_compliance_list_after_the_sweep_command(
    client_for: Callable[[str], Client],
) -> None:
    case, stage, _today = _late_ppk_case(0)
    CaseStage.objects.filter(pk=stage.pk).update(due=timezone.localdate() - dt.timedelta(days=20))
    call_command("sweep")
    page = client_for("inspektorat_oku").get(reverse("cases:noncompliant")).content.decode()
    assert "Pemerintah Kabupaten Ogan Komering Ulu" in page and case.number in page
    other = client_for("ppk_langsa").get(reverse("cases:noncompliant")).content.decode()
    assert case.number not in other


def test_a_running_clock_is_reminded_once_the_day_before_it_runs_out() -> None:
    case = open_oku_case()
    stage = case.stages.get()
    first = sweep(today=stage.due - dt.timedelta(days=1))
    assert CaseStage.objects.get(pk=stage.pk).reminder_sent_at is not None
    assert first.reminded >= 1
    assert sweep(today=stage.due - dt.timedelta(days=1)).changed == 0


def test_every_reminder_the_sweep_sends_is_in_the_audit_trail() -> None:
    from netral.audit.models import AuditEntry

    case = open_oku_case()
    stage = case.stages.get()
    sweep(today=stage.due - dt.timedelta(days=1))
    entries = AuditEntry.objects.filter(action="case.stage_reminder", object_id=str(case.pk))
    assert [e.data["stage"] for e in entries] == [stage.stage]
    sweep(today=stage.due - dt.timedelta(days=1))
    assert entries.count() == 1  # the second run changes nothing, audits nothing
