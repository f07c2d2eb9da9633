"""Cases meet the registry: suggestions without a NIP, linking (audited, PPK from the ASN's
agency), a subject opened with a known NIP is linked, the ASN page lists its cases, and the
dashboards count the registry."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from netral.audit.models import AuditEntry
from netral.cases.models import Case, CaseSubject
from netral.insights.models import MeasureValue
from netral.insights.refresh import refresh_all
from netral.registry.caselinks import case_subject_link, case_subject_unlink, suggest
from netral.registry.demo import PEOPLE as DEMO_PEOPLE

TEACHER = DEMO_PEOPLE[0][0]  # Siti Rahmawati, SMP Negeri 1 Baturaja
LURAH = DEMO_PEOPLE[6][0]  # H. Achmad Fauzi, Lurah Sukaraja, Palembang


def test_a_reporter_without_a_nip_is_helped_by_name_agency_and_region(persona):
    found = suggest(
        persona("bawaslu_palembang"),
        name="ahmad fauzi",
        agency="kelurahan sukaraja",
        regency_id="16.71",
    )
    assert found[0].asn.nip == LURAH
    assert any("instansi" in r for r in found[0].reasons)
    assert any("wilayah" in r for r in found[0].reasons)


def test_a_nip_is_suggested_first_and_exactly(persona):
    found = suggest(persona("bawaslu_oku"), name="siapa saja", nip="19850515 201001 2 002")
    assert [(s.asn.nip, s.score) for s in found] == [(TEACHER, 100.0)]


def test_demo_subjects_with_a_known_nip_are_linked_to_their_asn(db):
    subject = CaseSubject.objects.filter(nip=TEACHER).select_related("asn").first()
    assert subject is not None and subject.asn is not None
    assert subject.asn.work_unit.name == "SMP Negeri 1 Baturaja"  # type: ignore[union-attr]


def _unlinked_oku_subject() -> CaseSubject:
    subject = CaseSubject.objects.filter(
        asn__isnull=True, case__regency_id="16.01", case__state="examination"
    ).first()
    assert subject is not None
    return subject


def test_linking_copies_the_asn_takes_its_ppk_and_is_audited(persona):
    subject = _unlinked_oku_subject()
    officer = persona("bawaslu_oku")
    linked = case_subject_link(actor=officer, subject_id=subject.pk, nip=DEMO_PEOPLE[1][0])
    assert linked.asn.nip == DEMO_PEOPLE[1][0] and linked.nip == DEMO_PEOPLE[1][0]  # type: ignore[union-attr]
    assert linked.ppk_institution == linked.asn.agency.ppk is not None  # type: ignore[union-attr]
    entry = AuditEntry.objects.filter(action="case.subject_link").latest("seq")
    assert entry.actor_label == "bawaslu_oku" and entry.object_id == str(subject.case_id)
    case_subject_unlink(actor=officer, subject_id=subject.pk)
    assert CaseSubject.objects.get(pk=subject.pk).asn is None
    assert AuditEntry.objects.filter(action="case.subject_unlink").exists()


def test_an_officer_who_only_reads_the_case_cannot_link(persona):
    subject = _unlinked_oku_subject()
    with pytest.raises(PermissionDenied):
        case_subject_link(actor=persona("analyst"), subject_id=subject.pk, nip=TEACHER)


def test_the_case_page_offers_suggestions_and_shows_other_cases(client_for):
    subject = CaseSubject.objects.filter(nip=TEACHER).first()
    page = client_for("bawaslu_oku").get(f"/staf/perkara/{subject.case_id}/").content.decode()  # type: ignore[union-attr]
    assert f"/staf/asn/{TEACHER}/" in page
    others = CaseSubject.objects.filter(asn__nip=TEACHER).exclude(case_id=subject.case_id)  # type: ignore[union-attr]
    visible = Case.objects.filter(pk__in=others.values("case_id"), regency_id="16.01")
    assert all(c.number in page for c in visible)


def test_the_asn_page_lists_its_cases(client_for):
    page = client_for("bawaslu_oku").get(f"/staf/asn/{TEACHER}/").content.decode()
    numbers = Case.objects.filter(subjects__asn__nip=TEACHER, regency_id="16.01").values_list(
        "number", flat=True
    )
    assert numbers and all(n in page for n in numbers)


def test_the_dashboards_count_active_asn_per_region(db):
    refresh_all(full=True)
    oku = MeasureValue.objects.get(measure="registry.asn", regency_id="16.01")
    assert oku.value >= 500


def test_the_finding_form_finds_the_nip_from_name_agency_and_region(client_for):
    client = client_for("bawaslu_oku")
    assert 'data-testid="asn-lookup"' in client.get("/staf/perkara/temuan-baru/").content.decode()
    answer = client.get(
        "/staf/asn/saran/",
        {
            "subject_name": "siti rahmawati",
            "subject_agency": "SMP Negeri 1 Baturaja",
            "regency": "16.01",
            "target": "id_subject_nip",
        },
    )
    text = answer.content.decode()
    assert f'data-fill-nip="{TEACHER}"' in text and "instansi" in text
