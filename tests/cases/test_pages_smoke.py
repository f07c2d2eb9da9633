"""The staff pages render for the people who use them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from netral.cases.states import State as S
from tests.cases.helpers import drive, open_oku_case

pytestmark = pytest.mark.django_db


def test_the_case_page_shows_the_countdown_and_the_next_moves(client_for) -> None:
    case = drive(open_oku_case(), S.PRELIMINARY_REVIEW)
    page = client_for("bawaslu_oku").get(reverse("cases:detail", args=[case.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="countdown"' in body
    assert 'data-testid="move-registered"' in body
    for name in (
        "inbox",
        "register",
        "compliance",
        "overdue",
        "noncompliant",
        "export",
        "finding-new",
    ):
        assert client_for("bawaslu_oku").get(reverse(f"cases:{name}")).status_code == 200, name
