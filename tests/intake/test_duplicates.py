"""Duplicate reports: the intake officer is told which reports look the same (the same photo,
the same ASN in the same region, nearly the same text) and merges them into one case; each
reporter keeps their own receipt, messages and sealed identity, and reads the case's progress."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from netral.audit.models import AuditEntry
from netral.cases.models import CaseTransition
from netral.cases.states import State as S
from netral.intake.models import Message, Report
from tests.cases.helpers import drive
from tests.intake.conftest import REPORTER_NAME, form_data, jpeg_with_gps

pytestmark = pytest.mark.django_db

SECOND_NAME = "Rahmat Hidayat"
OTHER_TEXT: dict[str, Any] = {
    "description": "Seorang guru membagikan selebaran pasangan calon di ruang kelas kepada orang "
    "tua murid saat pengambilan rapor.",
    "asn-0-name": "Sri Wahyuni",
    "asn-0-position": "Guru",
    "asn-0-agency_name": "SMP Negeri 1 Baturaja",
}


class Filed:
    """A report filed through /lapor/ by its own reporter (own browser, own receipt)."""

    def __init__(self, **overrides: Any) -> None:
        """`files`: photos (bytes) to attach; anything else overrides a form field."""
        self.client = Client()
        files: list[bytes] = overrides.pop("files", [])
        data = form_data(**overrides)
        if files:
            data["attachments"] = [
                SimpleUploadedFile(f"IMG_{i}.jpg", f, "image/jpeg") for i, f in enumerate(files)
            ]
        response = self.client.post("/lapor/", data)
        assert response.status_code == 201, response.content.decode()[:2000]
        self.receipt = str(response.context["receipt"])
        self.report = Report.objects.get(pk=response.context["report"].pk)

    def status_page(self) -> str:
        opened = self.client.post("/lapor/status/", {"action": "open", "receipt": self.receipt})
        assert opened.status_code == 302
        return self.client.get("/lapor/status/").content.decode()

    def api_status(self) -> dict[str, Any]:
        response = Client().get(
            "/api/v1/reports/status", headers={"X-Netral-Receipt": self.receipt}
        )
        assert response.status_code == 200
        return dict(json.loads(response.content))


def _flags(client: Client, report: Report) -> dict[int, set[str]]:
    response = client.get(f"/staf/laporan/{report.pk}/")
    assert response.status_code == 200
    return {f.report.pk: set(f.reasons) for f in response.context["duplicates"]}


def _merge(client: Client, into: Report, other: Report) -> Any:
    return client.post(f"/staf/laporan/{into.pk}/gabung/", {"other": other.pk})


def test_the_same_photo_is_flagged_with_a_link_to_the_other_report(client_for: Any) -> None:
    photo = jpeg_with_gps()
    first = Filed(files=[photo])
    second = Filed(files=[photo], **OTHER_TEXT)
    officer = client_for("bawaslu_oku")
    assert _flags(officer, second.report)[first.report.pk] == {"evidence"}
    page = officer.get(f"/staf/laporan/{second.report.pk}/").content.decode()
    row = page.split('data-testid="duplicates"')[1].split("</section>")[0]
    assert "foto sama" in row and f'href="/staf/laporan/{first.report.pk}/"' in row
    assert first.report.case.number in row
    # a different photo is no reason
    third = Filed(files=[jpeg_with_gps(color=(10, 200, 10))], **OTHER_TEXT)
    assert "evidence" not in _flags(officer, third.report).get(first.report.pk, set())


def test_the_same_asn_in_the_same_region_is_flagged_whatever_the_titles(
    client_for: Any,
) -> None:
    first = Filed(**{"asn-0-name": "Drs. Achmad Fauzy Rahman, M.Si."})
    second = Filed(
        **{
            **OTHER_TEXT,
            "asn-0-name": "ahmad fauzi rahman",
            "asn-0-agency_name": "Kecamatan Baturaja Timur",
        }
    )
    elsewhere = Filed(  # the same name, but an agency in Palembang: another person
        **{**OTHER_TEXT, "asn-0-name": "Ahmad Fauzi Rahman", "asn-0-regency": "16.71"}
    )
    officer = client_for("bawaslu_oku")
    flags = _flags(officer, second.report)
    assert flags[first.report.pk] == {"asn"}
    assert "asn" not in flags.get(elsewhere.report.pk, set())
    page = officer.get(f"/staf/laporan/{second.report.pk}/").content.decode()
    assert "ASN dan wilayah sama" in page


def test_the_same_nip_is_one_asn_and_two_nips_are_two(client_for: Any) -> None:
    first = Filed(**{"asn-0-name": "Hendra", "asn-0-nip": "198001012005011001"})
    same_nip = Filed(
        **{**OTHER_TEXT, "asn-0-name": "H. Hendra Gunawan", "asn-0-nip": "198001012005011001"}
    )
    other_nip = Filed(**{**OTHER_TEXT, "asn-0-name": "Hendra", "asn-0-nip": "198203152008011003"})
    flags = _flags(client_for("bawaslu_oku"), first.report)
    assert flags[same_nip.report.pk] == {"asn"}
    assert "asn" not in flags.get(other_nip.report.pk, set())


def test_near_identical_text_is_flagged(client_for: Any) -> None:
    text = (
        "Camat Baturaja Timur ikut berorasi di panggung deklarasi bakal calon bupati di Lapangan "
        "Merdeka dan mengajak warga memilih nomor urut dua."
    )
    first = Filed(description=text)
    # A copy with a small edit, about an ASN written differently.
    second = Filed(
        description=text.replace("mengajak warga", "mengajak para warga") + "!",
        **{"asn-0-name": "Pak Camat Baturaja"},
    )
    unrelated = Filed(**OTHER_TEXT)
    flags = _flags(client_for("bawaslu_oku"), second.report)
    assert flags[first.report.pk] == {"text"}
    assert unrelated.report.pk not in flags
    assert (
        "teks hampir sama"
        in client_for("bawaslu_oku").get(f"/staf/laporan/{second.report.pk}/").content.decode()
    )


def test_flags_list_only_reports_the_officer_may_see(client_for: Any) -> None:
    photo = jpeg_with_gps()
    oku = Filed(files=[photo])
    palembang = Filed(  # handled by Bawaslu Palembang: the OKU officer does not see it
        files=[photo], **{**OTHER_TEXT, "province": "16", "regency": "16.71", "asn-0-regency": ""}
    )
    assert palembang.report.case.handling_institution != oku.report.case.handling_institution
    assert palembang.report.pk not in _flags(client_for("bawaslu_oku"), oku.report)
    # the province's office sees both, and is told
    assert _flags(client_for("bawaslu_sumsel"), oku.report)[palembang.report.pk] == {"evidence"}


def test_merge_keeps_each_receipt_working_with_the_cases_progress(client_for: Any) -> None:
    photo = jpeg_with_gps()
    first = Filed(files=[photo])
    second = Filed(
        files=[photo], **{"asn-0-name": "Budi Santoso, S.Sos.", "reporter_name": SECOND_NAME}
    )
    second.client.post("/lapor/status/", {"action": "open", "receipt": second.receipt})
    second.client.post("/lapor/status/", {"action": "message", "body": "Saya juga melihatnya."})
    own_case = second.report.case
    officer = client_for("bawaslu_oku")

    response = _merge(officer, first.report, second.report)
    assert response.status_code == 302
    second.report.refresh_from_db()
    case = first.report.case
    assert second.report.case == case and second.report.merged_from == own_case
    own_case.refresh_from_db()
    assert own_case.state == S.CLOSED
    # one ASN named twice stays one subject, shared by both reporters
    assert case.subjects.count() == 1
    assert {a.subject_id for a in second.report.asn.all()} == {case.subjects.get().pk}

    case = drive(case, S.EXAMINATION)
    for reporter in (first, second):
        page = reporter.status_page()
        assert case.number in page and str(S.EXAMINATION.label) in page
        assert reporter.api_status()["number"] == case.number
        assert reporter.api_status()["state"] == S.EXAMINATION
    second_page = second.status_page()
    assert "Digabung" in second_page and "Kode tanda terima Anda tetap berlaku" in second_page
    # each keeps their own channel: the first reporter never reads the second one's message
    assert "Saya juga melihatnya." in second_page
    assert "Saya juga melihatnya." not in first.status_page()
    second.client.post("/lapor/status/", {"action": "message", "body": "Ada video baru."})
    assert Message.objects.filter(report=second.report, body="Ada video baru.").exists()
    # nothing internal: not the closing note, not the officer, not the other reporter
    for secret in ("Digabung ke perkara", "bawaslu_oku", REPORTER_NAME, SECOND_NAME):
        assert secret not in second_page, secret

    # the sealed identity stays the second reporter's own, opened on their report only
    opened = officer.post(
        f"/staf/laporan/{second.report.pk}/identitas/", {"reason": "Klarifikasi pelapor kedua"}
    )
    identity = opened.content.decode().split('data-testid="identity"')[1].split("</article>")[0]
    assert SECOND_NAME in identity and REPORTER_NAME not in identity

    # the outcome reaches both reporters for the ASN they named
    drive(case, S.EXECUTED)
    for reporter in (first, second):
        outcomes = reporter.status_page().split('data-testid="outcomes"')[1]
        assert "Terbukti" in outcomes and "Penurunan jabatan setingkat lebih rendah" in outcomes


def test_a_second_merge_click_merges_nothing(client_for: Any) -> None:
    first, second = Filed(), Filed(**OTHER_TEXT)
    officer = client_for("bawaslu_oku")
    assert _merge(officer, first.report, second.report).status_code == 302
    transitions = CaseTransition.objects.count()
    again = _merge(officer, first.report, second.report)
    assert again.status_code == 302
    shown = officer.get(again["Location"]).content.decode()
    assert "sudah tergabung dalam perkara ini" in shown
    assert AuditEntry.objects.filter(action="report.merge").count() == 1
    assert CaseTransition.objects.count() == transitions
    # and the other way round, from the merged report's own page, is the same case: no-op
    assert _merge(officer, second.report, first.report).status_code == 302
    assert AuditEntry.objects.filter(action="report.merge").count() == 1


def test_an_officer_of_another_jurisdiction_gets_404(client_for: Any) -> None:
    first, second = Filed(), Filed(**OTHER_TEXT)
    for outsider in ("bawaslu_palembang", "monitor_oku", "ppk_oku", "admin"):
        assert _merge(client_for(outsider), first.report, second.report).status_code == 404
    palembang = Filed(**{**OTHER_TEXT, "regency": "16.71", "asn-0-regency": ""})
    # the OKU officer cannot pull in (or learn of) a report they do not see
    assert _merge(client_for("bawaslu_oku"), first.report, palembang.report).status_code == 404
    assert Report.objects.filter(merged_at__isnull=False).count() == 0


def test_the_merge_is_audited(client_for: Any) -> None:
    first, second = Filed(), Filed(**OTHER_TEXT)
    joined = second.report.case.number
    _merge(client_for("bawaslu_oku"), first.report, second.report)
    entry = AuditEntry.objects.get(action="report.merge", object_id=str(second.report.pk))
    assert entry.actor_label == "bawaslu_oku"
    data = json.loads(entry.data_json)
    assert data["from"] == joined and data["into"] == first.report.case.number
    closed = AuditEntry.objects.get(action="case.merge", object_type="cases.case")
    assert json.loads(closed.data_json)["subjects_joined"] == ["Sri Wahyuni"]


def test_merge_is_refused_with_a_reason_once_a_case_is_examined_or_decided(
    client_for: Any,
) -> None:
    first, second = Filed(), Filed(**OTHER_TEXT)
    officer = client_for("bawaslu_oku")
    drive(second.report.case, S.REGISTERED)
    refused = _merge(officer, first.report, second.report)
    assert refused.status_code == 409
    assert "Diregistrasi" in refused.context["merge_error"]
    decided = drive(first.report.case, S.PROVEN)
    third = Filed(**{**OTHER_TEXT, "asn-0-name": "Rudi"})
    refused = _merge(officer, first.report, third.report)
    assert refused.status_code == 409 and decided.number in refused.context["merge_error"]
    assert "Terbukti" in refused.content.decode()
    assert Report.objects.filter(merged_at__isnull=False).count() == 0


def test_the_case_page_shows_every_report_and_the_closed_case_points_on(
    client_for: Any,
) -> None:
    first, second = Filed(), Filed(**OTHER_TEXT)
    own_case = second.report.case
    officer = client_for("bawaslu_oku")
    _merge(officer, first.report, second.report)
    page = officer.get(f"/staf/perkara/{first.report.case_id}/").content.decode()
    assert page.count('class="report-section"') == 2 and OTHER_TEXT["description"] in page
    closed = officer.get(f"/staf/perkara/{own_case.pk}/").content.decode()
    assert 'data-testid="merged-away"' in closed and first.report.case.number in closed


def _list_queries(client: Client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/staf/laporan/").content.decode()
    return page, len(queries)


def test_the_report_list_marks_reports_sharing_a_photo_in_fixed_queries(
    client_for: Any,
) -> None:
    photo = jpeg_with_gps()
    first, second = Filed(files=[photo]), Filed(files=[photo], **OTHER_TEXT)
    alone = Filed(files=[jpeg_with_gps(color=(1, 2, 3))], **OTHER_TEXT)
    officer = client_for("bawaslu_oku")
    page, before = _list_queries(officer)
    marked = page.split('data-testid="shared-evidence" href="')[1:]
    targets = {link.split('"')[0] for link in marked}
    assert f"/staf/laporan/{first.report.pk}/#duplikat" in targets
    assert f"/staf/laporan/{second.report.pk}/#duplikat" in targets
    assert f"/staf/laporan/{alone.report.pk}/#duplikat" not in targets
    for _ in range(3):
        Filed(files=[photo], **OTHER_TEXT)
    page, after = _list_queries(officer)
    assert (
        after == before and len(page.split('data-testid="shared-evidence"')) - 1 == len(marked) + 3
    )
