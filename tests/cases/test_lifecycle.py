"""The full lifecycle through the services, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from netral.audit.models import AuditEntry
from netral.cases.models import Escalation, Recommendation
from netral.cases.states import PIPELINE
from netral.cases.states import State as S
from tests.cases.helpers import drive, open_oku_case, path_to_sanction

pytestmark = pytest.mark.django_db


def test_a_report_goes_from_received_to_closed_with_a_clock_and_an_audit_entry_per_step() -> None:
    case = drive(open_oku_case(), S.CLOSED)
    assert case.state == S.CLOSED
    assert [t.to_state for t in case.transitions.all()] == [
        S.RECEIVED,
        *[step[1] for step in path_to_sanction(case)],
    ]
    assert case.version == 1 + len(path_to_sanction(case))
    subject = case.subjects.get()
    assert subject.outcome == "proven" and subject.sk_number.startswith("800/")
    assert subject.recommended_level == "berat"
    assert case.stages.filter(completed_at__isnull=True).count() == 0
    ppk_letter = Recommendation.objects.get(case=case, kind="to_ppk")
    assert ppk_letter.due is not None and ppk_letter.due_is_default
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="case.transition").count() == 10
    assert not Escalation.objects.filter(case=case).exists()
    assert all(t.to_state in PIPELINE for t in case.transitions.all())
