"""Two officers move the same case at the same moment: one wins, the other gets a conflict."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from netral.cases.models import Case
from netral.cases.services.transition import VersionConflict, case_transition
from netral.cases.states import State as S
from tests.cases.helpers import open_oku_case, user

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only(transactional_demo: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers")


def test_two_concurrent_transitions_one_wins_and_the_other_gets_a_conflict(
    api_client_for: Any,
) -> None:
    case = open_oku_case()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(username: str) -> None:
        try:
            actor = user(username)
            barrier.wait()
            case_transition(case_id=case.pk, actor=actor, to=S.PRELIMINARY_REVIEW, version=1)
            outcomes.append("won")
        except VersionConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=("bawaslu_oku",)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "won"]
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version) == (S.PRELIMINARY_REVIEW, 2)
    assert fresh.transitions.filter(to_state=S.PRELIMINARY_REVIEW).count() == 1


def test_the_api_answers_409_to_the_loser(api_client_for: Any) -> None:
    case = open_oku_case()
    clients = [api_client_for("bawaslu_oku") for _ in range(2)]
    barrier = threading.Barrier(2)
    codes: list[int] = []

    def attempt(client: Any) -> None:
        try:
            barrier.wait()
            codes.append(
                client.post(
                    f"/api/v1/cases/{case.pk}/transitions",
                    {"to": "preliminary_review", "version": 1},
                    content_type="application/json",
                ).status_code
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [200, 409]
