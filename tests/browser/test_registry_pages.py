"""A PPK officer uploads their agency's staff list and follows the import to its result; an
officer searches the registry by a name written without titles and in another order."""

from __future__ import annotations

from pathlib import Path

import pytest

from netral.registry import synth

pytestmark = pytest.mark.browser


def test_a_ppk_officer_uploads_a_file_and_watches_it_to_the_result(
    page, login, screenshot, tmp_path: Path
):
    path = tmp_path / "pegawai-oku.csv"
    bad = synth.write(path, rows=400, seed=11, bad_share=0.05, regencies=["16.01"])
    login(page, "ppk_oku")
    page.wait_for_url("**/staf/")
    page.goto("/staf/asn/impor/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_label("parsial", exact=False).check()
    page.get_by_role("button", name="Unggah dan impor").click()
    status = page.get_by_test_id("import-status")
    status.wait_for()
    page.wait_for_selector("[data-testid=import-status][data-state=done]", timeout=60_000)
    counts = page.get_by_test_id("import-counts").inner_text()
    assert "400" in counts
    refusals = page.get_by_test_id("refusals").inner_text()
    rows_refused = page.locator("[data-testid=refusals] tbody tr").count()
    assert rows_refused >= len(bad)  # Langsa/Jatim rows of a Pemkab OKU file are refused too
    assert str(min(bad)) in refusals
    screenshot(page, "registry-import-result")


def test_an_officer_finds_the_teacher_without_her_titles_or_nip(page, login, screenshot):
    login(page, "bawaslu_oku")
    page.wait_for_url("**/staf/")
    page.goto("/staf/asn/?q=rahmawati+siti")
    page.get_by_role("link", name="198505152010012002").click()
    assert "SMP Negeri 1 Baturaja" in page.content()
    screenshot(page, "registry-asn-page")
