"""The registry pages and API: each role sees exactly its ASN, an outsider gets 404 for the page
and the endpoint alike, exports are audited, the import page runs a job to its result."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from netral.audit.models import AuditEntry
from netral.registry.models import ImportRun
from tests.registry.conftest import PEOPLE

OKU_CAMAT, OKU_GURU, PLG_LURAH, LANGSA, JATIM, SUMSEL_IN_OKU = (p[0] for p in PEOPLE)


@pytest.mark.parametrize(
    ("username", "sees", "not_sees"),
    [
        ("bawaslu_oku", OKU_CAMAT, LANGSA),
        ("ppk_oku", OKU_GURU, SUMSEL_IN_OKU),
        ("bawaslu_langsa", LANGSA, OKU_CAMAT),
        ("bkn", JATIM, None),
    ],
)
def test_the_asn_page_and_endpoint_answer_inside_the_scope_and_404_outside(
    people, client_for, api_client_for, username, sees, not_sees
):
    web, api = client_for(username), api_client_for(username)
    assert web.get(f"/staf/asn/{sees}/").status_code == 200
    body = api.get(f"/api/v1/asn/{sees}").json()
    assert body["nip"] == sees and "history" in body and "cases" in body
    if not_sees:
        assert web.get(f"/staf/asn/{not_sees}/").status_code == 404
        assert api.get(f"/api/v1/asn/{not_sees}").status_code == 404


def test_the_list_endpoint_searches_inside_the_scope(people, api_client_for):
    body = api_client_for("ppk_oku").get("/api/v1/asn", {"q": "wulan sari"}).json()
    assert body["matched_by"] == "name" and body["results"][0]["nip"] == OKU_GURU
    assert body["results"][0]["score"] >= 90
    assert api_client_for("bawaslu_langsa").get("/api/v1/asn", {"q": OKU_GURU}).json()["count"] == 0
    page = (
        api_client_for("bkn")
        .get("/api/v1/asn", {"region": "16.01", "kind": "administrator", "page_size": 200})
        .json()
    )
    assert OKU_CAMAT in {r["nip"] for r in page["results"]}


def test_a_bad_filter_is_a_422_naming_the_field(people, api_client_for):
    answer = api_client_for("bkn").get("/api/v1/asn", {"region": "sumsel"})
    assert answer.status_code == 422 and "region" in answer.content.decode()


def test_the_public_and_a_token_less_client_get_nothing(people):
    assert Client().get("/api/v1/asn").status_code == 401
    assert Client().get(f"/staf/asn/{OKU_CAMAT}/").status_code == 302  # to the login page


def test_the_search_page_ranks_a_reordered_name_first(people, client_for):
    page = client_for("bawaslu_oku").get("/staf/asn/", {"q": "sari wulan"})
    text = page.content.decode()
    assert page.status_code == 200 and OKU_GURU in text and "urutan kata berbeda" in text


def test_an_export_is_audited(people, client_for):
    answer = client_for("bawaslu_oku").get(
        "/staf/asn/", {"q": "", "region": "16.01", "unduh": "csv"}
    )
    body = b"".join(answer.streaming_content).decode("utf-8-sig")
    assert OKU_CAMAT in body and LANGSA not in body
    entry = AuditEntry.objects.filter(action="asn.export").latest("seq")
    assert entry.actor_label == "bawaslu_oku" and '"region":"16.01"' in entry.data_json


def test_only_importers_see_the_import_page(people, client_for):
    assert client_for("bawaslu_oku").get("/staf/asn/impor/").status_code == 404
    assert client_for("ppk_oku").get("/staf/asn/impor/").status_code == 200


def test_an_upload_is_imported_and_its_refusals_shown(
    people, client_for, django_capture_on_commit_callbacks
):
    client = client_for("ppk_oku")
    data = (
        "NIP,NAMA,INSTANSI\n199105052015041001,Andi Saputra,16.01\n"
        "1.99105E+17,Andi Salah,16.01\n199105052015041002,Orang Langsa,11.74\n"
    )
    upload = SimpleUploadedFile("pegawai.csv", data.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/staf/asn/impor/", {"file": upload, "mode": "partial"})
    assert answer.status_code == 302
    run = ImportRun.objects.latest("id")
    assert (run.state, run.counts["created"], run.counts["refused"]) == ("done", 1, 2)
    page = client.get(answer["Location"]).content.decode()
    assert "1.99105E+17" in page and "Orang Langsa" not in page
    rejects = client.get(f"/staf/asn/impor/{run.pk}/ditolak.csv")
    assert b"Orang Langsa" in b"".join(rejects.streaming_content)
    assert client_for("ppk_langsa").get(f"/staf/asn/impor/{run.pk}/").status_code == 404


def test_an_upload_that_is_not_a_spreadsheet_is_refused_by_content(people, client_for):
    upload = SimpleUploadedFile("pegawai.xlsx", b"not a zip", content_type="application/zip")
    answer = client_for("ppk_oku").post("/staf/asn/impor/", {"file": upload, "mode": "atomic"})
    assert answer.status_code == 200 and "CSV atau XLSX" in answer.content.decode()


def test_a_run_whose_process_stopped_says_so_after_ten_minutes(people, client_for, persona):
    """A web process restarted mid-import (no broker) or a worker gone leaves a run that never
    moves again: its page says so and what to do, instead of a bar that waits forever."""
    import datetime as dt

    from django.utils import timezone

    client = client_for("ppk_oku")
    run = ImportRun.objects.create(
        created_by=persona("ppk_oku"),
        source_name="pegawai.csv",
        state=ImportRun.State.RUNNING,
        heartbeat_at=timezone.now() - dt.timedelta(minutes=3),
    )
    status = f"/staf/asn/impor/{run.pk}/status/"
    assert client.get(f"/staf/asn/impor/{run.pk}/").status_code == 200
    assert b"import-stalled" not in client.get(status).content
    ImportRun.objects.filter(pk=run.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(minutes=11)
    )
    assert b"import-stalled" in client.get(status).content
