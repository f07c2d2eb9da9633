"""An ASN signs the integrity pact on a phone with the demo's personal code, declares an
account, opens the certificate and checks it on the public verification page."""

from __future__ import annotations

from typing import Any

from netral.prevention.demo import demo_code

WULAN_CODE = demo_code("0KU", 4)  # Wulan Sari, Pemkab OKU, born 3 March 1990, not signed yet


def _fits_the_phone(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_an_asn_signs_the_pact_on_a_phone_and_opens_the_certificate(
    phone_page: Any, screenshot: Any
) -> None:
    page = phone_page
    page.goto(f"/pakta/?kode={WULAN_CODE}")
    assert page.input_value("#id_code") == WULAN_CODE
    page.fill("#id_birth_date", "1990-03-04")  # a wrong day first
    page.click("button[type=submit]")
    assert "tidak cocok" in page.get_by_test_id("entry-error").inner_text()
    page.fill("#id_birth_date", "1990-03-03")
    page.click("button[type=submit]")
    page.wait_for_url("**/pakta/tandatangan/")
    assert "Wulan Sari" in page.content()
    assert page.locator("[data-testid=pact-points] li").count() == 6
    assert _fits_the_phone(page)
    page.select_option("#id_platform_1", "tiktok")
    page.fill("#id_handle_1", "@wulan.baturaja")
    page.get_by_label("Saya telah membaca pakta integritas ini dan menyetujuinya.").check()
    screenshot(page, "prevention-pact-sign-phone")
    page.click("button[type=submit]")
    page.wait_for_url("**/pakta/selesai/")
    code = page.get_by_test_id("verification-code").inner_text().strip()
    assert len(code) == 14 and _fits_the_phone(page)
    screenshot(page, "prevention-pact-done-phone")

    href = page.get_by_test_id("certificate").get_attribute("href")
    pdf = page.request.get(href)
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body()[:4] == b"%PDF"

    page.goto(f"/verifikasi/{code}/")
    result = page.get_by_test_id("verify-result").inner_text()
    assert "Sertifikat ini sah" in result and "Wu*** Sa**" in result
    assert "Wulan" not in result and _fits_the_phone(page)
    screenshot(page, "prevention-verify-phone")
