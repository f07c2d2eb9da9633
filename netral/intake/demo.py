"""Demo public reports, made through the same services as real ones (deterministic, idempotent).

One demo report has a fixed, documented receipt so that a tester can open /lapor/status/
(DEMO_RECEIPT below). It is safe only because demo data is never loaded outside `netral demo`
and the report says DEMO in its text; real receipts are always random.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from netral.intake.models import Channel, Report
from netral.intake.services import Submission, report_message_post, report_submit

DEMO_RECEIPT = "DEM0-0KV0-0000-0000-0000-0001"


def _demo_photo() -> SimpleUploadedFile:
    img = Image.new("RGB", (480, 320), (230, 236, 240))
    draw = ImageDraw.Draw(img)
    draw.rectangle((40, 60, 440, 200), fill=(11, 122, 92))
    draw.text((60, 110), "DEMO: baliho bakal calon", fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=80)
    return SimpleUploadedFile("demo.jpg", out.getvalue(), content_type="image/jpeg")


def _election(code: str) -> object | None:
    from netral.elections.models import Election

    return Election.objects.filter(code=code).first()


def _violations(*codes: str) -> list[object]:
    from netral.catalogue.models import Violation

    return list(Violation.objects.filter(code__in=codes))


def _specs() -> list[tuple[Submission, str | None]]:
    return [
        (
            Submission(
                description="DEMO. Camat hadir di deklarasi bakal pasangan calon bupati di "
                "lapangan "
                "kecamatan dan ikut mengacungkan simbol nomor urut bersama pendukung.",
                subjects=[
                    {
                        "name": "Ahmad Fauzi",
                        "nip": "198203152008011003",
                        "agency_name": "Kecamatan Baturaja Timur",
                        "position": "Camat",
                        "employment_type": "pns",
                        "regency_id": "16.01",
                    }
                ],
                violations=_violations("E3"),
                incident_date=dt.date(2024, 8, 20),
                discovered_date=dt.date(2024, 8, 20),
                province_id="16",
                regency_id="16.01",
                place="Lapangan Kecamatan Baturaja Timur",
                election=_election("pilbup-oku-2024"),
                links=["https://example.org/demo/video-deklarasi"],
                files=[_demo_photo()],
                anonymous=False,
                identity={
                    "name": "Siti Rahmawati (demo)",
                    "address": "Jl. Demo No. 1, Baturaja",
                    "contact": "0800-0000-0000",
                },
                channel=Channel.DEMO,
            ),
            None,
        ),
        (
            Submission(
                description="DEMO. Dua guru PNS membagikan unggahan ajakan memilih calon anggota "
                "DPRD di grup WhatsApp wali murid dan di Facebook.",
                subjects=[
                    {
                        "name": "Guru SMP (nama belum diketahui)",
                        "agency_name": "SMP Negeri",
                        "position": "Guru",
                        "employment_type": "pns",
                        "regency_id": "11.74",
                    },
                    {
                        "name": "Nurhayati",
                        "agency_name": "SMP Negeri",
                        "position": "Guru",
                        "employment_type": "pppk",
                        "regency_id": "11.74",
                    },
                ],
                violations=_violations("D5"),
                other_violation=True,
                incident_date=dt.date(2024, 1, 10),
                discovered_date=dt.date(2024, 1, 11),
                province_id="11",
                regency_id="11.74",
                place="Grup WhatsApp dan Facebook",
                election=_election("pemilu-2024"),
                links=["https://example.org/demo/unggahan-facebook"],
                anonymous=True,
                channel=Channel.DEMO,
            ),
            DEMO_RECEIPT,
        ),
        (
            Submission(
                description="DEMO. Kepala dinas provinsi memasang foto bersama calon gubernur "
                "dengan ajakan memilih di akun Instagram pribadinya.",
                subjects=[
                    {
                        "name": "Kepala Dinas (nama belum diketahui)",
                        "agency_name": "Dinas Provinsi Sumatera Selatan",
                        "position": "Kepala Dinas",
                        "employment_type": "pns",
                    }
                ],
                violations=_violations("D2"),
                incident_date=dt.date(2024, 10, 5),
                province_id="16",
                regency_id="16.01",
                place="Instagram",
                election=_election("pilgub-sumsel-2024"),
                anonymous=True,
                channel=Channel.DEMO,
            ),
            None,
        ),
    ]


def load_demo_reports() -> str:
    from netral.accounts.models import User
    from netral.demo.people import load_people

    if Report.objects.filter(channel=Channel.DEMO).exists():
        return "demo reports already loaded"
    load_people()  # the Bawaslu offices the reports are routed to
    made = [report_submit(submission=sub, receipt_code=code).report for sub, code in _specs()]
    officer = User.objects.filter(username="bawaslu_langsa").first()
    if officer is not None:
        report_message_post(
            report=made[1],
            actor=officer,
            body="Terima kasih. Mohon kirim tangkapan layar unggahan itu beserta tanggalnya.",
        )
        report_message_post(report=made[1], body="Baik, tangkapan layar segera saya kirim.")
    return f"{len(made)} demo reports (receipt of the Langsa report: {DEMO_RECEIPT})"
