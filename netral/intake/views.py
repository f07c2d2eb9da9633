"""Public pages: the report form (/lapor/) and the receipt-holder's status page (/lapor/status/).

Nothing here reads the client's address except the throttle (which keeps only a keyed hash),
and the receipt never travels in a URL: it is posted, checked, and the session then holds the
report's id for a short while (not the receipt).
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from netral.intake import evidence as ev
from netral.intake import requirements, throttle
from netral.intake.form_errors import error_summary
from netral.intake.forms import (
    AsnFormSet,
    ReceiptForm,
    ReporterEvidenceForm,
    ReporterMessageForm,
    ReportForm,
)
from netral.intake.models import Report
from netral.intake.services import (
    IdempotencyConflict,
    StorageUnavailable,
    Submission,
    Submitted,
    report_add_evidence,
    report_for_receipt,
    report_message_post,
    report_submit_once,
)
from netral.intake.timeline import reporter_timeline
from netral.regions.models import District, Regency

SESSION_REPORT = "intake_report"
SESSION_TTL = 30 * 60  # a reporter's status session lasts half an hour, then asks again


def violation_groups() -> list[tuple[str, list[dict[str, str]]]]:
    from netral.catalogue.models import Violation

    # The catalogue is public reference data (also shown at /jenis-pelanggaran/).
    groups: OrderedDict[str, list[dict[str, str]]] = OrderedDict()
    for v in Violation.objects.order_by("order", "code").only(
        "code", "source_list", "explanation", "example", "confirmed"
    ):
        groups.setdefault(v.source_list, []).append(
            {
                "code": v.code,
                "explanation": v.explanation,
                "example": v.example,
                "confirmed": "1" if v.confirmed else "",
            }
        )
    return list(groups.items())


def _submission(form: ReportForm, asn: Any, channel: str = "web") -> Submission:
    from netral.catalogue.models import Violation
    from netral.elections.models import Election

    data = form.cleaned_data
    subjects = [
        {
            "name": f.cleaned_data["name"],
            "nip": f.cleaned_data.get("nip", ""),
            "agency_name": f.cleaned_data.get("agency_name", ""),
            "position": f.cleaned_data.get("position", ""),
            "employment_type": f.cleaned_data.get("employment_type") or "pns",
            "regency_id": f.cleaned_data.get("regency") or None,
        }
        for f in asn.forms
        if f.cleaned_data
    ]
    election = Election.objects.filter(code=data["election"]).first() if data["election"] else None
    return Submission(
        description=data["description"],
        subjects=subjects,
        violations=list(Violation.objects.filter(code__in=data["violations"])),
        other_violation=data["other_violation"],
        incident_date=data["incident_date"],
        discovered_date=data["discovered_date"],
        province_id=data["province"] or None,
        regency_id=data["regency"] or None,
        district_id=data["district"] or None,
        place=data["place"],
        election=election,
        links=form.links_list(),
        files=data["attachments"],
        anonymous=bool(data["anonymous"]),
        identity={
            "name": data["reporter_name"],
            "address": data["reporter_address"],
            "contact": data["reporter_contact"],
        },
        channel=channel,
    )


def _apply_errors(exc: ValidationError, form: ReportForm, asn: Any) -> None:
    """Put a service's refusal next to the field it names ("subjects.2.nip", "reporter.name")."""
    for key, messages in exc.message_dict.items():
        parts = key.split(".")
        target: Any = form
        name: str | None = "_".join(parts) if parts[0] == "reporter" else parts[0]
        if (
            parts[0] == "subjects"
            and len(parts) == 3
            and parts[1].isdigit()
            and int(parts[1]) < len(asn.forms)
        ):
            target, name = asn.forms[int(parts[1])], parts[2]
        if name not in target.fields:
            target, name = form, None
        for message in messages:
            target.add_error(name, message)


