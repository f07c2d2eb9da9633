"""The PDF report opens, holds the map, and goes to supervisors weekly while an election runs."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image

from netral.accounts.models import User
from netral.insights import reports
from netral.insights.maps.render import PALETTE
from netral.insights.refresh import refresh_all

pytestmark = pytest.mark.django_db


def _pages_as_images(pdf: bytes) -> list[Image.Image]:
    assert shutil.which("pdftoppm"), "scripts/test installs poppler-utils"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", str(path), str(Path(tmp) / "p")], check=True
        )
        return [
            Image.open(io.BytesIO(p.read_bytes())).convert("RGB")
            for p in sorted(Path(tmp).glob("p*.png"))
        ]


def test_the_pdf_opens_and_holds_the_map(client_for) -> None:
    refresh_all()
    response = client_for("bawaslu_sumsel").get(reverse("insights:report-pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = _pages_as_images(response.content)
    assert pages
    colours = {tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in PALETTE}
    seen = {colour for page in pages for _n, colour in page.getcolors(maxcolors=1 << 22) or []}
    # the map's classes are drawn in the viridis colours: at least one region is filled
    assert seen & colours


def test_the_weekly_job_mails_supervisors_with_a_running_election(persona, settings) -> None:
    refresh_all()
    User.objects.filter(username="inspektorat_oku").update(email="inspektorat@example.test")
    today = dt.date(2024, 11, 1)  # Pilkada 2024 runs in OKU
    sent = reports.send_weekly(today)
    assert sent >= 1
    to = [m for m in mail.outbox if "inspektorat@example.test" in m.to]
    assert to and to[0].attachments[0][2] == "application/pdf"
    assert to[0].attachments[0][1][:4] == b"%PDF"


def test_no_weekly_mail_when_no_election_runs(persona) -> None:
    User.objects.filter(username="inspektorat_oku").update(email="inspektorat@example.test")
    reports.send_weekly(dt.date(2031, 6, 1))
    assert not [m for m in mail.outbox if "inspektorat@example.test" in m.to]


def test_on_demand_mail_with_a_failing_mail_server_keeps_the_page(
    client_for, persona, monkeypatch
) -> None:
    refresh_all()
    User.objects.filter(username="bawaslu_oku").update(email="oku@example.test")
    from netral.insights import tasks

    monkeypatch.setattr(tasks.send_report, "delay", lambda *a, **k: None)
    response = client_for("bawaslu_oku").post(reverse("insights:report"), follow=True)
    assert response.status_code == 200
    assert "oku@example.test" in response.content.decode()

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(OSError):  # the job raises, so Celery retries it with back-off
        reports.send_to(persona("bawaslu_oku").pk, {})
