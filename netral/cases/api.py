"""`/api/v1/cases`: the case register, scoped to the caller, and its transitions.

409 = someone changed the case since you read it (send the current `version`);
422 = not allowed from this state (the answer lists `allowed`) or a field is missing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import ConfigDict, Field

from netral import access
from netral.access import AnyUser
from netral.api.auth import api_user, staff_token
from netral.api.errors import ApiError
from netral.api.schemas import IsoDate, StrictInput
from netral.cases import schemas as out
from netral.cases.models import Case
from netral.cases.queries import CaseFilter, case_list
from netral.cases.services.documents import case_document_add
from netral.cases.services.findings import finding_open
from netral.cases.services.subjects import case_subject_add, subject_decision_record
from netral.cases.services.transition import TransitionRefused, VersionConflict, case_transition

router = Router(tags=["cases"], auth=staff_token)


def validation_error(exc: ValidationError) -> ApiError:
    errors = (
        [
            {"field": field, "message": str(msg)}
            for field, msgs in exc.message_dict.items()
            for msg in msgs
        ]
        if hasattr(exc, "error_dict")
        else [{"field": "request", "message": m} for m in exc.messages]
    )
    fields = ", ".join(sorted({e["field"] for e in errors}))
    return ApiError(422, f"invalid input: {fields}", errors)


class CaseQuery(Schema):
    state: str | None = None
    origin: str | None = None
    province: str | None = Field(None, pattern=r"^\d{2}$")
    regency: str | None = Field(None, pattern=r"^\d{2}\.\d{2}$")
    overdue: bool | None = None
    conflict: bool | None = None
    q: str | None = None
    # Bounded: a page number beyond any integer the database takes was a server error.
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=200)


@router.get("", response=out.CasePage, summary="List the cases you may see")
def list_cases(request: HttpRequest, filters: Query[CaseQuery]) -> dict[str, Any]:
    params = {
        k: v for k, v in filters.dict().items() if v is not None and k not in {"page", "page_size"}
    }
    fs = CaseFilter(params, queryset=case_list(request.user))
    if not fs.is_valid():
        raise ApiError(
            422,
            "invalid filter",
            [{"field": f, "message": str(m[0])} for f, m in fs.errors.items()],
        )
    qs = fs.qs.prefetch_related("subjects").order_by("-created_at", "-id")
    count = qs.count()
    start = (filters.page - 1) * filters.page_size
    rows = list(qs[start : start + filters.page_size])
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [out.case_summary(c) for c in rows],
    }


@router.get("/{int:case_id}", response=out.CaseDetail, summary="One case")
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = access.get_for_user(request.user, case_list(request.user), case_id)
    return out.case_detail(case, request.user)


class RowIn(Schema):
    """A per-ASN row of a move; keys the move does not read are ignored."""

    model_config = ConfigDict(extra="allow")


class SanctionIn(RowIn):
    level: str = Field(description="moral, ringan, sedang or berat")
    sanction: str = Field(description="the recommended sanction, at most 300 characters")


class SanctionRow(SanctionIn):
    subject: int = Field(description="the ASN's id (subject_list[].id)")


class DecisionIn(StrictInput):
    """The PPK's SK for one ASN."""

    sk_number: str = Field(min_length=1, max_length=100, pattern=r"^[^\x00]*$")
    sk_date: IsoDate
    punishment: str = Field(min_length=1, max_length=300, pattern=r"^[^\x00]*$")


class DecisionEntry(RowIn):
    sk_number: str = Field(description="at most 100 characters")
    sk_date: IsoDate
    punishment: str = Field(description="at most 300 characters")


class DecisionRow(DecisionEntry):
    subject: int = Field(description="the ASN's id (subject_list[].id)")


Outcome = Literal["proven", "not_proven"]


class OutcomeIn(RowIn):
    outcome: Outcome
    violations: list[str] | str | None = Field(
        None, description="proven: the catalogue codes proven for this ASN"
    )


class OutcomeRow(OutcomeIn):
    subject: int = Field(description="the ASN's id (subject_list[].id)")


class TransitionIn(StrictInput):
    """`to` and `version`, plus the fields the move needs (each of the case's `allowed_moves`
    lists its `fields`); fields of other moves are ignored. Per-ASN fields take either a
    mapping from the ASN's id or a list of rows naming it in `subject`."""

    to: str = Field(description="the target state, one of the case's allowed_moves")
    version: int = Field(description="the case's version as read; 409 if it changed since")
    note: str | None = Field(None, description="at most 10,000 characters")
    date: IsoDate | None = Field(
        None,
        description="the day of the step (default: today); "
        "not in the future, not before the last step",
    )
    forwarded_to: str | None = Field(None, description="to forwarded: the receiving body")
    criminal_track: bool | None = Field(None, description="to forwarded: a criminal offence")
    letter_number: str | None = Field(None, description="the recommendation letter's number")
    outcomes: dict[str, Outcome | OutcomeIn] | list[OutcomeRow] | None = Field(
        None, description="to proven: the outcome for every ASN"
    )
    sanctions: dict[str, SanctionIn] | list[SanctionRow] | None = Field(
        None, description="to recommended_to_ppk: the sanction for every proven ASN"
    )
    ppk_due: IsoDate | None = Field(
        None, description="to recommended_to_ppk: the PPK's deadline in the letter (default: rules)"
    )
    decisions: dict[str, DecisionEntry] | list[DecisionRow] | None = Field(
        None, description="to ppk_decided: the SK of each proven ASN not yet recorded"
    )
    executed_date: IsoDate | None = Field(None, description="to executed (default: the date)")