@never_cache
def report_form(request: HttpRequest) -> HttpResponse:
    groups = violation_groups()
    choices = [(v["code"], v["code"]) for _g, items in groups for v in items]
    status, wait = 200, 0
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, violations=choices)
        asn = AsnFormSet(request.POST, prefix="asn")
        token = request.POST.get("form_token") or ""
        refusal = throttle.check_submit(request)
        if refusal is not None:
            form.is_valid()
            form.add_error(None, refusal.message)
            status = 429
            wait = refusal.retry_after
        elif form.is_valid() and asn.is_valid():
            try:
                outcome = report_submit_once(submission=_submission(form, asn), key=token)
            except IdempotencyConflict as exc:
                form.add_error(None, str(exc))
                status = 409
            except StorageUnavailable as exc:
                _apply_errors(exc, form, asn)
                status = 503
            except ValidationError as exc:
                _apply_errors(exc, form, asn)
                status = 400
            else:
                return _done(request, outcome.report, outcome.receipt, outcome.written)
        else:
            status = 429 if status == 429 else 400
            if form.errors.get("website"):
                form.add_error(
                    None,
                    _(
                        "Permintaan ditolak: kolom tersembunyi “situs "
                        "web” terisi, seperti yang dilakukan robot."
                    ),
                )
    else:
        form = ReportForm(violations=choices)
        asn = AsnFormSet(prefix="asn")
        token = ""
    context = {
        "form": form,
        "asn": asn,
        "groups": groups,
        "form_token": token or secrets.token_urlsafe(24),
        "files_lost": bool(request.FILES) and status != 200,
        "error_summary": error_summary(form, asn) if status != 200 else [],
        "max_file_bytes": ev.MAX_FILE_BYTES,
        "max_file_mb": ev.MAX_FILE_BYTES // 1_048_576,
        "max_files": ev.MAX_FILES_PER_REPORT,
        "selected": set(form["violations"].value() or []),
        **_form_options(form),
    }
    response = render(request, "intake/report_form.html", context, status=status)
    if wait:
        response["Retry-After"] = str(wait)
    return response


def _form_options(form: ReportForm) -> dict[str, Any]:
    """Options of the dependent selects for the values already chosen, so that a form shown
    again after an error keeps every choice (the page script loads them on change)."""
    from netral.elections.models import Election

    province, regency = form["province"].value() or "", form["regency"].value() or ""
    elections = [("", str(_("Tidak tahu / tidak terkait pemilihan tertentu")), "")] + [
        (e.code, e.name, e.kind) for e in Election.objects.order_by("-voting_day", "name")
    ]
    return {
        "regency_options": list(
            Regency.objects.filter(province_id=province).values_list("code", "name")
        )
        if province
        else [],
        "district_options": list(
            District.objects.filter(regency_id=regency).values_list("code", "name")
        )
        if regency
        else [],
        "election_options": elections,
        "requirements": requirements.check(
            anonymous=form["anonymous"].value() == "1",
            has_reporter=False,
            subjects=0,
            incident_date=None,
            discovered_date=None,
            has_place=False,
            has_description=False,
            evidence=0,
            pemilu=False,
            today=timezone.localdate(),
        ),
    }


def _done(
    request: HttpRequest, report: Report, receipt: str | None, written: Submitted | None = None
) -> HttpResponse:
    reqs = requirements.for_report(
        report,
        subjects=written.subjects if written else None,
        evidence=written.evidence if written else None,
    )
    response = render(
        request,
        "intake/report_done.html",
        {
            "report": report,
            "receipt": receipt,
            "requirements": reqs,
            "receipt_groups": receipt.split("-") if receipt else [],
            "missing": [r for r in reqs if not r.met],
        },
        status=201,
    )
    response["Cache-Control"] = "no-store"
    return response


