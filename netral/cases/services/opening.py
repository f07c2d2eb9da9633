"""Writes on cases: opening a case. Transitions live in `workflow.py`, clocks in `clocks.py`,
the sweep in `sweep.py`; each is a keyword-only service that audits in its own transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netral.accounts.models import PPK_KINDS, Institution
from netral.accounts.roles import Role
from netral.audit.services import PUBLIC_REPORTER, log_action
from netral.cases.models import Case, CaseSubject, CaseTransition
from netral.cases.notify import recipients_for
from netral.cases.routing import handling_institution_for, ppk_agency_of, ppk_for_regency
from netral.cases.services import clocks
from netral.cases.services.conflict import conflict_refresh
from netral.cases.services.numbering import next_number
from netral.cases.states import EmploymentType, Origin, State
from netral.notifications.services import notify
from netral.registry.caselinks import link_known_nips as registry_link_known

SUBJECT_FIELDS = ("name", "nip", "agency_name", "position", "employment_type", "ppk_institution",
                  "ppk_institution_id")


def _subject(case: Case, data: Mapping[str, Any]) -> CaseSubject:
    unknown = set(data) - set(SUBJECT_FIELDS)
    if unknown:
        raise ValidationError({"subjects": _("Kolom tidak dikenal: %(f)s") % {
            "f": ", ".join(sorted(unknown))}})
    name = str(data.get("name") or "").strip()
    if not name:
        raise ValidationError({"subjects": _("Nama ASN terlapor wajib diisi.")})
    nip = str(data.get("nip") or "").replace(" ", "")
    if nip and (not nip.isdigit() or len(nip) != 18):
        raise ValidationError({"subjects": _("NIP %(nip)s harus 18 angka (atau dikosongkan).")
                               % {"nip": nip}})
    kind = data.get("employment_type") or EmploymentType.PNS
    if kind not in EmploymentType.values:
        raise ValidationError({"subjects": _("Status kepegawaian harus PNS atau PPPK.")})
    texts = {"name": name, "agency_name": str(data.get("agency_name") or ""),
             "position": str(data.get("position") or "")}
    for field, value in texts.items():
        # The columns hold 200 characters; PostgreSQL would refuse longer with a 500.
        if len(value) > 200 or "\x00" in value:
            raise ValidationError({"subjects": _("%(f)s: paling banyak 200 karakter, tanpa "
                                                 "karakter null.") % {"f": field}})
    ppk = data.get("ppk_institution")
    ppk_id = ppk.pk if isinstance(ppk, Institution) else (ppk or data.get("ppk_institution_id"))
    if ppk_id is not None and not Institution.objects.filter(
            pk=ppk_id if isinstance(ppk_id, int) else -1, kind__in=PPK_KINDS).exists():
        # An unknown id would fail only at commit (a 500); a non-PPK one would send the
        # recommendation to a body that cannot sanction.
        raise ValidationError({"subjects": _("Instansi PPK %(i)s tidak dikenal.") % {"i": ppk_id}})
    return CaseSubject(case=case, name=name, nip=nip, agency_name=texts["agency_name"],
                       position=texts["position"], employment_type=kind,
                       ppk_institution_id=ppk_id)


def _default_ppk(rows: list[CaseSubject], regency_id: str | None) -> None:
    """An ASN whose agency region is unknown most often works where the incident happened: take
    that kab/kota's PPK, marked for Bawaslu and BKN to check, so the case cannot reach the PPK
    stage with nobody to receive it."""
    if not any(row.ppk_institution_id is None for row in rows):
        return
    ppk = ppk_for_regency(regency_id)
    if ppk is None:
        return
    for row in rows:
        if row.ppk_institution_id is None:
            row.ppk_institution_id, row.ppk_from_incident = ppk.pk, True


@transaction.atomic
def case_open(
    *,
    origin: str,
    actor: Any,
    summary: str,
    incident_date: dt.date | None = None,
    discovered_date: dt.date | None = None,
    place: str = "",
    incident_regency_id: str | None = None,
    incident_province_id: str | None = None,
    incident_district_id: str | None = None,
    election: Any = None,
    subjects: Iterable[Mapping[str, Any]] = (),
    violations: Iterable[Any] = (),
    handling_institution: Institution | None = None,
    received_on: dt.date | None = None,
) -> Case:
    """Open a case in state `received` and start the preliminary-review clock.

    `actor` is the staff user entering a finding, or None for a public report (the intake
    service calls this inside its own transaction). The handling Bawaslu office follows the
    shared routing rule unless given.
    """
    if origin not in Origin.values:
        raise ValidationError({"origin": _("Asal perkara tidak dikenal: %(o)s") % {"o": origin}})
    if not (summary or "").strip():
        raise ValidationError({"summary": _("Uraian kejadian wajib diisi.")})
    if incident_regency_id and not incident_province_id:
        incident_province_id = incident_regency_id.split(".")[0]
    office = handling_institution or handling_institution_for(
        election=election, regency_id=incident_regency_id, province_id=incident_province_id)
    today = received_on or timezone.localdate()
    staff = actor if getattr(actor, "is_authenticated", False) else None
    case = Case(
        number=next_number(institution=office, origin=origin, year=today.year),
        origin=origin, summary=summary.strip(), incident_date=incident_date,
        discovered_date=discovered_date, place=place, election=election,
        incident_regency_id=incident_regency_id, incident_province_id=incident_province_id,
        incident_district_id=incident_district_id, handling_institution=office,
        province_id=office.province_id, regency_id=office.regency_id, created_by=staff,
    )
    clocks.apply_phase(case)
    case.full_clean(exclude=["number", "election"])
    case.save()
    rows = [_subject(case, s) for s in subjects]
    _default_ppk(rows, case.incident_regency_id)
    CaseSubject.objects.bulk_create(rows)
    registry_link_known(rows)  # subjects whose NIP the registry knows are that ASN
    if violations:
        case.violations.set(list(violations))
    conflict_refresh(case=case)
    label = None if staff else PUBLIC_REPORTER
    CaseTransition.objects.create(case=case, from_state="", to_state=State.RECEIVED, actor=staff,
                                  actor_label=staff.get_username() if staff else PUBLIC_REPORTER,
                                  data={"origin": origin})
    clocks.stage_start(case=case, stage="preliminary_review", start=today)
    log_action(staff, "case.open", case,
               {"number": case.number, "origin": origin, "subjects": len(rows),
                "handler": office.name}, actor_label=label)
    notify(recipients_for(case, State.RECEIVED),
           subject=_("Perkara baru %(n)s") % {"n": case.number},
           body=_("Perkara %(n)s diterima dan menunggu kajian awal.") % {"n": case.number})
    return case


def _owned_subject(case: Case, subject_id: int, actor: Any) -> CaseSubject:
    """A subject the actor's agency must decide on (404-like refusal otherwise)."""
    qs = case.subjects.all()
    qs = qs.filter(decision_institution=ppk_agency_of(actor.institution))
    subject = qs.filter(pk=subject_id).first()
    if subject is None:
        raise ValidationError({"decisions": _("ASN %(k)s tidak diputus oleh instansi Anda.")
                               % {"k": subject_id}})
    return subject


