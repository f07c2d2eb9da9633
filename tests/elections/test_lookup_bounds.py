"""A NUL byte in a looked-up code answers 404 on both databases (PostgreSQL would raise)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/catalogue/D3%00",
        "/api/v1/elections/pemilu-2024%00",
        "/api/v1/elections/pemilu-2024%00/phase?date=2024-01-01",
    ],
)
def test_a_nul_in_a_code_is_not_found(url: str, anon: Client) -> None:
    answer = anon.get(url)
    assert answer.status_code == 404
    assert answer.json()["errors"][0]["field"] == "code"
