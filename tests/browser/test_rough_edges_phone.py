"""The long report form on a phone (390×844): a refusal lists the fields in error at the top
and takes the reporter to the first; an over-size file is refused before it is sent; the
receipt can be copied and downloaded; the status page shows each image small."""

from __future__ import annotations

from typing import Any

import pytest

from netral.intake import evidence as ev
from tests.browser.conftest import SCREENSHOTS
from tests.intake.conftest import jpeg_with_gps

PHOTO = {"name": "foto camat.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}


def _start(page: Any, *, nip: str = "", named: bool = True) -> None:
    page.goto("/lapor/")
    page.locator("#step-what input[name=violations]").first.check()
    page.fill("#id_asn-0-name", "Budi Santoso")
    page.fill("#id_asn-0-nip", nip)
    page.select_option("#id_province", "16")
    page.wait_for_selector("#id_regency option[value='16.01']", state="attached")
    page.select_option("#id_regency", "16.01")
    if named:
        page.fill("#id_reporter_name", "Wulandari")
        page.fill("#id_reporter_address", "Jl. Melati 7, Baturaja")


def _on_screen(page: Any, name: str) -> None:
    """What the phone shows right now (not the whole page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _focused_id(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def test_a_refusal_lists_the_fields_and_goes_to_the_first(phone_page: Any, screenshot: Any) -> None:
    page = phone_page
    # A wrong NIP, no story told, and a named report without the name and the address.
    _start(page, nip="198609262015053001", named=False)
    page.click("#submit-report")
    page.wait_for_selector("[data-testid=error-summary]")
    summary = page.get_by_test_id("error-summary")
    links = summary.locator("a[data-error-link]")
    # In the page's order: step 1 (the story), step 2 (the ASN), step 5 (the reporter).
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == [
        "#id_description",
        "#id_asn-0-nip",
        "#id_reporter_name",
        "#id_reporter_address",
    ]
    assert "Digit ke-15" in summary.inner_text()
    # The first field in error has the focus and is on screen.
    assert _focused_id(page) == "id_description"
    assert page.locator("#id_description").is_visible()
    box = page.locator("#id_description").bounding_box()
    assert box is not None and 0 <= box["y"] <= 844
    _on_screen(page, "rough-edges-phone-error-first-field")
    screenshot(page, "rough-edges-phone-error-list")
    links.nth(1).click()
    assert _focused_id(page) == "id_asn-0-nip"
    assert page.input_value("#id_asn-0-name") == "Budi Santoso"  # nothing typed was lost


def test_an_over_size_file_is_refused_before_sending(
    phone_page: Any, screenshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The live server runs in this process: its limit is what the page renders.
    monkeypatch.setattr(ev, "MAX_FILE_BYTES", 1024 * 1024)
    page = phone_page
    _start(page)
    big = {"name": "video panjang.mp4", "mimeType": "video/mp4", "buffer": b"\0" * 1_600_000}
    page.set_input_files("input[name=attachments]", files=[PHOTO, big])
    error = page.get_by_test_id("files-error")
    assert error.is_visible()
    assert "video panjang.mp4" in error.inner_text() and "1 MB" in error.inner_text()
    # The big file is taken out of the choice, the photo stays chosen.
    kept = page.evaluate("Array.from(document.getElementById('id_attachments').files, f => f.name)")
    assert kept == ["foto camat.jpg"]
    error.scroll_into_view_if_needed()
    _on_screen(page, "rough-edges-phone-oversize")
    sent: list[int] = []
    page.on("request", lambda req: sent.append(len(req.post_data_buffer or b"")))
    page.fill("#id_description", "Camat berorasi di deklarasi bakal calon.")
    page.click("#submit-report")
    page.wait_for_selector("[data-testid=receipt]")
    assert sent and max(sent) < 1_000_000  # the big file never left the phone


def test_the_receipt_is_copied_and_the_evidence_shown_small(
    phone_page: Any, screenshot: Any
) -> None:
    page = phone_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    _start(page)
    page.fill("#id_description", "Camat berorasi di deklarasi bakal calon.")
    page.set_input_files("input[name=attachments]", files=[PHOTO])
    page.click("#submit-report")
    page.wait_for_selector("[data-testid=receipt]")
    receipt = page.get_by_test_id("receipt").inner_text().strip()
    copy = page.get_by_test_id("copy-receipt")
    # receipt.js shows the button once it has run: wait for it, as a person would see it.
    copy.wait_for(state="visible")
    assert copy.inner_text() == "Salin kode"
    assert page.get_by_test_id("download-receipt").is_visible()
    copy.click()
    page.wait_for_selector("[data-copy-status]:has-text('Kode disalin')")
    screenshot(page, "rough-edges-phone-receipt")

    page.goto("/lapor/status/")
    page.fill("#id_receipt", receipt)
    page.get_by_role("button", name="Buka laporan").click()
    item = page.get_by_test_id("evidence-item").first
    assert "foto camat.jpg" in item.inner_text()
    thumb = item.locator("img")
    thumb.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle()
    )
    screenshot(page, "rough-edges-phone-status-evidence")
