"""An ASN signs through their personal link: code + birth date, the pact, a declaration of
their accounts, the certificate, and the public verification page."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from netral.audit.models import AuditEntry
from netral.prevention.models import PactRound, PactSignature
from netral.registry.models import DeclaredAccount

from .conftest import HEAD_NIP, PAPER_NIP, STAFF_NIP

pytestmark = pytest.mark.django_db


def _open(client: Client, code: str, born: str) -> Any:
    return client.post("/pakta/", {"code": code, "birth_date": born})


def pdf_text(data: bytes) -> str:
    """The PDF's text by poppler's pdftotext (Debian's poppler-utils): the PDF really opens."""
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_a_signing_round_end_to_end(
    mailed_code: Callable[[str], str], anon: Client, pact_round: PactRound
) -> None:
    code = mailed_code("putri@okukab.go.id")
    link = next(m.body for m in mail.outbox if "putri@okukab.go.id" in m.to)
    assert f"/pakta/?kode={code}" in link

    page = anon.get(f"/pakta/?kode={code}")
    assert page.status_code == 200 and code in page.content.decode()
    response = _open(anon, code.lower().replace("-", " "), "1995-02-02")
    assert response.status_code == 302 and response["Location"] == "/pakta/tandatangan/"

    page = anon.get("/pakta/tandatangan/")
    assert "Putri Ayu" in page.content.decode()
    assert "Tidak mengunggah" in page.content.decode()  # the pact's points are shown
    response = anon.post(
        "/pakta/tandatangan/",
        {
            "agree": "on",
            "platform_1": "instagram",
            "handle_1": "https://www.instagram.com/Putri.Ayu/",
            "platform_2": "",
            "handle_2": "",
            "platform_3": "",
            "handle_3": "",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/pakta/selesai/"

    signature = PactSignature.objects.get(asn__nip=STAFF_NIP)
    assert signature.template == pact_round.template
    assert signature.method == PactSignature.Method.ONLINE
    # What is recorded: time and version; the model has no place for an address.
    assert not [f for f in PactSignature._meta.get_fields() if "ip" in f.name.split("_")]
    account = DeclaredAccount.objects.get(asn__nip=STAFF_NIP)
    assert (account.platform, account.handle, account.removed_at) == (
        "instagram",
        "putri.ayu",
        None,
    )
    entry = AuditEntry.objects.get(action="pact.sign", object_id=str(signature.pk))
    assert entry.actor_id is None and entry.actor_label == f"ASN {signature.asn_id}"
    assert STAFF_NIP not in entry.data_json

    done = anon.get("/pakta/selesai/").content.decode()
    assert signature.verification_code in done
    pdf = anon.get("/pakta/sertifikat/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert signature.verification_code in text and "Putri Ayu" in text
    assert f"/verifikasi/{signature.verification_code}/" in text

    public = Client().get(f"/verifikasi/{signature.verification_code}/")
    html = public.content.decode()
    assert public.status_code == 200 and "Sertifikat ini sah" in html
    assert "Pu*** Ay*" in html and "Putri" not in html and STAFF_NIP not in html
    assert "Pemerintah Kabupaten Ogan Komering Ulu" in html or "Ogan Komering Ulu" in html
    assert "versi 1" in html


def test_a_wrong_birth_date_is_refused_without_saying_which_part_was_wrong(
    mailed_code: Callable[[str], str], anon: Client
) -> None:
    code = mailed_code("putri@okukab.go.id")
    wrong_date = _open(anon, code, "1995-02-03")
    unknown_code = _open(anon, "ZZZZ-ZZZZ-ZZZZ", "1995-02-02")
    for response in (wrong_date, unknown_code):
        assert response.status_code == 200
        errors = response.context["form"].non_field_errors()
        assert errors == [
            "Kode pribadi dan tanggal lahir tidak cocok dengan undangan mana pun. "
            "Periksa keduanya, lalu coba lagi."
        ]
    assert anon.get("/pakta/tandatangan/")["Location"] == "/pakta/"


def test_guessing_codes_is_throttled(anon: Client) -> None:
    for _ in range(10):
        _open(anon, "ZZZZ-ZZZZ-ZZZZ", "1990-01-01")
    response = _open(anon, "ZZZZ-ZZZZ-ZZZZ", "1990-01-01")
    assert response.status_code == 429 and "Retry-After" in response


def test_signing_twice_keeps_one_signature(mailed_code: Callable[[str], str], anon: Client) -> None:
    _open(anon, mailed_code("agus@okukab.go.id"), "1977-11-11")
    form = {"agree": "on"}
    anon.post("/pakta/tandatangan/", form)
    second = anon.post("/pakta/tandatangan/", form)
    assert second["Location"] == "/pakta/selesai/"
    assert PactSignature.objects.filter(asn__nip=HEAD_NIP).count() == 1


def test_not_ticking_agreement_signs_nothing(
    mailed_code: Callable[[str], str], anon: Client
) -> None:
    _open(anon, mailed_code("agus@okukab.go.id"), "1977-11-11")
    response = anon.post("/pakta/tandatangan/", {"platform_1": "x", "handle_1": "agus_s"})
    assert response.status_code == 200 and "Centang pernyataan" in response.content.decode()
    assert not PactSignature.objects.filter(asn__nip=HEAD_NIP).exists()
    assert not DeclaredAccount.objects.filter(asn__nip=HEAD_NIP).exists()


def test_an_account_owned_by_another_asn_is_refused_by_name(
    mailed_code: Callable[[str], str], anon: Client, staff: dict[str, Any]
) -> None:
    DeclaredAccount.objects.create(asn=staff[STAFF_NIP], platform="tiktok", handle="kabar.oku")
    _open(anon, mailed_code("agus@okukab.go.id"), "1977-11-11")
    response = anon.post(
        "/pakta/tandatangan/", {"agree": "on", "platform_1": "tiktok", "handle_1": "@Kabar.OKU"}
    )
    assert "tiktok @kabar.oku sudah tercatat milik ASN lain" in response.content.decode()
    assert not PactSignature.objects.filter(asn__nip=HEAD_NIP).exists()


def test_unknown_and_revoked_codes_are_said_plainly(
    mailed_code: Callable[[str], str],
    anon: Client,
    client_for: Callable[[str], Client],
) -> None:
    unknown = Client().get("/verifikasi/AAAA-BBBB-CCCC/")
    assert unknown.status_code == 404 and "Kode ini tidak dikenal" in unknown.content.decode()
    _open(anon, mailed_code("agus@okukab.go.id"), "1977-11-11")
    anon.post("/pakta/tandatangan/", {"agree": "on"})
    signature = PactSignature.objects.get(asn__nip=HEAD_NIP)
    response = client_for("ppk_oku").post(
        f"/staf/pencegahan/tanda-tangan/{signature.pk}/cabut/", {"reason": "Salah orang"}
    )
    assert response.status_code == 302
    revoked = Client().get(f"/verifikasi/{signature.verification_code.lower()}/")
    assert revoked.status_code == 200 or revoked.status_code == 404
    assert "DICABUT" in revoked.content.decode()
    typed = Client().get("/verifikasi/", {"code": signature.verification_code.replace("-", "")})
    assert typed["Location"] == f"/verifikasi/{signature.verification_code}/"


def test_links_go_to_each_invitee_with_an_address_and_open_only_their_invitation(
    mailed_code: Callable[[str], str], anon: Client, pact_round: PactRound
) -> None:
    invited = pact_round.invitations.select_related("asn")
    with_address = {i.asn.email for i in invited if i.asn.email}
    assert {to for m in mail.outbox for to in m.to} == with_address
    assert (
        set(invited.filter(emailed_at__isnull=False).values_list("asn__email", flat=True))
        == with_address
    )
    assert invited.get(asn__nip=PAPER_NIP).emailed_at is None  # no address: a printed code
    # Putri's code with Agus's birth date opens nothing.
    response = _open(anon, mailed_code("putri@okukab.go.id"), "1977-11-11")
    assert response.status_code == 200 and "form" in response.context


def test_birth_date_field_left_empty_names_the_field(anon: Client) -> None:
    response = anon.post("/pakta/", {"code": "ZZZZ-ZZZZ-ZZZZ", "birth_date": ""})
    assert "birth_date" in response.context["form"].errors
    assert timezone.localdate()  # nothing else to check: the form never reached the look-up
