from __future__ import annotations

import pytest
from django.urls import reverse

from tests.two_factor import totp_code

GENERIC = "Nama pengguna atau kata sandi salah."


@pytest.mark.django_db
def test_login_with_the_right_password_and_code_reaches_staff_home(client, persona):
    response = client.post(
        reverse("web:login"), {"username": "bawaslu_oku", "password": "netral-demo"}, follow=True
    )
    # A handling role: the code from the phone comes next, then the page asked for.
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two-factor-verify"))
    response = client.post(
        response.redirect_chain[-1][0], {"code": totp_code(persona("bawaslu_oku"))}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("web:staff-home")
    assert "Bawaslu Kabupaten Ogan Komering Ulu" in response.content.decode()


@pytest.mark.django_db
def test_a_role_without_a_second_factor_reaches_staff_home_with_the_password(client):
    response = client.post(
        reverse("web:login"), {"username": "ppk_oku", "password": "netral-demo"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("web:staff-home")
    assert "BKPSDM Kabupaten Ogan Komering Ulu" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["bawaslu_oku", "nobody_here"])
def test_failed_login_gives_one_generic_message(client, username):
    response = client.post(reverse("web:login"), {"username": username, "password": "nope"})
    assert response.status_code == 200
    assert GENERIC in response.content.decode()


@pytest.mark.django_db
def test_repeated_failures_are_throttled_even_with_the_right_password(client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("web:login"), {"username": "ppk_oku", "password": "wrong"})
    response = client.post(reverse("web:login"), {"username": "ppk_oku", "password": "netral-demo"})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_by_default():
    import netral.settings as configured  # the module, not the test-time override

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_public_home_speaks_indonesian_and_explains_how_to_report(client):
    body = client.get("/").content.decode()
    assert '<html lang="id">' in body
    assert "Cara melapor" in body and "/lapor/" in body


@pytest.mark.django_db
def test_english_is_one_switch_away(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "How to report" in body
