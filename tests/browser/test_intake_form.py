"""The public report form on a phone: fill every section, watch the checklist, get a receipt,
open the status page with it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tests.intake.conftest import jpeg_with_gps


def _fill_form(page: Any) -> None:
    page.goto("/lapor/")
    first_group = page.locator("#step-what details").first
    assert first_group.get_attribute("open") is not None
    first_group.locator("input[name=violations]").first.check()
    page.fill("#id_description", "Camat ikut berorasi di deklarasi bakal calon bupati.")
    page.fill("#id_asn-0-name", "Budi Santoso")
    page.fill("#id_asn-0-position", "Camat")
    page.click("#asn-add")
    page.fill("#id_asn-1-name", "Sari Dewi")
    page.fill("#id_asn-1-nip", "198609262015053001")  # wrong gender digit: refused, kept
    today = timezone.localdate()
    page.fill("#id_incident_date", (today - dt.timedelta(days=1)).isoformat())
    page.select_option("#id_province", "16")
    page.wait_for_selector("#id_regency option[value='16.01']", state="attached")
    page.select_option("#id_regency", "16.01")
    page.wait_for_selector("#id_district option:nth-child(2)", state="attached")
    page.fill("#id_place", "Lapangan Merdeka")
    page.set_input_files(
        "input[name=attachments]",
        files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}],
    )


def test_phone_user_reports_anonymously_and_follows_the_receipt(
    phone_page: Any, screenshot: Any
) -> None:
    page = phone_page
    _fill_form(page)
    checklist = page.locator("[data-requirements]")
    assert checklist.locator("[data-req=evidence]").get_attribute("class") == "met"
    assert checklist.locator("[data-req=reporter]").get_attribute("class") == "missing"
    page.get_by_label("Tanpa nama (anonim)").check()
    assert page.locator("[data-anon-note]").is_visible()
    assert "informasi awal" in checklist.locator("[data-req=reporter]").inner_text()
    screenshot(page, "intake-form-phone")
    page.click("#submit-report")
    page.wait_for_load_state()
    # the wrong NIP is named next to its field, and nothing typed was lost
    error = page.locator("[data-field='asn-1-nip'] .field-error")
    assert "Digit ke-15 (jenis kelamin)" in error.inner_text()
    assert page.input_value("#id_asn-0-name") == "Budi Santoso"
    assert page.input_value("#id_regency") == "16.01"
    screenshot(page, "intake-form-phone-error")
    page.fill("#id_asn-1-nip", "")
    page.set_input_files(
        "input[name=attachments]",
        files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}],
    )
    page.click("#submit-report")
    page.wait_for_selector("[data-testid=receipt]")
    receipt = page.get_by_test_id("receipt").inner_text().strip()
    assert len(receipt.replace("-", "")) == 24
    assert "Bawaslu Kabupaten Ogan Komering Ulu" in page.content()
    screenshot(page, "intake-receipt-phone")

    page.goto("/lapor/status/")
    page.fill("#id_receipt", receipt.lower())
    page.get_by_role("button", name="Buka laporan").click()
    page.wait_for_selector("[data-testid=state]")
    assert page.get_by_test_id("state").inner_text() == "Diterima"
    assert receipt not in page.url
    page.fill("#id_body", "Saya punya video tambahan.")
    page.get_by_role("button", name="Kirim pesan").click()
    page.wait_for_selector("[data-testid=message]")
    assert "Saya punya video tambahan." in page.get_by_test_id("message").inner_text()
    screenshot(page, "intake-status-phone")


def test_officer_reads_report_and_reveals_identity(page: Any, login: Any, screenshot: Any) -> None:
    login(page, "bawaslu_oku")
    page.wait_for_url("**/staf/")
    page.goto("/staf/laporan/")
    page.locator("td a").first.click()
    page.wait_for_selector("#laporan")
    assert "Siti Rahmawati" not in page.content()
    page.fill("#id_reason", "Menghubungi pelapor untuk klarifikasi")
    page.get_by_role("button", name="Buka identitas pelapor").click()
    page.wait_for_selector("[data-testid=identity]")
    assert "Siti Rahmawati (demo)" in page.get_by_test_id("identity").inner_text()
    screenshot(page, "intake-staff-report")
