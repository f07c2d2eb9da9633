"""Opening a case, from a public report (intake) or a Bawaslu finding (`findings`): number,
handling office, ASN, the first clock, the audit entry and the first e-mail."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netral.accounts.models import Institution, User
from netral.audit.services import PUBLIC_REPORTER, Entry, log_actions
from netral.cases.models import Case, CaseSubject, CaseTransition
from netral.cases.notify import recipients_for
from netral.cases.routing import handling_institution_for, ppk_for_regency
from netral.cases.services import clocks
from netral.cases.services.conflict import conflict_refresh, conflict_set_new
from netral.cases.services.numbering import next_number
from netral.cases.services.subjects import subject_build
from netral.cases.states import Origin, State
from netral.catalogue.models import Violation
from netral.elections.models import Election
from netral.notifications.services import notify
from netral.registry.caselinks import link_known_nips as registry_link_known


@dataclass(frozen=True)
class CaseOpening:
    """What a new case is opened with. `subjects` are the ASN as entered (see
    subjects.SUBJECT_FIELDS); the handling Bawaslu office follows the shared routing rule
    unless given; `received_on` defaults to today (Jakarta)."""

    origin: str
    summary: str
    incident_date: dt.date | None = None
    discovered_date: dt.date | None = None
    place: str = ""
    incident_regency_id: str | None = None
    incident_province_id: str | None = None
    incident_district_id: str | None = None
    election: Election | None = None
    subjects: Sequence[Mapping[str, Any]] = ()
    violations: Sequence[Violation] = ()
    handling_institution: Institution | None = None
    received_on: dt.date | None = None


def _check(opening: CaseOpening) -> None:
    if opening.origin not in Origin.values:
        raise ValidationError(
            {"origin": _("Asal perkara tidak dikenal: %(o)s") % {"o": opening.origin}}
        )
    if not (opening.summary or "").strip():
        raise ValidationError({"summary": _("Uraian kejadian wajib diisi.")})


def _new_case(opening: CaseOpening, staff: User | None, today: dt.date) -> Case:
    province = opening.incident_province_id
    if opening.incident_regency_id and not province:
        province = opening.incident_regency_id.split(".")[0]
    office = opening.handling_institution or handling_institution_for(
        election=opening.election, regency_id=opening.incident_regency_id, province_id=province
    )
    case = Case(
        # A placeholder, unique and never committed: the number is taken last (`_numbered`),
        # so that the office's counter stays locked for a few statements, not the whole case.
        number=f"~{uuid.uuid4().hex}",
        origin=opening.origin,
        summary=opening.summary.strip(),
        incident_date=opening.incident_date,
        discovered_date=opening.discovered_date,
        place=opening.place,
        election=opening.election,
        incident_regency_id=opening.incident_regency_id,
        incident_province_id=province,
        incident_district_id=opening.incident_district_id,
        handling_institution=office,
        province_id=office.province_id,
        regency_id=office.regency_id,
        created_by=staff,
    )
    clocks.apply_phase(case)
    # The office's region and the office itself come from an institution row: no check.
    case.full_clean(exclude=["number", "election", "province", "regency", "handling_institution"])
    case.save()
    return case


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
            row.ppk_institution, row.ppk_from_incident = ppk, True


@dataclass(frozen=True)
class Opened:
    """A case written but not numbered yet (see `case_open_unnumbered`)."""

    case: Case
    subjects: list[CaseSubject]
    staff: User | None
    origin: str
    today: dt.date
    recipients: list[int]


def case_open_unnumbered(*, actor: User | None, opening: CaseOpening) -> Opened:
    """Everything of `case_open` but the number, its audit entry and the e-mail, inside the
    caller's transaction; the caller writes what else belongs to it (a report) and then calls
    `case_number`. Taking the number last keeps the office's counter row locked only for the
    end of the transaction: reports to one office at once then wait on each other briefly."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("case_open_unnumbered() must run inside transaction.atomic()")
    _check(opening)
    today = opening.received_on or timezone.localdate()
    staff = actor if actor is not None and actor.is_authenticated else None
    case = _new_case(opening, staff, today)
    rows = [subject_build(case, s) for s in opening.subjects]
    _default_ppk(rows, case.incident_regency_id)
    conflict_set_new(case=case, subjects=rows)
    CaseSubject.objects.bulk_create(rows)
    # Subjects whose NIP the registry knows are that ASN; a PPK guessed from the incident's
    # place then gives way to their agency's, and who decides is worked out again.
    if registry_link_known(rows):
        conflict_refresh(case=case)
    if opening.violations:
        # A new case has no violations yet: write the links without reading them first.
        through = Case.violations.through
        through.objects.bulk_create(
            through(case_id=case.pk, violation_id=v.pk) for v in dict.fromkeys(opening.violations)
        )
    CaseTransition.objects.create(
        case=case,
        from_state="",
        to_state=State.RECEIVED,
        actor=staff,
        actor_label=staff.get_username() if staff else PUBLIC_REPORTER,
        data={"origin": opening.origin},
    )
    clocks.stage_start(case=case, stage="preliminary_review", start=today, close_open=False)
    return Opened(
        case=case,
        subjects=rows,
        staff=staff,
        origin=opening.origin,
        today=today,
        recipients=recipients_for(case, State.RECEIVED),
    )


def case_number(opened: Opened, *, more: Callable[[Case], Sequence[Entry]] | None = None) -> Case:
    """Number the case, record its opening in the audit trail (with `more` entries the caller
    makes from the numbered case, in one append) and queue the first e-mail."""
    case, staff = opened.case, opened.staff
    case.number = next_number(
        institution=case.handling_institution, origin=opened.origin, year=opened.today.year
    )
    Case.objects.filter(pk=case.pk).update(number=case.number)
    opening = Entry(
        staff,
        "case.open",
        case,
        {
            "number": case.number,
            "origin": opened.origin,
            "subjects": len(opened.subjects),
            "handler": case.handling_institution.name,
        },
        actor_label=None if staff else PUBLIC_REPORTER,
    )
    log_actions([opening, *(more(case) if more else ())])
    notify(
        opened.recipients,
        subject=_("Perkara baru %(n)s") % {"n": case.number},
        body=_("Perkara %(n)s diterima dan menunggu kajian awal.") % {"n": case.number},
    )
    return case


@transaction.atomic
def case_open(*, actor: User | None, opening: CaseOpening) -> Case:
    """Open a case in state `received` and start the preliminary-review clock.

    `actor` is the staff user entering a finding, or None for a public report (the intake
    service opens its case in two steps inside its own transaction, see
    `case_open_unnumbered`).
    """
    return case_number(case_open_unnumbered(actor=actor, opening=opening))
