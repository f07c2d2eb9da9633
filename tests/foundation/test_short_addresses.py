"""Addresses people and browsers type without following a link: the site's icon and the quiz's
short address answer instead of a 404 (a browser's console showed one on every first page)."""

from __future__ import annotations

from pathlib import Path

from django.test import Client

import netral

STATIC = Path(netral.__file__).parent / "web" / "static"


def test_favicon_leads_to_the_icon_every_page_names(db) -> None:
    answer = Client().get("/favicon.ico")
    assert answer.status_code == 301
    target = answer["Location"]
    assert target.endswith("web/favicon.svg") and (STATIC / "web" / "favicon.svg").is_file()
    assert f'rel="icon" href="{target}"' in Client().get("/").content.decode()


def test_the_quiz_short_address_opens_practice(db) -> None:
    answer = Client().get("/kuis/")
    assert answer.status_code == 302 and answer["Location"] == "/kuis/latihan/"
