"""Pressure reports: named or anonymous, sealed, followed by receipt, heard by Bawaslu and BKN
of the place and never by the ASN's own PPK, agency or Inspektorat."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from netral.audit.models import AuditEntry
from netral.prevention.models import PressureReport

pytestmark = pytest.mark.django_db
STORY = "Kepala dinas meminta kami hadir di kampanye calon nomor 1 dan mengancam mutasi."


def _submit(client: Client, **extra: str) -> Any:
    data = {
        "regency": "16.01",
        "source": "atasan",
        "description": STORY,
        "name": "Rudi",
        "nip": "198507102010011004",
        "agency": "Pemkab OKU",
        "contact": "0812000111",
        **extra,
    }
    return client.post("/tekanan/", data)


@pytest.fixture
def named(anon: Client, django_capture_on_commit_callbacks: Any) -> tuple[PressureReport, str]:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(anon)
    assert response.status_code == 201
    return response.context["report"], response.context["receipt"]


def test_the_identity_is_sealed_and_opened_only_with_a_logged_reason(
    named: tuple[PressureReport, str], client_for: Callable[[str], Client]
) -> None:
    report, _receipt = named
    report.refresh_from_db()
    assert b"Rudi" not in bytes(report.identity_sealed)
    client = client_for("bawaslu_oku")
    page = client.get(f"/staf/pencegahan/tekanan/{report.pk}/").content.decode()
    assert "Rudi" not in page and STORY in page
    client.post(f"/staf/pencegahan/tekanan/{report.pk}/identitas/")
    page = client.get(f"/staf/pencegahan/tekanan/{report.pk}/").content.decode()
    assert "Rudi" in page and "0812000111" in page
    assert (
        AuditEntry.objects.filter(action="pressure.identity_open", object_id=str(report.pk)).count()
        == 1
    )
    entry = AuditEntry.objects.get(action="pressure.submit", object_id=str(report.pk))
    assert "Rudi" not in entry.data_json and entry.actor_label == "pelapor"


@pytest.mark.parametrize(
    ("username", "sees"),
    [
        ("bawaslu_oku", True),
        ("bawaslu_sumsel", True),
        ("bawaslu_ri", True),
        ("bkn", True),
        ("bkn_kanreg7", True),
        ("ppk_oku", False),
        ("inspektorat_oku", False),
        ("admin", False),
        ("analyst", False),
        ("bawaslu_palembang", False),
        ("bawaslu_langsa", False),
        ("kemendagri", False),
        ("monitor_oku", False),
        ("satgas", False),
    ],
)
def test_who_hears_a_pressure_report(
    named: tuple[PressureReport, str],
    client_for: Callable[[str], Client],
    username: str,
    sees: bool,
) -> None:
    report, _receipt = named
    client = client_for(username)
    listed = client.get("/staf/pencegahan/tekanan/").context["page"].object_list
    assert (report in list(listed)) is sees
    detail = client.get(f"/staf/pencegahan/tekanan/{report.pk}/")
    assert detail.status_code == (200 if sees else 404)
    opened = client.post(f"/staf/pencegahan/tekanan/{report.pk}/identitas/")
    assert opened.status_code in ((302, 403) if sees else (404,))


def test_mail_goes_to_bawaslu_and_bkn_never_to_the_ppk(named: Any) -> None:
    to = {a for m in mail.outbox for a in m.to}
    assert any(a.startswith("bawaslu_oku@") for a in to)
    assert any(a.startswith("bkn") for a in to)
    assert not any(a.startswith(("ppk_", "inspektorat_")) for a in to)


def test_the_reporter_follows_the_report_with_the_receipt(
    named: tuple[PressureReport, str], client_for: Callable[[str], Client]
) -> None:
    report, receipt = named
    client_for("bawaslu_oku").post(
        f"/staf/pencegahan/tekanan/{report.pk}/",
        {"status": "ditangani", "note": "Kami akan menghubungi Anda lewat telepon."},
    )
    reporter = Client()
    assert reporter.post("/tekanan/status/", {"receipt": receipt.lower()}).status_code == 302
    page = reporter.get("/tekanan/status/").content.decode()
    assert "Sedang ditangani" in page and "menghubungi Anda" in page
    # (a receipt's last character is random: one that ends in "0" must not be "changed" to itself)
    other = "1" if receipt.endswith("0") else "0"
    wrong = Client().post("/tekanan/status/", {"receipt": receipt[:-1] + other})
    assert "tidak dikenal" in wrong.content.decode()


def test_anonymous_reports_keep_no_identity_and_bad_input_is_named(anon: Client) -> None:
    response = _submit(anon, anonymous="on")
    report = response.context["report"]
    assert report.anonymous and bytes(report.identity_sealed) == b""
    short = _submit(anon, description="tolong")
    assert "description" in short.context["form"].errors
    nameless = _submit(anon, name="")
    assert "name" in nameless.context["form"].errors
