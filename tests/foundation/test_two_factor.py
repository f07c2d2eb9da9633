"""Two-factor authentication (issue 11, item 9): required for the roles that open sealed data or
administer, optional for the rest; enrolment with a QR and backup codes shown once; failed codes
throttled apart from passwords; the password asked again before the factor goes or new codes
are shown; /admin/ and a reporter's identity behind it; API tokens of such roles held short."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netral import access
from netral.accounts.models import ApiToken, TokenScope
from netral.accounts.services import token_create
from netral.accounts.two_factor import throttle
from netral.accounts.two_factor.services import two_factor_reset
from netral.audit.models import AuditEntry
from netral.demo.people import DEMO_PASSWORD
from netral.intake.models import Report
from tests.two_factor import totp_code

pytestmark = pytest.mark.django_db

VERIFY = "/masuk/kode/"
ENROL = "/staf/keamanan/daftar/"


def password_login(username: str) -> Client:
    """A browser that gave the right password and nothing else yet."""
    client = Client()
    response = client.post(reverse("web:login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def actions(user: Any) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_id=str(user.pk), action__startswith="two_factor.")
        .order_by("seq")
        .values_list("action", flat=True)
    )


@pytest.mark.parametrize(
    ("username", "required"),
    [
        ("admin", True),  # administration (and /admin/)
        ("bawaslu_oku", True),  # opens reporters' identities and sealed originals
        ("bkn", True),  # opens a pressured ASN's sealed name
        ("monitor_oku", False),
        ("ppk_oku", False),
        ("inspektorat_oku", False),
        ("analyst", False),
    ],
)
def test_the_roles_that_open_sealed_data_or_administer_require_a_second_factor(
    persona: Any, username: str, required: bool
) -> None:
    assert access.requires_two_factor(persona(username)) is required


def test_a_required_role_without_a_device_is_sent_to_enrolment_before_anything_else(
    persona: Any,
) -> None:
    officer = persona("bawaslu_palembang")
    two_factor_reset(user=officer)
    client = password_login("bawaslu_palembang")
    for url in ("/staf/", "/staf/perkara/", "/admin/", "/staf/keamanan/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(ENROL), url

    page = client.get(ENROL)
    body = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert '<svg width="' in body and 'class="segno"' in body  # the QR, drawn inline
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', body)
    assert secret is not None and len(secret.group(1).replace(" ", "")) == 32
    assert "wajib" in body

    wrong = client.post(ENROL, {"code": "000000"})
    assert wrong.status_code == 200 and "Kode salah" in wrong.content.decode()
    done = client.post(ENROL, {"code": totp_code(officer, confirmed=False)})
    codes = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", done.content.decode())
    assert len(codes) == 10 and "no-store" in done["Cache-Control"]
    assert client.get("/staf/").status_code == 200
    # the codes are kept as keyed digests: none of them is in the database in clear
    from django_otp.plugins.otp_static.models import StaticToken

    stored = set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert len(stored) == 10 and not stored & {c.replace("-", "") for c in codes}
    assert "two_factor.enable" in actions(officer)


def test_a_wrong_code_is_throttled_per_user_with_retry_after_and_audited(
    persona: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    officer = persona("bawaslu_oku")
    client = password_login("bawaslu_oku")
    for _ in range(settings.TWO_FACTOR_FAILURE_LIMIT):
        response = client.post(VERIFY, {"code": "123456"})
        assert response.status_code == 200 and "Kode salah" in response.content.decode()
    # now even the right code, from another browser after another password, is refused
    other = password_login("bawaslu_oku")  # django-axes does not count codes: password works
    refused = other.post(VERIFY, {"code": totp_code(officer)})
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 15 * 60
    assert "Terlalu banyak percobaan" in refused.content.decode()
    assert other.get("/staf/").status_code == 302  # still nothing opens
    assert actions(officer).count("two_factor.code_fail") == settings.TWO_FACTOR_FAILURE_LIMIT
    assert "two_factor.locked" in actions(officer)

    later = throttle._now() + 15 * 60 + 1
    monkeypatch.setattr(throttle, "_now", lambda: later)
    response = other.post(VERIFY, {"code": totp_code(officer), "next": "/staf/"})
    assert response.status_code == 302 and response["Location"] == "/staf/"
    assert other.get("/staf/").status_code == 200


def test_a_backup_code_works_once(persona: Any) -> None:
    officer = persona("bawaslu_oku")
    first = password_login("bawaslu_oku")
    first.post(VERIFY, {"code": totp_code(officer)})
    page = first.post("/staf/keamanan/kode-cadangan/", {"password": DEMO_PASSWORD})
    codes = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", page.content.decode())
    assert len(codes) == 10

    second = password_login("bawaslu_oku")
    assert second.post(VERIFY, {"code": codes[0].upper()})["Location"] == "/staf/"
    assert second.get("/staf/").status_code == 200
    third = password_login("bawaslu_oku")
    again = third.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200 and "sudah dipakai" in again.content.decode()
    assert third.get("/staf/").status_code == 302
    assert "two_factor.backup_used" in actions(officer)


def test_admin_is_refused_without_the_second_factor(persona: Any) -> None:
    client = password_login("admin")
    for url in ("/admin/", "/admin/accounts/user/", "/admin/audit/auditentry/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY), url
    # a change posted to the admin is refused too, not only pages
    user = persona("analyst")
    response = client.post(f"/admin/accounts/user/{user.pk}/change/", {"username": "x"})
    assert response.status_code == 302 and response["Location"] == VERIFY
    # admin's own login form is not a second door: it sends to the one login
    assert Client().get("/admin/login/?next=/admin/")["Location"] == "/masuk/?next=/admin/"
    client.post(VERIFY, {"code": totp_code(persona("admin"))})
    assert client.get("/admin/").status_code == 200


def test_a_reporters_identity_does_not_open_without_the_second_factor(persona: Any) -> None:
    officer = persona("bawaslu_oku")
    report = access.visible_to(officer, Report).filter(anonymous=False).first()
    assert report is not None
    client = password_login("bawaslu_oku")
    url = f"/staf/laporan/{report.pk}/identitas/"
    response = client.post(url, {"reason": "menghubungi pelapor"})
    assert response.status_code == 302 and response["Location"] == VERIFY
    assert not AuditEntry.objects.filter(
        action="report.identity_reveal", object_id=str(report.pk)
    ).exists()
    client.post(VERIFY, {"code": totp_code(officer)})
    opened = client.post(url, {"reason": "menghubungi pelapor"})
    assert opened.status_code == 200
    assert AuditEntry.objects.filter(
        action="report.identity_reveal", object_id=str(report.pk)
    ).exists()


def test_turning_the_factor_off_asks_the_password_again(persona: Any) -> None:
    # optional for a PPK officer: turned on, then off
    ppk = persona("ppk_oku")
    client = password_login("ppk_oku")
    client.get(ENROL)
    client.post(ENROL, {"code": totp_code(ppk, confirmed=False)})
    refused = client.post("/staf/keamanan/nonaktifkan/", {"password": "not-my-password"})
    assert refused.status_code == 200 and "Kata sandi salah" in refused.content.decode()
    ppk.refresh_from_db()
    assert ppk.two_factor_stamp  # still on
    assert client.post("/staf/keamanan/kode-cadangan/", {"password": ""}).status_code == 200
    done = client.post("/staf/keamanan/nonaktifkan/", {"password": DEMO_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/staf/keamanan/"
    ppk.refresh_from_db()
    assert not ppk.two_factor_stamp
    assert actions(ppk)[-1] == "two_factor.disable"
    assert "two_factor.password_fail" in actions(ppk)
    # a required role that turns it off is sent to enrol a new phone at once
    officer = persona("bawaslu_oku")
    other = password_login("bawaslu_oku")
    other.post(VERIFY, {"code": totp_code(officer)})
    replaced = other.post("/staf/keamanan/nonaktifkan/", {"password": DEMO_PASSWORD})
    assert replaced["Location"] == ENROL
    assert other.get("/staf/")["Location"].startswith(ENROL)


def test_turning_it_off_ends_the_other_verified_sessions(persona: Any) -> None:
    officer = persona("bawaslu_oku")
    laptop, phone = password_login("bawaslu_oku"), password_login("bawaslu_oku")
    laptop.post(VERIFY, {"code": totp_code(officer)})
    phone.post(VERIFY, {"code": totp_code(officer)})
    assert phone.get("/staf/").status_code == 200
    laptop.post("/staf/keamanan/nonaktifkan/", {"password": DEMO_PASSWORD})
    assert phone.get("/staf/")["Location"].startswith(ENROL)


def test_tokens_of_a_required_role_read_only_and_expire_within_thirty_days(
    persona: Any, settings: Any
) -> None:
    officer = persona("bawaslu_oku")
    token_create(user=officer, name="laporan mingguan")
    token = ApiToken.objects.filter(user=officer).latest("pk")
    assert token.scope == TokenScope.READ
    assert token.expires_at is not None
    assert token.expires_at - token.created_at == timedelta(days=30)
    with pytest.raises(ValidationError) as refused:
        token_create(user=officer, days=60)
    assert "days" in refused.value.message_dict
    with pytest.raises(CommandError, match="--days"):
        call_command("token", "create", "--user", "bawaslu_oku", "--days", "90")
    # others keep tokens that read and write, without an end
    ppk_token = ApiToken.objects.get(pk=_token_pk(persona("ppk_oku")))
    assert ppk_token.scope == TokenScope.WRITE and ppk_token.expires_at is None


def _token_pk(user: Any) -> int:
    token_create(user=user)
    return ApiToken.objects.filter(user=user).latest("pk").pk


def test_a_read_only_token_cannot_change_anything_and_an_old_one_expires(persona: Any) -> None:
    officer = persona("bawaslu_oku")
    raw = token_create(user=officer)
    reader = Client(headers={"Authorization": f"Bearer {raw}"})
    assert reader.get("/api/v1/me").status_code == 200
    response = reader.post("/api/v1/cases", {}, content_type="application/json")
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    # a token made before limits existed (no scope, no end) of such a role: 30 days, read only
    legacy = token_create(user=officer, scope="write")
    ApiToken.objects.filter(prefix=legacy[:10]).update(
        scope="", expires_at=None, created_at=timezone.now() - timedelta(days=31)
    )
    old = Client(headers={"Authorization": f"Bearer {legacy}"})
    assert old.get("/api/v1/me").status_code == 401


def test_the_pages_speak_english_too(persona: Any) -> None:
    client = password_login("bawaslu_oku")
    client.cookies["django_language"] = "en"
    body = client.get(VERIFY).content.decode()
    assert "Two-step verification" in body and "authenticator app" in body


def test_the_demo_code_command_prints_what_the_demo_accounts_accept(persona: Any) -> None:
    """A tester without an authenticator app logs in with `netral twofactor demo-code`."""
    from io import StringIO

    from django_otp.plugins.otp_totp.models import TOTPDevice

    out = StringIO()
    call_command("twofactor", "demo-code", stdout=out)
    code = out.getvalue().strip()
    assert re.fullmatch(r"\d{6}", code)
    assert TOTPDevice.objects.get(user=persona("bawaslu_oku"), confirmed=True).verify_token(code)
