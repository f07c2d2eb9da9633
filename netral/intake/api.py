"""/api/v1/reports: the public channel for apps and partner systems.

- POST /reports: JSON (a ReportIn), or multipart with the same JSON in the field `report` and
  files in `files`. The `Idempotency-Key` header is required: a retry with the same key and
  body answers the same report (200, `replayed: true`), a different body with a used key 409.
- GET /reports/status, POST /reports/messages, POST /reports/evidence: the receipt goes in the
  `X-Netral-Receipt` header, never in the URL (URLs end up in logs and browser history).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status
from pydantic import ValidationError

from netral.api import bodies
from netral.api.errors import ApiError
from netral.intake import requirements, throttle
from netral.intake.models import Evidence, Report
from netral.intake.schemas import (
    EvidenceOut,
    MessageIn,
    MessageOut,
    ReportCreatedOut,
    ReportIn,
    RequirementOut,
    StatusOut,
)
from netral.intake.services import (
    IdempotencyConflict,
    StorageUnavailable,
    Submission,
    report_add_evidence,
    report_for_receipt,
    report_message_post,
    report_submit_once,
)

router = Router(tags=["intake"])
RECEIPT_HEADER = "X-Netral-Receipt"


def _pydantic_errors(exc: ValidationError) -> ApiError:
    errors = [
        {
            "field": ".".join(str(p) for p in e["loc"]) or "body",
            "message": str(e["msg"]).removeprefix("Value error, "),
        }
        for e in exc.errors()
    ]
    fields = ", ".join(sorted({e["field"] for e in errors}))
    return ApiError(422, f"invalid input: {fields}", errors)


def _django_errors(exc: DjangoValidationError) -> ApiError:
    errors = [
        {"field": key, "message": str(m)} for key, msgs in exc.message_dict.items() for m in msgs
    ]
    fields = ", ".join(sorted({e["field"] for e in errors}))
    return ApiError(422, f"invalid input: {fields}", errors)


def _storage_full(exc: StorageUnavailable) -> ApiError:
    message = exc.message_dict["files"][0]
    return ApiError(
        507,
        "the file store cannot take the upload now; nothing was saved: retry "
        "later with the same Idempotency-Key",
        [{"field": "files", "message": message}],
    )


def _refused(refusal: throttle.Refusal) -> ApiError:
    return ApiError(429, refusal.message, retry_after=refusal.retry_after)


def _parse_report(request: HttpRequest) -> tuple[ReportIn, list[Any]]:
    if request.content_type == "multipart/form-data":
        raw, files = request.POST.get("report", ""), request.FILES.getlist("files")
        if not raw:
            raise ApiError(
                422,
                "invalid input: report",
                [
                    {
                        "field": "report",
                        "message": "multipart requests carry the report as JSON "
                        "in the form field `report`",
                    }
                ],
            )
    else:
        raw, files = request.body.decode("utf-8", "replace"), []
    data = bodies.loads(raw)
    try:
        return ReportIn.model_validate(data), files
    except ValidationError as exc:
        raise _pydantic_errors(exc) from exc


def _submission(data: ReportIn, files: list[Any]) -> Submission:
    from netral.catalogue.models import Violation
    from netral.elections.models import Election

    if not data.anonymous and data.reporter is None:
        raise ApiError(
            422,
            "invalid input: reporter",
            [
                {
                    "field": "reporter",
                    "message": "name and address are required unless anonymous is true",
                }
            ],
        )
    if data.anonymous and data.reporter is not None:
        raise ApiError(
            422,
            "invalid input: reporter",
            [{"field": "reporter", "message": "leave reporter out of an anonymous report"}],
        )
    violations = list(Violation.objects.filter(code__in=data.violations))
    unknown = sorted(set(data.violations) - {v.code for v in violations})
    if unknown:
        raise ApiError(
            422,
            "invalid input: violations",
            [
                {
                    "field": "violations",
                    "message": f"unknown catalogue code(s): {', '.join(unknown)}",
                }
            ],
        )
    election = None
    if data.election:
        election = Election.objects.filter(code=data.election).first()
        if election is None:
            raise ApiError(
                422,
                "invalid input: election",
                [{"field": "election", "message": f"no election with code {data.election}"}],
            )
    subjects = [
        {
            "name": s.name,
            "nip": s.nip,
            "agency_name": s.agency,
            "position": s.position,
            "employment_type": s.employment_type or "pns",
            "regency_id": s.regency,
        }
        for s in data.subjects
    ]
    reporter = data.reporter
    return Submission(
        description=data.description,
        subjects=subjects,
        violations=violations,
        other_violation=data.other_violation,
        incident_date=data.incident_date,
        discovered_date=data.discovered_date,
        province_id=data.province,
        regency_id=data.regency,
        district_id=data.district,
        place=data.place,
        election=election,
        links=data.links,
        files=files,
        anonymous=data.anonymous,
        identity={}
        if reporter is None
        else {"name": reporter.name, "address": reporter.address, "contact": reporter.contact},
        channel="api",
    )


def _requirements(
    report: Report, *, subjects: int | None = None, evidence: int | None = None
) -> list[RequirementOut]:
    found = requirements.for_report(report, subjects=subjects, evidence=evidence)
    return [RequirementOut(**r.__dict__) for r in found]


# The body and the Idempotency-Key header are described in netral.api.openapi.
@router.post(
    "",
    auth=None,
    response={200: ReportCreatedOut, 201: ReportCreatedOut},
    summary="Submit a report",
)
def submit(request: HttpRequest) -> Status[ReportCreatedOut]:
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > 200:
        raise ApiError(
            422,
            "invalid input: Idempotency-Key",
            [
                {
                    "field": "Idempotency-Key",
                    "message": "send a unique key (e.g. a UUID) of 1–200 characters; a "
                    "retry with the same key never creates a second report",
                }
            ],
        )
    refusal = throttle.check_submit(request)
    if refusal is not None:
        raise _refused(refusal)
    data, files = _parse_report(request)
    try:
        outcome = report_submit_once(submission=_submission(data, files), key=key)
    except IdempotencyConflict as exc:
        raise ApiError(
            409,
            str(exc),
            [{"field": "Idempotency-Key", "message": "already used with a different body"}],
        ) from exc
    except StorageUnavailable as exc:
        raise _storage_full(exc) from exc
    except DjangoValidationError as exc:
        raise _django_errors(exc) from exc
    report, case, written = outcome.report, outcome.report.case, outcome.written
    body = ReportCreatedOut(
        number=case.number,
        receipt=outcome.receipt,
        replayed=outcome.replayed,
        anonymous=report.anonymous,
        state=case.state,
        handling_office=case.handling_institution.name,
        status_url="/lapor/status/",
        api_status_url="/api/v1/reports/status",
        requirements=_requirements(
            report,
            subjects=written.subjects if written else None,
            evidence=written.evidence if written else None,
        ),
    )
    return Status(200 if outcome.replayed else 201, body)


def _report_from_header(request: HttpRequest) -> Report:
    if any(k.lower() in {"receipt", "kode"} for k in request.GET):
        raise ApiError(
            400,
            f"never put the receipt in the URL; send it in {RECEIPT_HEADER}",
            [{"field": "receipt", "message": "not allowed in the query string"}],
        )
    code = request.headers.get(RECEIPT_HEADER, "")
    if not code:
        raise ApiError(
            401,
            f"send the receipt in the {RECEIPT_HEADER} header",
            [{"field": RECEIPT_HEADER, "message": "missing"}],
        )
    refusal = throttle.receipt_refusal(request)
    if refusal is not None:
        raise _refused(refusal)
    report = report_for_receipt(code)
    if report is None:
        throttle.receipt_failed(request)
        raise ApiError(
            404,
            "unknown receipt",
            [{"field": RECEIPT_HEADER, "message": "no report has this receipt"}],
        )
    return report


def _status(report: Report) -> StatusOut:
    case = report.case
    return StatusOut(
        number=case.number,
        state=case.state,
        state_label=str(case.get_state_display()),
        handling_office=case.handling_institution.name,
        anonymous=report.anonymous,
        submitted_at=report.created_at,
        messages=[
            MessageOut(direction=m.direction, body=m.body, at=m.created_at)
            for m in report.messages.all()
        ],
        evidence=[_evidence_out(e) for e in report.evidence.all()],
        requirements=_requirements(report),
    )


def _evidence_out(e: Evidence) -> EvidenceOut:
    """One evidence row as the reporter sees it (status answer and the answer to an upload)."""
    return EvidenceOut(
        kind=e.kind,
        content_type=e.content_type,
        size=e.size,
        sha256=e.sha256,
        url=e.url,
        added_by=e.added_by,
        at=e.created_at,
    )


@router.get("/status", auth=None, response=StatusOut, summary="A report's status, by receipt")
def status(request: HttpRequest) -> StatusOut:
    return _status(_report_from_header(request))


@router.post(
    "/messages",
    auth=None,
    response={201: MessageOut},
    summary="Send a message to the officers, by receipt",
)
def message(request: HttpRequest, payload: MessageIn) -> Status[MessageOut]:
    report = _report_from_header(request)
    refusal = throttle.check_reporter_write(request)
    if refusal is not None:
        raise _refused(refusal)
    try:
        msg = report_message_post(report=report, body=payload.body)
    except DjangoValidationError as exc:
        raise _django_errors(exc) from exc
    return Status(201, MessageOut(direction=msg.direction, body=msg.body, at=msg.created_at))


@router.post(
    "/evidence",
    auth=None,
    response={201: list[EvidenceOut]},
    summary="Add evidence (multipart: files, links), by receipt",
)
def evidence(request: HttpRequest) -> Status[list[EvidenceOut]]:
    report = _report_from_header(request)
    refusal = throttle.check_reporter_write(request)
    if refusal is not None:
        raise _refused(refusal)
    links = [x.strip() for x in request.POST.getlist("links") if x.strip()]
    try:
        rows = report_add_evidence(report=report, files=request.FILES.getlist("files"), links=links)
    except StorageUnavailable as exc:
        raise _storage_full(exc) from exc
    except DjangoValidationError as exc:
        raise _django_errors(exc) from exc
    return Status(201, [_evidence_out(e) for e in rows])
