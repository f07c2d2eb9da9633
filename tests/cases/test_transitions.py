"""The transition table is the law of the case: anything else is refused, with the allowed list."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from netral.cases.models import Case
from netral.cases.services.transition import TransitionRefused, case_transition
from netral.cases.states import State as S
from netral.cases.transitions import MOVES, allowed_targets
from tests.cases.helpers import move, open_oku_case, user

pytestmark = pytest.mark.django_db

LEGAL = {(m.source, m.target) for m in MOVES}
ILLEGAL = [(a, b) for a in S.values for b in [*S.values, "nonsense"] if (a, b) not in LEGAL]


def test_the_table_has_the_pipeline_and_nothing_leaves_closed() -> None:
    assert allowed_targets(S.CLOSED) == []
    assert set(allowed_targets(S.PRELIMINARY_REVIEW)) == {
        S.NEEDS_COMPLETION,
        S.REGISTERED,
        S.NOT_REGISTERED,
        S.FORWARDED,
    }


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_every_illegal_transition_is_refused_with_the_allowed_next_states(
    source: str, target: str
) -> None:
    case = open_oku_case()
    Case.objects.filter(pk=case.pk).update(state=source)
    with pytest.raises(TransitionRefused) as refused:
        case_transition(case_id=case.pk, actor=user("bawaslu_oku"), to=target, version=case.version)
    assert refused.value.allowed == allowed_targets(source)
    assert Case.objects.get(pk=case.pk).state == source
    assert Case.objects.get(pk=case.pk).version == case.version


@pytest.mark.parametrize(
    ("who", "to"),
    [
        ("ppk_oku", S.PRELIMINARY_REVIEW),
        ("analyst", S.PRELIMINARY_REVIEW),
        ("monitor_oku", S.PRELIMINARY_REVIEW),
        ("bawaslu_palembang", S.PRELIMINARY_REVIEW),
    ],
)
def test_people_without_the_role_or_the_case_cannot_move_it(who: str, to: str) -> None:
    case = open_oku_case()
    with pytest.raises((PermissionDenied, Http404)) as refused:
        case_transition(case_id=case.pk, actor=user(who), to=to, version=case.version)
    assert not isinstance(refused.value, TransitionRefused)
    assert Case.objects.get(pk=case.pk).state == S.RECEIVED


def test_registration_needs_the_preliminary_review_form_on_file() -> None:
    case = move(open_oku_case(), "bawaslu_oku", S.PRELIMINARY_REVIEW)
    with pytest.raises(ValidationError) as missing:
        move(case, "bawaslu_oku", S.REGISTERED)
    assert "documents" in missing.value.message_dict
    assert Case.objects.get(pk=case.pk).state == S.PRELIMINARY_REVIEW


def test_a_note_is_required_to_ask_the_reporter_for_completion() -> None:
    case = move(open_oku_case(), "bawaslu_oku", S.PRELIMINARY_REVIEW)
    with pytest.raises(ValidationError) as missing:
        move(case, "bawaslu_oku", S.NEEDS_COMPLETION)
    assert "note" in missing.value.message_dict
    case = move(case, "bawaslu_oku", S.NEEDS_COMPLETION, note="Lengkapi bukti foto")
    assert case.stages.get(completed_at__isnull=True).stage == "completion"