def _writable_or_403(user: AnyUser, case_id: int, refusal: str) -> Case:
    """404 for a case the caller cannot see; 403 with the reason for one they only read."""
    grant = access.lookup(user, Case, case_id)
    if not grant.writable:
        raise ApiError(403, refusal)
    return grant.obj


@router.post(
    "/{int:case_id}/transitions", response=out.CaseDetail, summary="Move the case to another state"
)
def transition(request: HttpRequest, case_id: int, payload: TransitionIn) -> dict[str, Any]:
    _writable_or_403(request.user, case_id, "your role may not make this move on this case")
    data = payload.model_dump(exclude_unset=True, exclude={"to", "version"})
    try:
        case = case_transition(
            case_id=case_id,
            actor=api_user(request),
            to=payload.to,
            version=payload.version,
            data=data,
        )
    except VersionConflict as exc:
        raise ApiError(
            409,
            str(exc),
            [{"field": "version", "message": "stale"}],
            current_version=exc.case.version,
            current_state=exc.case.state,
        ) from exc
    except TransitionRefused as exc:
        raise ApiError(
            422,
            str(exc),
            [{"field": "to", "message": "not allowed"}],
            current_state=exc.current,
            allowed=exc.allowed,
        ) from exc
    except PermissionDenied as exc:
        raise ApiError(403, "your role may not make this move on this case") from exc
    except ValidationError as exc:
        raise validation_error(exc) from exc
    return out.case_detail(case_list(request.user).get(pk=case.pk), request.user)


class SubjectIn(StrictInput):
    name: str = Field(min_length=1, max_length=200)
    nip: str = Field("", max_length=18)
    agency_name: str = Field("", max_length=200)
    position: str = Field("", max_length=200)
    employment_type: str = "pns"
    ppk_institution_id: int | None = None


class FindingIn(StrictInput):
    summary: str = Field(min_length=1)
    origin: str = "finding"
    incident_date: dt.date | None = None
    discovered_date: dt.date | None = None
    place: str = ""
    regency: str | None = Field(None, pattern=r"^\d{2}\.\d{2}$")
    province: str | None = Field(None, pattern=r"^\d{2}$")
    election: str | None = Field(None, description="election code")
    subjects: list[SubjectIn] = Field(default_factory=list)
    violations: list[str] = Field(default_factory=list, description="catalogue codes, e.g. D3")


@router.post("", response={201: out.CaseDetail}, summary="Enter a finding (temuan)")
def create_finding(request: HttpRequest, payload: FindingIn) -> Status:
    try:
        case = finding_open(actor=api_user(request), data=payload.dict())
    except PermissionDenied as exc:
        raise ApiError(403, str(exc)) from exc
    except ValidationError as exc:
        raise validation_error(exc) from exc
    return Status(201, out.case_detail(case_list(request.user).get(pk=case.pk), request.user))


@router.post(
    "/{int:case_id}/documents",
    response={201: out.DocumentOut},
    summary="Upload a document (minutes, letter, SK)",
)
def upload_document(
    request: HttpRequest,
    case_id: int,
    kind: Form[str],
    file: File[UploadedFile],
    title: Form[str] = "",
    subject: Form[int | None] = None,
) -> Status:
    _writable_or_403(request.user, case_id, "your role may not add documents to this case")
    try:
        doc = case_document_add(
            case_id=case_id,
            actor=api_user(request),
            kind=kind,
            title=title,
            upload=file,
            subject_id=subject,
        )
    except PermissionDenied as exc:
        raise ApiError(403, "your role may not add documents to this case") from exc
    except ValidationError as exc:
        raise validation_error(exc) from exc
    return Status(201, out.document(doc))


@router.post(
    "/{int:case_id}/subjects",
    response={201: out.SubjectOut},
    summary="Add an ASN to a case still under Bawaslu's review",
)
def add_subject(request: HttpRequest, case_id: int, payload: SubjectIn) -> Status:
    _writable_or_403(request.user, case_id, "your role may not add an ASN to this case")
    try:
        subject = case_subject_add(case_id=case_id, actor=api_user(request), data=payload.dict())
    except PermissionDenied as exc:
        raise ApiError(403, "your role may not add an ASN to this case") from exc
    except ValidationError as exc:
        raise validation_error(exc) from exc
    return Status(201, out.subject(subject))


@router.post(
    "/{int:case_id}/subjects/{int:subject_id}/decision",
    response=out.SubjectOut,
    summary="Record the PPK's SK for one ASN",
)
def record_decision(
    request: HttpRequest, case_id: int, subject_id: int, payload: DecisionIn
) -> dict[str, Any]:
    _writable_or_403(request.user, case_id, "your role may not record an SK on this case")
    try:
        subject = subject_decision_record(
            case_id=case_id, subject_id=subject_id, actor=api_user(request), data=payload.dict()
        )
    except PermissionDenied as exc:
        raise ApiError(403, "your role may not record an SK on this case") from exc
    except ValidationError as exc:
        raise validation_error(exc) from exc
    return out.subject(subject)