def session_report(request: HttpRequest) -> Report | None:
    held = request.session.get(SESSION_REPORT)
    if not isinstance(held, dict) or held.get("until", 0) < time.time():
        request.session.pop(SESSION_REPORT, None)
        return None
    pk = held.get("id")
    if not isinstance(pk, int):
        return None
    return Report.objects.select_related("case").filter(pk=pk).first()


def _remember(request: HttpRequest, report: Report) -> None:
    request.session.cycle_key()
    request.session[SESSION_REPORT] = {"id": report.pk, "until": time.time() + SESSION_TTL}


def _open_with_receipt(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.POST)
    refusal = throttle.receipt_refusal(request)
    if refusal is not None:
        form.is_valid()
        form.add_error("receipt", refusal.message)
        return _status_page(
            request, None, receipt_form=form, status=429, retry_after=refusal.retry_after
        )
    if form.is_valid():
        report = report_for_receipt(form.cleaned_data["receipt"])
        if report is not None:
            _remember(request, report)
            return HttpResponseRedirect(reverse("intake:status"))
        throttle.receipt_failed(request)
        form.add_error(
            "receipt", _("Kode tanda terima tidak dikenal. Periksa lagi kodenya (24 huruf/angka).")
        )
    return _status_page(request, None, receipt_form=form, status=400)


def _reporter_write(request: HttpRequest, report: Report, action: str) -> HttpResponse:
    refusal = throttle.check_reporter_write(request)
    message_form = ReporterMessageForm(request.POST if action == "message" else None)
    evidence_form = ReporterEvidenceForm(
        request.POST if action == "evidence" else None,
        request.FILES if action == "evidence" else None,
    )
    target: Any = message_form if action == "message" else evidence_form
    if refusal is not None:
        target.is_valid()
        target.add_error(None, refusal.message)
        return _status_page(
            request,
            report,
            message_form=message_form,
            evidence_form=evidence_form,
            status=429,
            retry_after=refusal.retry_after,
        )
    if target.is_valid():
        try:
            if action == "message":
                report_message_post(report=report, body=target.cleaned_data["body"])
            else:
                links = [x.strip() for x in (target.cleaned_data["links"] or "").splitlines()]
                report_add_evidence(
                    report=report,
                    files=target.cleaned_data["attachments"],
                    links=[x for x in links if x],
                )
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                for m in messages:
                    target.add_error(key if key in target.fields else None, m)
        else:
            return HttpResponseRedirect(reverse("intake:status") + "?ok=" + action)
    return _status_page(
        request, report, message_form=message_form, evidence_form=evidence_form, status=400
    )


@never_cache
def status(request: HttpRequest) -> HttpResponse:
    report = session_report(request)
    if request.method == "POST":
        action = request.POST.get("action", "open")
        if action == "forget":
            request.session.pop(SESSION_REPORT, None)
            return HttpResponseRedirect(reverse("intake:status"))
        if action == "open" or report is None:
            return _open_with_receipt(request)
        if action in {"message", "evidence"}:
            return _reporter_write(request, report, action)
    return _status_page(request, report)


def _status_page(
    request: HttpRequest,
    report: Report | None,
    *,
    status: int = 200,
    retry_after: int = 0,
    **forms: Any,
) -> HttpResponse:
    context: dict[str, Any] = {"report": report, "ok": request.GET.get("ok", "")}
    if report is None:
        context["receipt_form"] = forms.get("receipt_form") or ReceiptForm()
    else:
        context.update(
            case=report.case,
            timeline=reporter_timeline(report),
            messages_list=report.messages.all(),
            evidence=report.evidence.all(),
            requirements=requirements.for_report(report),
            message_form=forms.get("message_form") or ReporterMessageForm(),
            evidence_form=forms.get("evidence_form") or ReporterEvidenceForm(),
            now=timezone.now(),
        )
    response = render(request, "intake/status.html", context, status=status)
    response["Cache-Control"] = "no-store"
    if retry_after:
        response["Retry-After"] = str(max(1, retry_after))
    return response
