"""A citizen's named report filed with every default ("Wilayah instansi" left alone) walked
through Bawaslu, BKN and the PPK to the executed sanction, then the reporter's timeline read on
a phone: the case the issue saw stranded before the PPK."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tests.browser.test_cases_lifecycle import PDF, _as, _move, _upload


def _report_with_defaults(page: Any) -> str:
    page.goto("/lapor/")
    group = page.locator("details:has(input[name=violations][value=D7])")
    if group.get_attribute("open") is None:
        group.locator("summary").click()
    page.locator("input[name=violations][value=D7]").check()
    page.fill("#id_description", "Guru SMP Negeri 1 Baturaja mengajak murid memilih paslon.")
    page.fill("#id_asn-0-name", "Rina Marlina")
    page.fill("#id_asn-0-agency_name", "SMP Negeri 1 Baturaja")
    page.fill("#id_asn-0-position", "Guru")
    page.fill("#id_incident_date", (timezone.localdate() - dt.timedelta(days=2)).isoformat())
    page.select_option("#id_province", "16")
    page.wait_for_selector("#id_regency option[value='16.01']", state="attached")
    page.select_option("#id_regency", "16.01")
    page.fill("#id_reporter_name", "Ahmad Pelapor")
    page.fill("#id_reporter_address", "Jl. Melati 7, Baturaja")
    page.click("#submit-report")
    page.wait_for_selector("[data-testid=receipt]")
    return page.get_by_test_id("receipt").inner_text().strip()


def test_a_default_report_reaches_the_ppk_and_the_reporter_reads_the_outcome(
    phone_page: Any, page: Any, login: Any, screenshot: Any, tmp_path: Any
) -> None:
    from netral.intake.models import Report

    receipt = _report_with_defaults(phone_page)
    case = Report.objects.latest("id").case
    sid = case.subjects.get().pk
    pdf = tmp_path / "dokumen.pdf"
    pdf.write_bytes(PDF)

    _as(page, login, "bawaslu_oku", case.pk)
    assert "D7" in page.get_by_test_id("reported-violations").inner_text()
    assert page.get_by_test_id(f"ppk-guessed-{sid}").is_visible()
    assert "Ogan Komering Ulu" in page.get_by_test_id("subjects").inner_text()
    screenshot(page, "walk-1-bawaslu-received")
    _move(page, "preliminary_review")
    _upload(page, "preliminary_review", pdf)
    _move(page, "registered")
    _move(page, "examination")
    for kind in ("minutes_asn", "examination_result"):
        _upload(page, kind, pdf)
    # The reported item is already ticked as proven: the officer only decides.
    assert page.locator(f"input[name='violations-{sid}'][value=D7]").is_checked()
    _move(page, "proven", **{f"outcome-{sid}": "proven"})
    assert page.get_by_test_id(f"proven-{sid}").inner_text() == "D7"
    assert "Tidak ada batas waktu berjalan" in page.get_by_test_id("deadlines").inner_text()
    _upload(page, "recommendation_authority", pdf)
    _move(page, "recommended_to_authority", letter_number="012/PP.01/K.SS-01/2026")

    _as(page, login, "bkn_kanreg7", case.pk)
    _move(page, "authority_verification")
    _upload(page, "recommendation_ppk", pdf)
    form = page.get_by_test_id("move-recommended_to_ppk")
    assert form.locator(f"select[name='level-{sid}']").input_value() == "berat"
    assert "Penurunan jabatan" in form.locator(f"input[name='sanction-{sid}']").input_value()
    screenshot(page, "walk-2-bkn-suggestion")
    _move(page, "recommended_to_ppk", letter_number="9953/B-AK.02.02/SD/F/2026")
    assert page.get_by_test_id("case-state").inner_text() == "Direkomendasikan ke PPK"

    page.context.clear_cookies()
    login(page, "ppk_oku")
    page.wait_for_url("**/staf/")
    page.goto("/staf/perkara/kotak-masuk/")
    assert case.number in page.content()
    screenshot(page, "walk-3-ppk-inbox")
    page.goto(f"/staf/perkara/{case.pk}/")
    _upload(page, "sk", pdf)
    _move(
        page,
        "ppk_decided",
        **{
            f"sk_number-{sid}": "800.1.6/77/BKPSDM/2026",
            f"sk_date-{sid}": timezone.localdate().isoformat(),
            f"punishment-{sid}": "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
        },
    )
    _upload(page, "execution", pdf)
    _move(page, "executed", executed_date=timezone.localdate().isoformat())
    assert page.get_by_test_id("case-state").inner_text() == "Sanksi dilaksanakan"
    screenshot(page, "walk-4-executed")

    phone = phone_page
    phone.goto("/lapor/status/")
    phone.fill("#id_receipt", receipt)
    phone.get_by_role("button", name="Buka laporan").click()
    phone.wait_for_selector("[data-testid=timeline]")
    timeline = phone.get_by_test_id("timeline").inner_text()
    assert "Sanksi telah dilaksanakan" in timeline
    assert "Rina Marlina" in timeline and "Terbukti" in timeline
    assert "Penurunan jabatan setingkat lebih rendah" in timeline
    for internal in ("bawaslu_oku", "bkn_kanreg7", "ppk_oku", "9953/B-AK", "800.1.6/77"):
        assert internal not in phone.content()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= phone.viewport_size["width"]
    screenshot(phone, "walk-5-reporter-timeline-phone")
