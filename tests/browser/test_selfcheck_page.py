"""The self-check page in a real browser: htmx shows the verdict in place, evidence marked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

TEXT = "Ayo coblos Prabowo-Sandi nomor 2 tanggal 17 April! Salam dua jari ✌️ #2019GantiPresiden"


def test_a_pasted_post_gets_a_verdict_with_evidence_and_rules(
    page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
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
    phone_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    phone_page.goto("/cek/")
    phone_page.fill("#id_text", "ASN harus netral. Mari sukseskan Pilkada 2024 yang damai.")
    phone_page.click("#cek-submit")
    verdict = phone_page.locator(".cek-verdict")
    verdict.wait_for()
    assert verdict.get_attribute("data-label") == "not_partisan"
    screenshot(phone_page, "selfcheck_neutral_phone")


def test_on_a_phone_the_named_election_is_chosen_and_the_rules_table_fits_the_screen(
    phone_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    # Names no contestant, only the region: the OKU race, not another with a number 2 and Golkar.
    phone_page.goto("/cek/")
    phone_page.fill("#id_text", "Pilkada OKU: ayo coblos nomor 2, Golkar pasti menang!")
    phone_page.fill("#id_posted_at", "2024-11-01")
    phone_page.click("#cek-submit")
    verdict = phone_page.locator(".cek-verdict")
    verdict.wait_for()
    assert "Ogan Komering Ulu" in verdict.inner_text()

    phone_page.fill("#id_text", "Pilkada OKU: ayo coblos Teddy-Marjito nomor 2, pasti menang!")
    phone_page.click("#cek-submit")
    phone_page.locator(".cek-verdict[data-label='partisan']").wait_for()
    table = phone_page.locator(".cek-items")
    assert table.count() == 1 and "D6" in table.inner_text()
    # Each cell carries its column's name, shown before it on a phone (the header is hidden).
    labels = (
        table.locator("tbody tr")
        .first.locator("td")
        .evaluate_all("cells => cells.map(c => c.dataset.label)")
    )
    assert labels == ["Kode", "Larangan", "Sanksi"]
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    # Nothing on the page is wider than the phone: no sideways scrolling.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "selfcheck_rules_table_phone")
