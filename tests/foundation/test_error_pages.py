"""404 and 500 are Netral pages in the user's language, not Django's raw English ones; the API
keeps answering JSON."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title"), [("id", "Halaman tidak ditemukan"), ("en", "Page not found")]
)
def test_the_404_page_is_styled_in_the_chosen_language(language: str, title: str) -> None:
    client = Client(headers={"accept-language": language})
    client.cookies["django_language"] = language
    response = client.get("/tidak-ada-halaman-ini/")
    page = response.content.decode()
    assert response.status_code == 404
    assert 'data-testid="not-found"' in page and title in page
    assert "The requested resource was not found" not in page


def test_a_staff_404_keeps_the_staff_menu(client_for: Any) -> None:
    response = client_for("inspektorat_oku").get("/staf/perkara/temuan-baru/")
    assert response.status_code == 404
    assert 'data-testid="not-found"' in response.content.decode()
    assert "inspektorat_oku" in response.content.decode()


def test_the_api_404_stays_json() -> None:
    response = Client().get("/api/v1/tidak-ada")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_the_500_page_is_netrals() -> None:
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert 'data-testid="server-error"' in response.content.decode()
    assert "Terjadi gangguan" in response.content.decode()
