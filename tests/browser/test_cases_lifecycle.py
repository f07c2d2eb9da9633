"""A case from receipt to the PPK's sanction, clicked through by the officers who handle it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _as(page: Any, login: Any, username: str, case_id: int) -> None:
    page.context.clear_cookies()
    login(page, username)
    page.wait_for_url("**/staf/")
    page.goto(f"/staf/perkara/{case_id}/")


def _upload(page: Any, kind: str, pdf: Path) -> None:
    form = page.get_by_test_id("upload")
    if not form.is_visible():
        page.locator("details:has([data-testid=upload]) > summary").click()
    form.locator("select[name=kind]").select_option(kind)
    form.locator("input[type=file]").set_input_files(str(pdf))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Dokumen diunggah" in page.content()


def _move(page: Any, to: str, **fields: str) -> None:
    form = page.get_by_test_id(f"move-{to}")
    for name, value in fields.items():
        field = form.locator(f"[name='{name}']")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def _prove(page: Any, sid: int) -> None:
    """Tick a proven item for the ASN (the first the phase allows when none was reported)."""
    form = page.get_by_test_id("move-proven")
    boxes = form.locator(f"input[name='violations-{sid}']")
    if not form.locator(f"input[name='violations-{sid}']:checked").count():
        form.locator(f"[data-testid=outcome-{sid}] summary").click()
        boxes.first.check()


def test_a_case_goes_from_received_to_sanctioned_through_the_pages(
    page, login, screenshot, tmp_path
):
    from netral.cases.models import Case

    case = Case.objects.get(summary__startswith="Camat menghadiri deklarasi")
    sid = case.subjects.get().pk
    pdf = tmp_path / "dokumen.pdf"
    pdf.write_bytes(PDF)
    _as(page, login, "bawaslu_oku", case.pk)
    assert page.get_by_test_id("case-state").inner_text() == "Diterima"
    assert page.get_by_test_id("countdown").first.is_visible()
    screenshot(page, "cases-1-received")
    _move(page, "preliminary_review")
    _upload(page, "preliminary_review", pdf)
    _move(page, "registered")
    _move(page, "examination")
    for kind in ("minutes_asn", "examination_result"):
        _upload(page, kind, pdf)
    _prove(page, sid)
    _move(page, "proven", **{f"outcome-{sid}": "proven"})
    _upload(page, "recommendation_authority", pdf)
    _move(page, "recommended_to_authority", letter_number="012/PP.01/K.SS-01/2024")
    assert page.get_by_test_id("case-state").inner_text() == "Direkomendasikan ke KASN/BKN"
    screenshot(page, "cases-2-recommended-to-authority")

    _as(page, login, "bkn_kanreg7", case.pk)
    _move(page, "authority_verification")
    _upload(page, "recommendation_ppk", pdf)
    _move(
        page,
        "recommended_to_ppk",
        letter_number="9953/B-AK.02.02/SD/F/2024",
        **{f"level-{sid}": "berat", f"sanction-{sid}": "Penurunan jabatan 12 bulan"},
    )
    assert page.get_by_test_id("case-state").inner_text() == "Direkomendasikan ke PPK"
    assert "BELUM DIKONFIRMASI" in page.get_by_test_id("deadlines").inner_text()
    screenshot(page, "cases-3-awaiting-ppk")

    _as(page, login, "ppk_oku", case.pk)
    _upload(page, "sk", pdf)
    _move(
        page,
        "ppk_decided",
        **{
            f"sk_number-{sid}": "800.1.6/123/BKPSDM/2024",
            f"sk_date-{sid}": "2024-12-02",
            f"punishment-{sid}": "Penurunan jabatan setingkat lebih rendah",
        },
    )
    assert page.get_by_test_id("case-state").inner_text() == "Diputus PPK (SK)"
    assert "800.1.6/123/BKPSDM/2024" in page.get_by_test_id("subjects").inner_text()
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "Verifikasi KASN/BKN" in timeline and "Diputus PPK (SK)" in timeline
    screenshot(page, "cases-4-sanctioned")


def test_the_ppk_officer_inbox_and_the_non_compliance_list(page, login, screenshot):
    login(page, "inspektorat_oku")
    page.wait_for_url("**/staf/")
    page.goto("/staf/perkara/ppk-tidak-patuh/")
    table = page.get_by_test_id("noncompliant").inner_text()
    assert "Pemerintah Kabupaten Ogan Komering Ulu" in table
    screenshot(page, "cases-noncompliant")
    page.context.clear_cookies()
    login(page, "ppk_oku")
    page.wait_for_url("**/staf/")
    page.goto("/staf/perkara/kotak-masuk/")
    assert "Direkomendasikan ke PPK" in page.content()
    screenshot(page, "cases-ppk-inbox")
