"""Socialization events: the three attendance layouts (Zoom export, a Google Forms CSV, an XLSX
sheet) with uncertain name matches for review, QR check-in, reach, and who sees what."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from netral.prevention.measures import PreventionMeasures
from netral.prevention.models import Attendance, Event

pytestmark = pytest.mark.django_db
ZOOM = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
    '"811","Sosialisasi","10/01/2024 09:00:00 AM","10/01/2024 11:00:00 AM","x@y.id","120","5"\n'
    "\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Dewi Anggraini (Dewi Anggraini_PUPR),,10/01/2024 09:01 AM,10/01/2024 11:00 AM,119,Yes\n"
    "Made Suardana,,10/01/2024 09:02 AM,10/01/2024 10:00 AM,58,Yes\n"
    "Made Suardana,,10/01/2024 10:01 AM,10/01/2024 11:00 AM,59,Yes\n"
    "Yusuf Maulan,,10/01/2024 09:03 AM,10/01/2024 11:00 AM,117,Yes\n"
    "Samsung A52,,10/01/2024 09:03 AM,10/01/2024 09:10 AM,7,Yes\n"
)


@pytest.fixture
def event(client_for: Callable[[str], Client]) -> Event:
    response = client_for("ppk_oku").post(
        "/staf/pencegahan/kegiatan/",
        {
            "title": "Apel netralitas ASN",
            "kind": "apel",
            "organisers": "BKPSDM OKU",
            "date": "2024-10-01",
            "regency": "16.01",
            "audience": "ASN Pemkab OKU",
            "public": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Event.objects.get(title="Apel netralitas ASN")


def _import(client: Client, event: Event, name: str, data: bytes) -> Any:
    return client.post(
        f"/staf/pencegahan/kegiatan/{event.pk}/", {"file": SimpleUploadedFile(name, data)}
    )


def _by_name(event: Event) -> dict[str, Attendance]:
    return {a.raw_name or a.raw_nip: a for a in event.attendance.select_related("asn")}


def test_a_zoom_export_matches_names_and_counts_rejoins_once(
    event: Event, client_for: Callable[[str], Client]
) -> None:
    response = _import(client_for("ppk_oku"), event, "participants.csv", ZOOM.encode())
    assert response.status_code == 200
    outcome = response.context["outcome"]
    rows = _by_name(event)
    dewi = rows["Dewi Anggraini (Dewi Anggraini_PUPR)"].asn
    assert dewi is not None and dewi.name_plain == "Dewi Anggraini"
    assert rows["Made Suardana"].match == "cocok"
    assert outcome.duplicates == 1  # the rejoin
    yusuf = rows["Yusuf Maulan"]
    assert yusuf.match == "ragu" and yusuf.asn is not None
    assert yusuf.asn.name_plain == "Yusuf Maulana"
    assert rows["Samsung A52"].match == "tidak" and rows["Samsung A52"].asn is None
    assert yusuf in response.context["uncertain"]


def test_an_uncertain_match_is_confirmed_or_rejected_on_review(
    event: Event, client_for: Callable[[str], Client]
) -> None:
    client = client_for("ppk_oku")
    _import(client, event, "participants.csv", ZOOM.encode())
    yusuf = _by_name(event)["Yusuf Maulan"]
    client.post(f"/staf/pencegahan/kehadiran/{yusuf.pk}/periksa/", {"accept": "1"})
    yusuf.refresh_from_db()
    assert (yusuf.match, yusuf.matched_by) == ("cocok", "review")
    other = client_for("bawaslu_oku").post(
        f"/staf/pencegahan/kehadiran/{yusuf.pk}/periksa/", {"accept": "0"}
    )
    assert other.status_code == 403  # sees the event, did not enter it


def test_a_google_forms_csv_matches_by_nip_and_email(
    event: Event, client_for: Callable[[str], Client]
) -> None:
    forms = (
        "Timestamp;Nama Lengkap;NIP;Email\n"
        "2024/10/01 9:00;Siti R.;199412122022032009;\n"
        "2024/10/01 9:01;Fajar;;fajar.nugroho@okukab.go.id\n"
        "2024/10/01 9:02;Orang Lain;123;\n"
    )
    _import(client_for("ppk_oku"), event, "form.csv", forms.encode())
    rows = _by_name(event)
    siti = rows["Siti R."]
    assert siti.asn is not None
    assert (siti.matched_by, siti.asn.nip) == ("nip", "199412122022032009")
    assert rows["Fajar"].matched_by == "email"
    assert rows["Orang Lain"].match == "tidak"


def test_an_xlsx_sheet_is_read_and_a_file_without_header_says_so(
    event: Event, client_for: Callable[[str], Client]
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["No", "Nama", "Unit"])
    sheet.append([1, "Rina Marlina", "RSUD"])
    out = io.BytesIO()
    book.save(out)
    client = client_for("ppk_oku")
    _import(client, event, "hadir.xlsx", out.getvalue())
    assert _by_name(event)["Rina Marlina"].match == "cocok"
    bad = _import(client, event, "x.csv", b"a,b\n1,2\n")
    assert bad.status_code == 400
    assert "Tidak ada baris judul kolom" in bad.content.decode()


def test_qr_check_in_by_nip_once(event: Event, anon: Client) -> None:
    url = f"/hadir/{event.checkin_code}/"
    assert anon.get(url).status_code == 200
    done = anon.post(url, {"nip": "1994 1212 2022 0320 09"})
    assert "kehadiran Anda tercatat" in done.content.decode()
    anon.post(url, {"nip": "199412122022032009"})
    assert event.attendance.filter(asn__nip="199412122022032009").count() == 1
    unknown = anon.post(url, {"nip": "199001012020121001"})
    assert "tidak ada dalam data ASN" in unknown.content.decode()
    assert anon.get("/hadir/NOPE-NOPE-NOPE/").status_code == 404


def test_reach_and_the_dashboard_measure(event: Event, client_for: Callable[[str], Client]) -> None:
    _import(client_for("ppk_oku"), event, "participants.csv", ZOOM.encode())
    page = client_for("bawaslu_oku").get("/staf/pencegahan/kegiatan/")
    oku = next(
        r for r in page.context["reach"] if r["agency"] == "Pemerintah Kabupaten Ogan Komering Ulu"
    )
    matched = (
        Attendance.objects.filter(match="cocok", asn__agency__code="16.01")
        .values("asn_id")
        .distinct()
        .count()
    )
    assert oku["reached"] == matched
    buckets = [
        b
        for b in PreventionMeasures().buckets(None)
        if b.measure == "prevention.socialization_reach" and b.election_id is None
    ]
    assert sum(b.value for b in buckets if b.day.isoformat() == "2024-10-01") == 2


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("ppk_oku", 200),
        ("bawaslu_oku", 200),
        ("bawaslu_sumsel", 200),
        ("ppk_langsa", 404),
        ("bawaslu_palembang", 404),
    ],
)
def test_who_sees_an_event(
    event: Event, client_for: Callable[[str], Client], username: str, status: int
) -> None:
    assert client_for(username).get(f"/staf/pencegahan/kegiatan/{event.pk}/").status_code == status


def test_the_demo_events_have_attendance_and_upcoming_events_are_public(anon: Client) -> None:
    unbara = Event.objects.get(title="Webinar Netralitas ASN dalam Pilkada OKU 2024")
    assert unbara.attendance.filter(match="cocok").count() == 3  # NIP, e-mail, exact name
    assert unbara.attendance.filter(match="ragu").exists()  # waiting for review
    langsa = Event.objects.get(title="Netralitas ASN Menghadapi Pemilu 2024")
    assert langsa.attendance.filter(match="cocok").count() == 4
    assert Event.objects.filter(title__startswith="Rapat Koordinasi Forsesdasi").exists()
    page = anon.get("/sosialisasi/")
    assert page.status_code == 200 and "Universitas Baturaja" in page.content.decode()
