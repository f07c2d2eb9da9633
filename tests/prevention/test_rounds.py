"""Staff side of pact rounds: starting, who sees and runs them, links with the mail server down,
reminders, printed codes, paper batches, coverage, the dashboard measure, template versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from netral.audit.models import AuditEntry
from netral.jobs.models import PendingJob
from netral.prevention import codes, coverage, pacts
from netral.prevention.measures import PreventionMeasures
from netral.prevention.models import PactRound, PactSignature, PactTemplate

from .conftest import HEAD_NIP, PAPER_NIP, STAFF_NIP

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_ppk_officer_starts_a_round_for_heads_of_units_first(
    client_for: Callable[[str], Client], staff: Any, oku: Any, sumsel: Any
) -> None:
    response = client_for("ppk_oku").post(
        "/staf/pencegahan/pakta/mulai/",
        {"agency": oku.pk, "election": sumsel.pk, "scope": "pimpinan"},
    )
    assert response.status_code == 302
    made = PactRound.objects.get(agency=oku, election=sumsel)
    invited = set(made.invitations.values_list("asn__nip", flat=True))
    assert HEAD_NIP in invited and STAFF_NIP not in invited
    assert all(made.invitations.values_list("is_head", flat=True))
    assert AuditEntry.objects.filter(action="pact.round_start", object_id=str(made.pk)).exists()
    # The next round ("all") invites only those not invited yet.
    rest = pacts.pact_round_start(actor=made.started_by, agency=oku, election=sumsel)
    assert STAFF_NIP in set(rest.invitations.values_list("asn__nip", flat=True))
    assert HEAD_NIP not in set(rest.invitations.values_list("asn__nip", flat=True))


def test_a_round_with_nobody_left_says_so(
    client_for: Callable[[str], Client], oku: Any, sumsel: Any, pact_round: PactRound
) -> None:
    response = client_for("ppk_oku").post(
        "/staf/pencegahan/pakta/mulai/", {"agency": oku.pk, "election": sumsel.pk, "scope": "semua"}
    )
    assert response.status_code == 400
    assert "Tidak ada ASN aktif yang belum diundang" in response.content.decode()


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("ppk_oku", 200),
        ("bawaslu_oku", 200),
        ("inspektorat_oku", 200),
        ("bawaslu_sumsel", 200),
        ("analyst", 200),
        ("bawaslu_ri", 200),
        ("ppk_langsa", 404),
        ("bawaslu_palembang", 404),
        ("bawaslu_langsa", 404),
        ("ppk_jatim", 404),
    ],
)
def test_who_sees_a_round(
    client_for: Callable[[str], Client], pact_round: PactRound, username: str, status: int
) -> None:
    client = client_for(username)
    assert client.get(f"/staf/pencegahan/pakta/{pact_round.pk}/").status_code == status
    listed = client.get("/staf/pencegahan/pakta/").context["page"].object_list
    assert (pact_round in list(listed)) == (status == 200)


@pytest.mark.parametrize(
    ("username", "status"),
    [("bawaslu_oku", 403), ("analyst", 403), ("inspektorat_oku", 403), ("ppk_langsa", 404)],
)
def test_only_the_agencys_ppk_officer_runs_a_round(
    client_for: Callable[[str], Client], pact_round: PactRound, username: str, status: int
) -> None:
    client = client_for(username)
    for action in ("kirim", "ingatkan", "kode"):
        response = client.post(f"/staf/pencegahan/pakta/{pact_round.pk}/{action}/")
        assert response.status_code == status, action
    assert not PactRound.objects.filter(
        pk=pact_round.pk, invitations__emailed_at__isnull=False
    ).exists()


def test_the_public_and_outsiders_get_nothing(
    anon: Client, pact_round: PactRound, client_for: Callable[[str], Client]
) -> None:
    assert anon.get("/staf/pencegahan/pakta/").status_code == 302  # to the login page
    assert anon.get(f"/staf/pencegahan/pakta/{pact_round.pk}/").status_code == 302
    langsa = client_for("ppk_langsa")
    assert (
        langsa.post(
            "/staf/pencegahan/pakta/mulai/",
            {"agency": pact_round.agency_id, "election": pact_round.election_id, "scope": "semua"},
        ).status_code
        == 400
    )  # not among the agencies it may choose


def test_links_go_out_later_when_the_mail_server_is_down(
    smtp_down: None,
    client_for: Callable[[str], Client],
    pact_round: PactRound,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("ppk_oku").post(f"/staf/pencegahan/pakta/{pact_round.pk}/kirim/")
    assert response.status_code == 302
    job = PendingJob.objects.get()
    assert job.task == "netral.prevention.tasks.mail_invitations"
    assert "ConnectionRefusedError" in job.last_error


def test_reminders_reach_only_those_who_have_not_signed(
    mailed_code: Callable[[str], str],
    persona: Callable[[str], Any],
    pact_round: PactRound,
    django_capture_on_commit_callbacks: Any,
) -> None:
    inv = pacts.pact_identify(
        code=mailed_code("agus@okukab.go.id"), birth_date=dt.date(1977, 11, 11)
    )
    assert inv is not None
    pacts.pact_sign(invitation_id=inv.pk, agreed=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = pacts.pact_links_send(
            actor=persona("ppk_oku"), round_id=pact_round.pk, reminder=True
        )
    to = {a for m in mail.outbox for a in m.to}
    assert "putri@okukab.go.id" in to and "agus@okukab.go.id" not in to
    assert sent == len(to)
    assert "Pengingat" in mail.outbox[0].subject
    # The reminder carries the same code as the first mail: it still opens the invitation.
    assert (
        pacts.pact_identify(code=mailed_code("putri@okukab.go.id"), birth_date=dt.date(1995, 2, 2))
        is not None
    )


def test_printed_codes_open_the_invitations_and_are_logged_as_an_export(
    client_for: Callable[[str], Client], pact_round: PactRound
) -> None:
    response = client_for("ppk_oku").post(f"/staf/pencegahan/pakta/{pact_round.pk}/kode/")
    rows = response.context["rows"]
    assert PAPER_NIP in {r.invitation.asn.nip for r in rows}
    assert all(r.invitation.asn.email == "" for r in rows)
    joko = next(r for r in rows if r.invitation.asn.nip == PAPER_NIP)
    assert pacts.pact_identify(code=joko.code, birth_date=dt.date(1993, 6, 6)) is not None
    assert (
        AuditEntry.objects.filter(action="asn.export").latest("seq").data_json.count("pact-codes")
        == 1
    )


def _paper(client: Client, pact_round: PactRound, nips: str, scan: bytes = PDF) -> Any:
    return client.post(
        f"/staf/pencegahan/pakta/{pact_round.pk}/kertas/",
        {"scan": SimpleUploadedFile("lembar.pdf", scan), "signed_on": "2024-10-02", "nips": nips},
    )


def test_a_paper_batch_with_a_bad_line_records_nothing_and_names_the_line(
    client_for: Callable[[str], Client], pact_round: PactRound
) -> None:
    response = _paper(
        client_for("ppk_oku"), pact_round, f"{PAPER_NIP}\n12345\n198811112012121005\n"
    )
    assert response.status_code == 400
    errors = response.context["paper_form"].non_field_errors()
    assert any(e.startswith("Baris 2:") for e in errors)
    assert any("Baris 3: NIP 198811112012121005 tidak diundang" in e for e in errors)
    assert not PactSignature.objects.filter(round=pact_round).exists()


def test_a_scan_that_is_not_a_document_is_refused(
    client_for: Callable[[str], Client], pact_round: PactRound
) -> None:
    response = _paper(client_for("ppk_oku"), pact_round, PAPER_NIP, scan=b"MZ\x90\x00 not a pdf")
    assert response.status_code == 400
    assert "diperiksa dari isinya" in response.content.decode()


def test_a_paper_batch_records_signatures_in_bulk(
    client_for: Callable[[str], Client], pact_round: PactRound
) -> None:
    client = client_for("ppk_oku")
    response = _paper(client, pact_round, f"{PAPER_NIP}\n{HEAD_NIP.replace('', ' ').strip()}\n")
    assert response.status_code == 302
    signed = PactSignature.objects.filter(round=pact_round)
    assert set(signed.values_list("asn__nip", flat=True)) == {PAPER_NIP, HEAD_NIP}
    assert {s.method for s in signed} == {"kertas"}
    assert signed.first().signed_at.date() == dt.date(2024, 10, 2)  # type: ignore[union-attr]
    again = _paper(client, pact_round, PAPER_NIP)
    assert again.status_code == 302 and signed.count() == 2  # already recorded, not twice


def test_coverage_counts_heads_first_and_ignores_revoked(
    client_for: Callable[[str], Client],
    pact_round: PactRound,
    persona: Callable[[str], Any],
    oku: Any,
    sumsel: Any,
) -> None:
    _paper(client_for("ppk_oku"), pact_round, f"{PAPER_NIP}\n{HEAD_NIP}")
    cov = coverage.of_round(pact_round)
    heads = pact_round.invitations.filter(is_head=True).count()
    total = pact_round.invitations.count()
    assert (cov["heads"].signed, cov["heads"].total) == (1, heads)
    assert (cov["all"].signed, cov["all"].total) == (2, total)
    unit = next(s for s in cov["units"] if s.label == "Dinas Kesehatan")
    assert (unit.signed, unit.total) == (2, 3)
    revoked = PactSignature.objects.get(asn__nip=PAPER_NIP)
    pacts.pact_signature_revoke(actor=persona("ppk_oku"), signature_id=revoked.pk, reason="x")
    assert coverage.of_round(pact_round)["all"].signed == 1
    rows = coverage.by_agency(persona("bawaslu_sumsel"), sumsel)
    row = next(r for r in rows if r.agency_id == oku.pk)
    assert (row.signed, row.heads_signed, row.invited) == (1, 1, total)
    page = client_for("bawaslu_oku").get("/staf/pencegahan/pakta/cakupan/", {"election": sumsel.pk})
    assert page.status_code == 200 and row in page.context["rows"]
    assert coverage.by_agency(persona("bawaslu_langsa"), sumsel) == []


def test_the_dashboard_measure_counts_signatures_per_day_and_region(
    client_for: Callable[[str], Client], pact_round: PactRound, sumsel: Any
) -> None:
    _paper(client_for("ppk_oku"), pact_round, f"{PAPER_NIP}\n{HEAD_NIP}")
    buckets = [
        b
        for b in PreventionMeasures().buckets(None)
        if b.election_id == sumsel.pk and b.measure == "prevention.pacts_signed"
    ]
    assert [(b.measure, b.regency_id, b.day, b.value) for b in buckets] == [
        ("prevention.pacts_signed", "16.01", dt.date(2024, 10, 2), 2)
    ]


def test_the_demo_rounds_have_partial_coverage() -> None:
    for code in ("16.01", "11.74"):
        demo = PactRound.objects.get(agency__code=code)
        cov = coverage.of_round(demo)
        assert 0 < cov["all"].signed < cov["all"].total, code
    assert codes.normalize("DEMO-0KU0-0004") == "DEM00KU00004"


def test_editing_a_pact_in_admin_saves_the_next_version(
    client_for: Callable[[str], Client], sumsel: Any
) -> None:
    from tests.admin_forms import form_fields

    first = PactTemplate.objects.get(election=sumsel)
    client = client_for("admin")
    url = f"/admin/prevention/pacttemplate/{first.pk}/change/"
    fields = form_fields(client.get(url).content.decode(), "pacttemplate_form")
    fields["points"] = first.points + "\nButir baru."
    assert client.post(url, fields).status_code == 302
    versions = list(PactTemplate.objects.filter(election=sumsel).values_list("version", "points"))
    assert [v for v, _ in versions] == [2, 1]
    assert versions[1][1] == first.points  # the signed text is kept as it was
