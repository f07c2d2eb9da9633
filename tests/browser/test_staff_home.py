from __future__ import annotations


def test_officer_logs_in_and_sees_institution_jurisdiction_and_roles(page, login, screenshot):
    login(page, "bawaslu_oku")
    page.wait_for_url("**/staf/")
    assert page.locator("h1").inner_text().startswith("Selamat datang")
    assert "Bawaslu Kabupaten Ogan Komering Ulu" in page.content()
    assert page.get_by_test_id("jurisdiction").inner_text() == "Kabupaten Ogan Komering Ulu"
    roles = page.get_by_test_id("roles").inner_text()
    assert "Petugas penerimaan laporan" in roles and "Anggota/Komisioner Bawaslu" in roles
    screenshot(page, "staff-home")


def test_wrong_password_shows_one_generic_message(page, login):
    login(page, "bawaslu_oku", "wrong-password")
    assert page.get_by_role("alert").inner_text() == "Nama pengguna atau kata sandi salah."
    login(page, "no_such_user", "wrong-password")
    assert page.get_by_role("alert").inner_text() == "Nama pengguna atau kata sandi salah."


def test_language_switch_to_english(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
