"""No report stranded before the PPK: the default PPK, the audited correction of an ASN, the
refusal to hand a case to no PPK, and the sweep's list of cases already stuck."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404

from netral.audit.models import AuditEntry
from netral.cases.models import Case, CaseSubject, Recommendation
from netral.cases.queries import inbox
from netral.cases.services.subjects import case_subject_correct, stuck_cases
from netral.cases.states import State as S
from netral.intake.models import Report
from tests.cases.helpers import drive, move, open_oku_case, pemkab_oku, upload, user
from tests.intake.conftest import form_data

pytestmark = pytest.mark.django_db


def _no_ppk_case() -> Case:
    """An ASN with no PPK and an incident with no kab/kota: nothing to default from."""
    return open_oku_case(
        incident_regency_id=None,
        handling_institution=user("bawaslu_oku").institution,
        subjects=[{"name": "Sri Wahyuni", "agency_name": ""}],
    )


def test_a_report_filed_with_every_default_reaches_the_ppk_of_the_incident_regency(
    client: Any,
) -> None:
    # "Wilayah instansi" left at "sama dengan tempat kejadian / tidak tahu".
    response = client.post(
        "/lapor/",
        form_data(
            **{
                "asn-0-regency": "",
                "asn-0-agency_name": "SMP Negeri 1 Baturaja",
                "asn-0-position": "Guru",
                "asn-0-name": "Rina Marlina",
            }
        ),
    )
    assert response.status_code == 201
    case = Report.objects.latest("id").case
    subject = case.subjects.get()
    assert subject.ppk_institution == pemkab_oku() and subject.ppk_from_incident
    case = drive(case, S.RECOMMENDED_TO_PPK)
    assert case.state == S.RECOMMENDED_TO_PPK
    assert case in inbox(user("ppk_oku"))
    page = client_for_page("bawaslu_oku", case)
    assert "PPK diduga dari tempat kejadian" in page


def client_for_page(username: str, case: Case) -> str:
    from django.test import Client

    from tests.two_factor import pass_second_factor

    c = Client()
    officer = user(username)
    c.force_login(officer)
    pass_second_factor(c, officer)
    return c.get(f"/staf/perkara/{case.pk}/").content.decode()


def test_a_case_with_an_asn_without_ppk_cannot_move_to_the_ppk_and_says_why() -> None:
    case = drive(_no_ppk_case(), S.AUTHORITY_VERIFICATION)
    upload(case, "bkn", "recommendation_ppk")
    with pytest.raises(ValidationError) as refused:
        move(
            case,
            "bkn",
            S.RECOMMENDED_TO_PPK,
            letter_number="9953/B/2024",
            sanctions={str(case.subjects.get().pk): {"level": "ringan", "sanction": "Teguran"}},
        )
    text = " ".join(refused.value.messages)
    assert "Sri Wahyuni" in text and "Instansi PPK" in text
    case.refresh_from_db()
    assert case.state == S.AUTHORITY_VERIFICATION
    assert not Recommendation.objects.filter(case=case, kind="to_ppk").exists()


def test_correcting_a_subject_is_audited_and_lets_the_case_reach_the_ppk() -> None:
    case = drive(_no_ppk_case(), S.AUTHORITY_VERIFICATION)
    sid = case.subjects.get().pk
    before = case.version
    case_subject_correct(
        case_id=case.pk,
        subject_id=sid,
        actor=user("bkn_kanreg7"),
        data={
            "ppk_institution": pemkab_oku().pk,
            "agency_name": "SMP Negeri 1 Baturaja",
            "nip": "1980 0101 200501 1 001",
            "position": "Guru",
        },
    )
    subject = CaseSubject.objects.get(pk=sid)
    assert subject.ppk_institution == pemkab_oku() and subject.nip == "198001012005011001"
    assert subject.decision_institution == pemkab_oku()
    entry = AuditEntry.objects.filter(action="case.subject_correct").latest("id")
    assert entry.actor_label == "bkn_kanreg7" or entry.actor_id == user("bkn_kanreg7").pk
    assert entry.data["changes"]["ppk_institution"] == ["", pemkab_oku().name]
    assert entry.data["changes"]["nip"] == ["", "198001012005011001"]
    case.refresh_from_db()
    assert case.version == before + 1
    case = drive(case, S.RECOMMENDED_TO_PPK)
    assert case in inbox(user("ppk_oku"))


def test_a_case_already_stuck_is_listed_by_the_sweep_and_a_correction_frees_it() -> None:
    case = drive(open_oku_case(), S.RECOMMENDED_TO_PPK)
    # A case from before the refusal: at the PPK stage with nobody to decide.
    CaseSubject.objects.filter(case=case).update(ppk_institution=None, decision_institution=None)
    assert case not in inbox(user("ppk_oku"))
    out = StringIO()
    call_command("sweep", stdout=out)
    assert case.number in out.getvalue() and "Budi Santoso" in out.getvalue()
    assert list(stuck_cases()) == [case]
    case.stages.filter(stage="ppk_follow_up").update(responsible=None)
    case_subject_correct(
        case_id=case.pk,
        subject_id=case.subjects.get().pk,
        actor=user("bawaslu_oku"),
        data={"ppk_institution": pemkab_oku()},
    )
    assert not stuck_cases().exists()
    assert case in inbox(user("ppk_oku"))
    open_clocks = case.stages.filter(stage="ppk_follow_up", completed_at__isnull=True)
    assert [s.responsible for s in open_clocks] == [pemkab_oku()]
    assert case.recommendations.filter(kind="to_ppk", addressee=pemkab_oku()).exists()


@pytest.mark.parametrize("username", ["ppk_oku", "inspektorat_oku", "bawaslu_palembang"])
def test_only_bawaslu_and_bkn_on_the_case_may_correct(username: str) -> None:
    case = drive(open_oku_case(), S.RECOMMENDED_TO_PPK)
    with pytest.raises((PermissionDenied, Http404)):
        case_subject_correct(
            case_id=case.pk,
            subject_id=case.subjects.get().pk,
            actor=user(username),
            data={"position": "Lurah"},
        )
    assert case.subjects.get().position == "Camat"


def test_no_correction_once_the_ppk_decided() -> None:
    case = drive(open_oku_case(), S.PPK_DECIDED)
    with pytest.raises(PermissionDenied):
        case_subject_correct(
            case_id=case.pk,
            subject_id=case.subjects.get().pk,
            actor=user("bkn"),
            data={"position": "Lurah"},
        )


def test_the_case_page_corrects_an_asn_and_names_a_wrong_field(client_for: Any) -> None:
    case = _no_ppk_case()
    sid = case.subjects.get().pk
    client = client_for("bawaslu_oku")
    page = client.get(f"/staf/perkara/{case.pk}/").content.decode()
    assert 'data-testid="without-ppk"' in page and f'data-testid="correct-{sid}"' in page
    url = f"/staf/perkara/{case.pk}/asn/{sid}/"
    bad = client.post(
        url,
        {
            f"s{sid}-ppk_institution": pemkab_oku().pk,
            f"s{sid}-nip": "123",
            f"s{sid}-employment_type": "pns",
        },
    )
    assert bad.status_code == 422 and "NIP" in bad.content.decode()
    assert CaseSubject.objects.get(pk=sid).ppk_institution is None
    ok = client.post(
        url,
        {
            f"s{sid}-ppk_institution": pemkab_oku().pk,
            f"s{sid}-nip": "",
            f"s{sid}-position": "Guru",
            f"s{sid}-employment_type": "pppk",
        },
    )
    assert ok.status_code == 302
    subject = CaseSubject.objects.get(pk=sid)
    assert (subject.ppk_institution, subject.position, subject.employment_type) == (
        pemkab_oku(),
        "Guru",
        "pppk",
    )
    assert (
        'data-testid="without-ppk"' not in client.get(f"/staf/perkara/{case.pk}/").content.decode()
    )


def test_supervisors_get_no_correction_form(client_for: Any) -> None:
    case = drive(open_oku_case(), S.RECOMMENDED_TO_PPK)
    page = client_for("inspektorat_oku").get(f"/staf/perkara/{case.pk}/").content.decode()
    assert "Koreksi data ASN" not in page