def subject_decision_apply(
    *, case: Case, subject_id: int, actor: Any, data: Mapping[str, Any]
) -> dict[str, Any]:
    """Record the PPK's SK for one ASN (inside the caller's transaction)."""
    from netral.cases.services.moves import parse_date

    subject = _owned_subject(case, subject_id, actor)
    if subject.outcome != "proven":
        raise ValidationError({"decisions": _("%(n)s tidak terbukti melanggar: tidak ada SK.")
                               % {"n": subject.name}})
    number = str(data.get("sk_number") or "").strip()
    punishment = str(data.get("punishment") or data.get("sk_punishment") or "").strip()
    sk_date = parse_date(data.get("sk_date"), "sk_date")
    if not number or not punishment or sk_date is None:
        raise ValidationError({"decisions": _("Nomor SK, tanggal SK dan hukuman wajib diisi "
                                              "untuk %(n)s.") % {"n": subject.name}})
    if sk_date > timezone.localdate():
        raise ValidationError({"sk_date": _("Tanggal SK tidak boleh di masa depan.")})
    CaseSubject.objects.filter(pk=subject.pk).update(
        sk_number=number[:100], sk_punishment=punishment[:300], sk_date=sk_date)
    # This PPK's clock stops once every ASN it decides on has an SK.
    agency = subject.decision_institution_id
    if not case.subjects.filter(decision_institution_id=agency, outcome="proven",
                                sk_number="").exists():
        case.stages.filter(stage="ppk_follow_up", responsible_id=agency,
                           completed_at__isnull=True).update(completed_at=timezone.now())
    return {"sk_number": number, "sk_date": sk_date.isoformat(), "punishment": punishment}


@transaction.atomic
def subject_decision_record(
    *, case_id: int, subject_id: int, actor: Any, data: Mapping[str, Any]
) -> CaseSubject:
    """A PPK records its SK for one ASN while other PPKs of the same case are still deciding."""
    from netral import access
    from netral.cases.policies import sides_of

    case = access.get_for_user(actor, Case, case_id, write=True)
    if not actor.has_role(Role.PPK_OFFICER):
        # A supervisor of the deciding agency (e.g. Kemendagri for a conflicted case) reads it;
        # only the PPK's officer records its SK.
        raise ValidationError({"decisions": _("Hanya petugas PPK yang mencatat SK.")})
    if case.state != State.RECOMMENDED_TO_PPK or "ppk" not in sides_of(actor, case):
        raise ValidationError({"decisions": _("SK hanya dicatat saat perkara menunggu PPK.")})
    entered = subject_decision_apply(case=case, subject_id=subject_id, actor=actor, data=data)
    log_action(actor, "case.subject_decision", case, {"subject": subject_id, **entered})
    return CaseSubject.objects.get(pk=subject_id)


@transaction.atomic
def case_subject_add(*, case_id: int, actor: Any, data: Mapping[str, Any]) -> CaseSubject:
    """Add an ASN to a case still under Bawaslu's review; re-checks the conflict of interest."""
    from netral import access
    from netral.cases.policies import sides_of
    from netral.cases.services.conflict import conflict_refresh

    case = access.get_for_user(actor, Case, case_id, write=True)
    examiner = actor.has_role(Role.INTAKE_OFFICER, Role.INVESTIGATOR, Role.COMMISSIONER)
    if not examiner or "bawaslu" not in sides_of(actor, case) or case.state not in EDITABLE_STATES:
        raise ValidationError({"subjects": _("ASN hanya dapat ditambah selama pemeriksaan "
                                             "Bawaslu.")})
    subject = _subject(case, data)
    subject.save()
    conflict_refresh(case=case)
    log_action(actor, "case.subject_add", case, {"subject": subject.pk, "name": subject.name})
    return subject


EDITABLE_STATES = frozenset({State.RECEIVED, State.PRELIMINARY_REVIEW, State.NEEDS_COMPLETION,
                             State.REGISTERED, State.EXAMINATION})
