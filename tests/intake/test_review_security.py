"""Security review of the public channel: API input that used to reach the database unchecked,
who on the staff side sees a report, and what a reporter leaves behind (nothing)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test import Client

from netral.audit.models import AuditEntry
from netral.intake.models import Evidence, Report

from .conftest import REPORTER_NAME, api_body, jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        # an unknown kab/kota of the ASN's agency was a broken foreign key at commit (HTTP 500)
        ({"subjects": [{"name": "Budi", "regency": "99.99"}]}, "subjects.0.regency"),
        ({"incident_date": "2999-01-01"}, "incident_date"),
        ({"incident_date": "2024-08-10", "discovered_date": "2024-08-01"}, "discovered_date"),
        ({"province": "31", "regency": "16.01"}, "regency"),
        ({"district": "35.78.01"}, "district"),
        ({"anonymous": "yes"}, "anonymous"),
        ({"anonymous": 1}, "anonymous"),
    ],
)
def test_api_refuses_bad_places_dates_and_types_by_field(
    submit_api: Any, patch: dict[str, Any], field: str
) -> None:
    before = Report.objects.count()
    response = submit_api(api_body(**patch))
    assert response.status_code == 422, response.content
    assert field in [e["field"] for e in response.json()["errors"]]
    assert Report.objects.count() == before


@pytest.fixture
def photo_report(submit_form: Any) -> Report:
    photo = SimpleUploadedFile("IMG_0002.jpg", jpeg_with_gps(), "image/jpeg")
    response = submit_form(files=[photo])
    assert response.status_code == 201
    return Report.objects.get(pk=response.context["report"].pk)


@pytest.mark.parametrize(
    "username",
    ["monitor_oku", "analyst", "inspektorat_oku", "satgas", "kemendagri", "ppk_oku", "bkn_kanreg7"],
)
def test_staff_outside_report_handling_get_404(
    photo_report: Report, client_for: Any, rf: Any, persona: Any, username: str
) -> None:
    item = Evidence.objects.get(report=photo_report, kind="file")
    client = client_for(username)
    assert client.get(f"/staf/laporan/{photo_report.pk}/").status_code == 404
    assert client.get(f"/staf/bukti/{item.pk}/").status_code == 404
    assert (
        client.post(
            f"/staf/laporan/{photo_report.pk}/identitas/", {"reason": "ingin tahu pelapor"}
        ).status_code
        == 404
    )
    assert photo_report.case.number not in client.get("/staf/laporan/").content.decode()
    request = rf.get("/")
    request.user = persona(username)
    html = Template("{% load intake_tags %}{% report_section case %}").render(
        Context({"request": request, "case": photo_report.case})
    )
    assert html == ""


def test_handling_officers_still_see_the_report(photo_report: Report, client_for: Any) -> None:
    item = Evidence.objects.get(report=photo_report, kind="file")
    for username in ("bawaslu_oku", "bawaslu_sumsel", "bawaslu_ri"):
        assert client_for(username).get(f"/staf/laporan/{photo_report.pk}/").status_code == 200
        assert client_for(username).get(f"/staf/bukti/{item.pk}/").status_code == 200


def _database_text() -> str:
    rows: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            # table names come from the database's own catalogue, quoted
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows += [repr(row) for row in cursor.fetchall()]
    return "\n".join(rows)


def test_reporter_leaves_no_address_agent_receipt_or_name_behind(
    submit_form: Any, client_for: Any
) -> None:
    reporter = Client(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="ProbeBrowser/9.9")
    response = submit_form(client=reporter)
    receipt = str(response.context["receipt"])
    assert reporter.post("/lapor/status/", {"receipt": receipt}).status_code == 302
    assert (
        reporter.post(
            "/lapor/status/", {"action": "message", "body": "Tambahan keterangan."}
        ).status_code
        == 302
    )
    report = response.context["report"]
    officer = client_for("bawaslu_oku")
    officer.post(f"/staf/laporan/{report.pk}/pesan/", {"body": "Terima kasih."})
    stored = _database_text()
    for needle in (
        "203.0.113.77",
        "ProbeBrowser",
        receipt,
        receipt.replace("-", ""),
        REPORTER_NAME,
    ):
        assert needle not in stored
    # messages both ways are audited, without their text
    entries = AuditEntry.objects.filter(object_type="intake.report", object_id=str(report.pk))
    actions = {e.action: e for e in entries}
    assert actions["report.message_from_reporter"].actor_label == "pelapor"
    assert actions["report.message_to_reporter"].actor_label == "bawaslu_oku"
    assert all("Tambahan keterangan" not in e.data_json for e in entries)
