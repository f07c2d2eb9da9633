"""The reporter's side of a case (the report, the reporter's messages, evidence) is for the
Bawaslu staff who handle public reports, inside their jurisdiction; the superuser flag opens
none of it (administration is not case handling)."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import Client

from netral import access
from netral.accounts.models import Institution, User
from netral.accounts.roles import Role
from netral.intake.models import Evidence, Message, Report
from netral.intake.services import report_message_post
from tests.factories import UserFactory

from .conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo_report(submit_form: Any) -> Report:
    photo = SimpleUploadedFile("IMG_0003.jpg", jpeg_with_gps(), "image/jpeg")
    response = submit_form(files=[photo])
    assert response.status_code == 201
    report = Report.objects.get(pk=response.context["report"].pk)
    report_message_post(report=report, body="Saya melihat sendiri kejadiannya.")
    return report


def _section(user: User, report: Report, rf: Any) -> str:
    request = rf.get("/")
    request.user = user
    return Template("{% load intake_tags %}{% report_section case %}").render(
        Context({"request": request, "case": report.case})
    )


def test_the_superuser_flag_opens_nothing_of_the_reporter_side(
    photo_report: Report, client_for: Any, persona: Any, rf: Any
) -> None:
    admin = persona("admin")
    assert admin.is_superuser
    item = Evidence.objects.get(report=photo_report, kind="file")
    client = client_for("admin")
    listed = client.get("/staf/laporan/")
    assert listed.status_code == 200 and photo_report.case.number not in listed.content.decode()
    assert client.get(f"/staf/laporan/{photo_report.pk}/").status_code == 404
    assert client.get(f"/staf/bukti/{item.pk}/").status_code == 404
    assert (
        client.post(f"/staf/laporan/{photo_report.pk}/pesan/", {"body": "Halo pelapor"}).status_code
        == 404
    )
    for model in (Report, Evidence, Message):
        assert not access.visible_to(admin, model).exists(), model
    assert _section(admin, photo_report, rf) == ""
    # the case itself stays in the administrator's register
    assert client.get(f"/staf/perkara/{photo_report.case_id}/").status_code == 200


def test_a_superuser_who_handles_reports_in_bawaslu_sees_them_by_role_not_by_flag(
    photo_report: Report, rf: Any
) -> None:
    oku = Institution.objects.get(name="Bawaslu Kabupaten Ogan Komering Ulu")
    handler = cast(
        User, UserFactory(institution=oku, is_superuser=True, roles=[Role.INTAKE_OFFICER])
    )
    flag_only = cast(User, UserFactory(institution=oku, is_superuser=True, roles=[Role.MONITOR]))
    assert access.visible_to(handler, Report).filter(pk=photo_report.pk).exists()
    assert "Laporan masyarakat" in _section(handler, photo_report, rf)
    assert not access.visible_to(flag_only, Report).exists()
    assert _section(flag_only, photo_report, rf) == ""


def test_handlers_of_the_jurisdiction_read_the_reporter_messages(
    photo_report: Report, client_for: Any
) -> None:
    for username in ("bawaslu_oku", "bawaslu_sumsel", "bawaslu_ri"):
        page = client_for(username).get(f"/staf/laporan/{photo_report.pk}/")
        assert page.status_code == 200
        assert "Saya melihat sendiri kejadiannya." in page.content.decode()
    anonymous = Client()
    assert anonymous.get(f"/staf/laporan/{photo_report.pk}/").status_code == 302
