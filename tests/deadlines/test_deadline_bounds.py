"""A start date at the edge of the calendar is a 422 naming the field, not a 500."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "kind=pemilu&stage=decision&start=9999-12-30",
        "kind=pilkada&stage=ppk_follow_up&start=9999-12-30&days=365",
    ],
)
def test_a_due_date_past_the_calendar_is_refused_by_field(query: str, anon: Client) -> None:
    answer = anon.get(f"/api/v1/deadlines/compute?{query}")
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["start"]


def test_the_deadline_command_refuses_it_too() -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--from"):
        call_command("deadline", "--kind=pemilu", "--stage=decision", "--from=9999-12-30")
