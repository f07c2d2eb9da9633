"""Conflict of interest: the PPK who must sanction an ASN is a contestant in the election.

Checked when a case opens, when its ASN or election change, and again when the recommendation
goes to the PPK; a conflicted ASN's decision goes one level up (the governor for a kab/kota,
Kemendagri for a province), and the case carries the flag wherever it is shown.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from netral.accounts.models import Institution
from netral.cases.models import Case, CaseSubject
from netral.cases.routing import higher_authority_for, ppk_agency_of
from netral.elections.models import Contestant


def _contestant_heads(case: Case) -> dict[int, str]:
    """Institution id → contestant label, for the contestants of the case's election who head
    an agency."""
    if case.election_id is None:
        return {}
    rows = Contestant.objects.filter(election_id=case.election_id, incumbent_of__isnull=False)
    return {c.incumbent_of_id: c.name for c in rows if c.incumbent_of_id is not None}


def _decide(
    subject: CaseSubject, heads: dict[int, str], notes: list[str]
) -> tuple[bool, int | None]:
    agency = ppk_agency_of(subject.ppk_institution)
    conflicted = agency is not None and agency.pk in heads
    decider = agency
    if conflicted and agency is not None:
        decider = higher_authority_for(agency) or agency
        notes.append(
            _("%(ppk)s dipimpin peserta pemilihan (%(who)s); keputusan sanksi dialihkan ke %(to)s.")
            % {"ppk": agency.name, "who": heads[agency.pk], "to": decider.name}
        )
    return conflicted, decider.pk if decider else None


def _flag(case: Case, notes: list[str]) -> bool:
    flag = bool(notes)
    note = " ".join(dict.fromkeys(notes))[:300]
    if (case.conflict_of_interest, case.conflict_note) != (flag, note):
        Case.objects.filter(pk=case.pk).update(conflict_of_interest=flag, conflict_note=note)
        case.conflict_of_interest, case.conflict_note = flag, note
    return flag


def conflict_refresh(*, case: Case) -> bool:
    """Recompute each ASN's deciding institution and the case's flag; returns the flag.
    Runs inside the caller's transaction (the caller logs the change)."""
    heads = _contestant_heads(case)
    notes: list[str] = []
    for subject in case.subjects.select_related("ppk_institution__parent"):
        new = _decide(subject, heads, notes)
        if (subject.conflict_of_interest, subject.decision_institution_id) != new:
            CaseSubject.objects.filter(pk=subject.pk).update(
                conflict_of_interest=new[0], decision_institution_id=new[1]
            )
    return _flag(case, notes)


def conflict_set_new(*, case: Case, subjects: list[CaseSubject]) -> bool:
    """`conflict_refresh` for a case being opened: its ASN are not saved yet, so their
    deciding institution is set on the rows before they are written (no read, no update)."""
    heads = _contestant_heads(case)
    missing = {
        s.ppk_institution_id
        for s in subjects
        if s.ppk_institution_id is not None and not CaseSubject.ppk_institution.is_cached(s)
    }
    if missing:
        found = Institution.objects.select_related("parent").in_bulk(missing)
        for subject in subjects:
            if subject.ppk_institution_id in found:
                subject.ppk_institution = found[subject.ppk_institution_id]
    notes: list[str] = []
    for subject in subjects:
        subject.conflict_of_interest, subject.decision_institution_id = _decide(
            subject, heads, notes
        )
    return _flag(case, notes)
