"""Submitting through /lapor/: named and anonymous, with and without NIP; routing; the sealed
identity; what the page says when input is wrong."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import connection

from netral.audit.models import AuditEntry
from netral.intake.models import Report

from .conftest import REPORTER_NAME

pytestmark = pytest.mark.django_db


def _report(response: Any) -> Report:
    assert response.status_code == 201, response.content.decode()[:2000]
    return Report.objects.select_related("case__handling_institution").get(
        pk=response.context["report"].pk
    )


def test_named_report_without_nip_is_received_and_routed_to_oku(
    submit_form: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_form()
    report = _report(response)
    case = report.case
    assert not report.anonymous and report.identity_sealed
    assert case.state == "received" and case.origin == "report"
    assert case.handling_institution.name == "Bawaslu Kabupaten Ogan Komering Ulu"
    assert case.regency_id == "16.01"
    assert list(case.subjects.values_list("name", "nip")) == [("Budi Santoso", "")]
    html = response.content.decode()
    groups = response.context["receipt"].split("-")
    assert all(f'<span class="grp">{g}</span>' in html for g in groups)
    assert "bawaslu_oku@demo.netral.invalid" in [to for m in mail.outbox for to in m.to]


def test_anonymous_report_with_nip_is_informasi_awal(submit_form: Any) -> None:
    response = submit_form(
        anonymous="1", reporter_name="", reporter_address="", **{"asn-0-nip": "198609262015051001"}
    )
    report = _report(response)
    assert report.anonymous and report.identity_sealed == b""
    assert report.case.subjects.get().nip == "198609262015051001"
    assert "informasi awal" in response.content.decode()


def test_invalid_nip_is_refused_next_to_the_field_and_input_is_kept(submit_form: Any) -> None:
    before = Report.objects.count()
    response = submit_form(**{"asn-0-nip": "198609262015053001"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Digit ke-15 (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)" in html
    assert "Camat ikut berorasi di deklarasi bakal calon bupati." in html  # nothing lost
    assert 'value="Budi Santoso"' in html and REPORTER_NAME in html
    assert Report.objects.count() == before


def test_named_report_needs_name_and_address(submit_form: Any) -> None:
    response = submit_form(reporter_name="", reporter_address="")
    assert response.status_code == 400
    assert response.context["form"].errors["reporter_name"]
    assert response.context["form"].errors["reporter_address"]


def test_several_asn_in_one_report(submit_form: Any) -> None:
    response = submit_form(
        **{
            "asn-TOTAL_FORMS": "3",
            "asn-1-name": "Sari Dewi",
            "asn-1-employment_type": "pppk",
            "asn-2-name": "Lurah Y",
        }
    )
    report = _report(response)
    assert report.case.subjects.count() == 3
    assert report.asn.count() == 3


@pytest.mark.parametrize(
    ("election", "regency", "office"),
    [
        ("pilgub-sumsel-2024", "16.01", "Bawaslu Provinsi Sumatera Selatan"),
        ("pemilu-2024", "11.74", "Panwaslih Kota Langsa"),
        ("pemilu-2024", "", "Bawaslu Republik Indonesia"),
    ],
)
def test_routing_follows_the_election_and_the_incident_region(
    submit_form: Any, election: str, regency: str, office: str
) -> None:
    province = regency.split(".")[0] if regency else ""
    response = submit_form(
        election=election, province=province, regency=regency, **{"asn-0-regency": ""}
    )
    assert _report(response).case.handling_institution.name == office


def _tables_containing(needle: bytes) -> set[str]:
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (introspected names)
            for row in cursor.fetchall():
                for value in row:
                    raw = (
                        bytes(value)
                        if isinstance(value, bytes | memoryview)
                        else str(value).encode()
                    )
                    if needle in raw:
                        found.add(table)
    return found


def test_identity_is_not_readable_in_the_database(submit_form: Any) -> None:
    _report(submit_form())
    assert "cases_casesubject" in _tables_containing(b"Budi Santoso")  # the search works
    assert _tables_containing(REPORTER_NAME.encode()) == set()
    assert _tables_containing(b"Jl. Melati 7") == set()


def test_audit_records_the_report_but_not_the_reporter(submit_form: Any) -> None:
    report = _report(submit_form())
    entry = AuditEntry.objects.get(action="report.submit", object_id=str(report.pk))
    assert entry.actor_label == "pelapor" and entry.regency_code == "16.01"
    assert REPORTER_NAME not in entry.data_json and "receipt" not in entry.data_json


def test_honeypot_refuses_and_says_why(submit_form: Any) -> None:
    response = submit_form(website="http://spam.example")
    assert response.status_code == 400
    assert "kolom tersembunyi" in response.content.decode()


def test_submissions_are_rate_limited_with_a_message(
    submit_form: Any, settings: Any, monkeypatch: Any
) -> None:
    from netral.intake import throttle

    monkeypatch.setattr(throttle, "SUBMIT_PER_CLIENT", "2/h")
    assert submit_form().status_code == 201
    assert submit_form().status_code == 201
    response = submit_form()
    assert response.status_code == 429
    assert "Terlalu banyak laporan dari perangkat ini" in response.content.decode()


def test_reloading_the_submitted_form_does_not_make_a_second_report(submit_form: Any) -> None:
    from .conftest import form_data

    data = form_data()
    from django.test import Client

    client = Client()
    first = client.post("/lapor/", data)
    second = client.post("/lapor/", data)
    assert first.status_code == 201 and second.status_code == 201
    assert first.context["report"].pk == second.context["report"].pk
    assert second.context["receipt"] == first.context["receipt"]


def test_form_page_offers_catalogue_and_says_anonymous_is_informasi_awal(anon: Any) -> None:
    html = anon.get("/lapor/").content.decode()
    assert 'name="violations" value="E1"' in html and 'name="other_violation"' in html
    assert "Laporan tanpa nama diterima sebagai informasi awal." in html
    assert "Nama dan alamat pelapor" in html and "Bukti (foto, video, dokumen, atau tautan)" in html
