"""The self-check page in a real browser: htmx shows the verdict in place, evidence marked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

TEXT = "Ayo coblos Prabowo-Sandi nomor 2 tanggal 17 April! Salam dua jari ✌️ #2019GantiPresiden"


def test_a_pasted_post_gets_a_verdict_with_evidence_and_rules(
        page: Any, screenshot: Callable[[Any, str], Path]) -> None:
    page.goto("/cek/")
    page.fill("#id_text", TEXT)
    page.select_option("#id_election", "pilpres-2019")
    page.fill("#id_posted_at", "2019-04-01")
    page.click("#cek-submit")
    verdict = page.locator(".cek-verdict")
    verdict.wait_for()
    assert page.url.endswith("/cek/")  # updated in place, no navigation
    assert verdict.get_attribute("data-label") == "partisan"
    assert page.locator(".cek-text mark").count() >= 3
    assert "D6" in page.locator(".cek-items").inner_text()
    screenshot(page, "selfcheck_partisan_desktop")


def test_on_a_phone_a_neutral_text_is_cleared(
        phone_page: Any, screenshot: Callable[[Any, str], Path]) -> None:
    phone_page.goto("/cek/")
    phone_page.fill("#id_text", "ASN harus netral. Mari sukseskan Pilkada 2024 yang damai.")
    phone_page.click("#cek-submit")
    verdict = phone_page.locator(".cek-verdict")
    verdict.wait_for()
    assert verdict.get_attribute("data-label") == "not_partisan"
    screenshot(phone_page, "selfcheck_neutral_phone")
