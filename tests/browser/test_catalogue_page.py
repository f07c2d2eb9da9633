"""The public catalogue page on a phone: every item, the unconfirmed ones visibly marked, and
the legal basis and sanctions one tap away."""

from __future__ import annotations

from tests.browser.conftest import SCREENSHOT_TIMEOUT_MS


def test_public_catalogue_page_on_a_phone(phone_page, screenshot):
    phone_page.goto("/")
    phone_page.get_by_role("link", name="Jenis pelanggaran netralitas ASN").click()
    phone_page.wait_for_url("**/jenis-pelanggaran/")
    assert phone_page.locator("h1").inner_text() == "Jenis pelanggaran netralitas ASN"
    assert phone_page.locator("article.violation").count() == 27
    d3 = phone_page.locator("#D3")
    assert "BELUM DIKONFIRMASI" in d3.inner_text()
    assert "Terkonfirmasi" in phone_page.locator("#D5").inner_text()
    # The page's content never needs sideways scrolling on a 390 px phone.
    assert phone_page.evaluate("document.querySelector('main').scrollWidth") <= 390
    d3.locator("summary").click()
    assert d3.get_by_text("Pemotongan tunjangan kinerja 25% selama 6 bulan").first.is_visible()
    screenshot(phone_page, "catalogue-phone")
    d3.scroll_into_view_if_needed()
    phone_page.screenshot(path=_viewport_path(), timeout=SCREENSHOT_TIMEOUT_MS)


def _viewport_path() -> str:
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return str(SCREENSHOTS / "catalogue-phone-d3.png")


def test_public_catalogue_page_on_desktop(page, screenshot):
    page.goto("/jenis-pelanggaran/#pidana")
    assert page.locator("#pidana-UU7-280-3").is_visible()
    assert "Pasal 494" in page.locator("#pidana-UU7-280-3").inner_text()
    screenshot(page, "catalogue-desktop")
