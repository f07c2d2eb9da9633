"""API output shapes for cases, and the functions that fill them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Schema

from netral import access
from netral.access import AnyUser
from netral.cases.models import Case, CaseDocument, CaseSubject
from netral.cases.policies import moves_for
from netral.cases.states import FINAL_STATES, DocumentKind, State


class SubjectOut(Schema):
    id: int
    name: str
    nip: str
    agency_name: str
    position: str
    employment_type: str
    ppk_institution: str | None
    decision_institution: str | None
    conflict_of_interest: bool
    outcome: str
    proven_violations: list[str]
    recommended_level: str
    recommended_sanction: str
    sk_number: str
    sk_date: dt.date | None
    sk_punishment: str
    executed_date: dt.date | None


class StageOut(Schema):
    stage: str
    started: dt.date
    due: dt.date
    days_left: int
    overdue: bool
    open: bool
    rule: str
    unconfirmed: bool
    working_days: bool
    responsible: str | None


class MoveOut(Schema):
    to: str
    label: str
    fields: list[str]
    documents: list[list[str]]


class DocumentOut(Schema):
    id: int
    kind: str
    title: str
    content_type: str
    sha256: str
    size: int
    uploaded_at: dt.datetime


class CaseSummary(Schema):
    id: int
    number: str
    origin: str
    state: str
    state_label: str
    version: int
    handling_institution: str
    province: str | None
    regency: str | None
    incident_date: dt.date | None
    conflict_of_interest: bool
    overdue: bool
    next_due: dt.date | None
    subjects: int


class CaseDetail(CaseSummary):
    summary: str
    place: str
    election: str | None
    phase: str
    authority: str
    conflict_note: str
    forwarded_to: str
    criminal_track: bool
    subject_list: list[SubjectOut]
    stages: list[StageOut]
    documents: list[DocumentOut]
    timeline: list[dict[str, Any]]
    allowed_moves: list[MoveOut]


class CasePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[CaseSummary]


def case_summary(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number,
        "origin": case.origin,
        "state": case.state,
        "state_label": str(State(case.state).label),
        "version": case.version,
        "handling_institution": case.handling_institution.name,
        "province": case.province_id,
        "regency": case.regency_id,
        "incident_date": case.incident_date,
        "conflict_of_interest": case.conflict_of_interest,
        "overdue": bool(getattr(case, "is_overdue", False)),
        "next_due": getattr(case, "next_due", None),
        "subjects": len(case.subjects.all()),
    }


def document(doc: CaseDocument) -> dict[str, Any]:
    return {
        "id": doc.pk,
        "kind": doc.kind,
        "title": doc.title,
        "content_type": doc.content_type,
        "sha256": doc.sha256,
        "size": doc.size,
        "uploaded_at": doc.uploaded_at,
    }


def _stage(stage: Any, today: dt.date) -> dict[str, Any]:
    is_open = stage.completed_at is None
    return {
        "stage": stage.stage,
        "started": stage.started,
        "due": stage.due,
        "days_left": (stage.due - today).days,
        "overdue": is_open and stage.due < today,
        "open": is_open,
        "rule": stage.rule,
        "unconfirmed": stage.unconfirmed,
        "working_days": stage.working_days,
        "responsible": stage.responsible.name if stage.responsible else None,
    }


def subject(s: CaseSubject) -> dict[str, Any]:
    return {
        "id": s.pk,
        "name": s.name,
        "nip": s.nip,
        "agency_name": s.agency_name,
        "position": s.position,
        "employment_type": s.employment_type,
        "ppk_institution": s.ppk_institution.name if s.ppk_institution else None,
        "decision_institution": s.decision_institution.name if s.decision_institution else None,
        "conflict_of_interest": s.conflict_of_interest,
        "outcome": s.outcome,
        "proven_violations": [v.code for v in s.proven_violations.all()],
        "recommended_level": s.recommended_level,
        "recommended_sanction": s.recommended_sanction,
        "sk_number": s.sk_number,
        "sk_date": s.sk_date,
        "sk_punishment": s.sk_punishment,
        "executed_date": s.executed_date,
    }


def allowed_moves(case: Case, user: AnyUser) -> list[dict[str, Any]]:
    return [
        {
            "to": m.target,
            "label": str(State(m.target).label),
            "fields": list(m.fields),
            "documents": [list(g) for g in m.documents],
            "document_labels": [
                " / ".join(str(DocumentKind(k).label) for k in g) for g in m.documents
            ],
            # A move that ends the case: the page sets it apart and asks to confirm.
            "final": m.final or m.target in FINAL_STATES,
            "closing": m.target == State.CLOSED,
        }
        for m in moves_for(user, case)
    ]


def case_detail(case: Case, user: AnyUser) -> dict[str, Any]:
    today = timezone.localdate()
    subjects = case.subjects.select_related("ppk_institution", "decision_institution")
    return {
        **case_summary(case),
        "summary": case.summary,
        "place": case.place,
        "election": case.election.code if case.election is not None else None,
        "phase": case.phase,
        "authority": case.authority,
        "conflict_note": case.conflict_note,
        "forwarded_to": case.forwarded_to,
        "criminal_track": case.criminal_track,
        "subject_list": [subject(s) for s in subjects],
        "stages": [_stage(s, today) for s in case.stages.select_related("responsible")],
        "documents": [document(d) for d in access.visible_to(user, CaseDocument).filter(case=case)],
        "timeline": [
            {
                "from": t.from_state,
                "to": t.to_state,
                "by": t.actor_label,
                "at": t.at,
                "note": t.note,
            }
            for t in case.transitions.all()
        ],
        "allowed_moves": allowed_moves(case, user),
    }
