"""Staff side of a report: its section on the case page, messages to the reporter, the
audited openings (identity, sealed originals), and the likely duplicates with their merge.
Every object is read through netral.access (forbidden = 404); evidence files are served here,
never from /media/."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from netral import access
from netral.access import AnyUser
from netral.intake import requirements, sealed_files
from netral.intake.duplicates import likely_duplicates, sharing_evidence
from netral.intake.forms import MergeForm, SealedOpenForm, StaffMessageForm
from netral.intake.models import Evidence, Report
from netral.intake.policies import may_handle, may_merge
from netral.intake.services import (
    MergeRefused,
    evidence_original_open,
    merge_problem,
    report_identity_reveal,
    report_merge,
    report_message_post,
)
from netral.web.views import staff_required, staff_user


def section_context(user: AnyUser, report: Report, **extra: Any) -> dict[str, Any]:
    """What `intake/_report_section.html` needs (also used by the {% report_section %} tag)."""
    return {
        "report": report,
        "evidence": list(access.visible_to(user, Evidence).filter(report=report)),
        "messages_list": list(report.messages.select_related("author")),
        "asn": list(report.asn.select_related("subject", "regency")),
        "requirements": requirements.for_report(report),
        "can_handle": may_handle(user, report),
        "section_id": extra.pop("section_id", "laporan"),
        "message_form": extra.pop("message_form", None) or StaffMessageForm(),
        "open_form": extra.pop("open_form", None) or SealedOpenForm(),
        **extra,
    }


def _report(request: HttpRequest, pk: int) -> Report:
    qs = Report.objects.select_related("case__handling_institution")
    return access.get_for_user(request.user, qs, pk)


@staff_required
def report_list(request: HttpRequest) -> HttpResponse:
    reports = (
        access.visible_to(request.user, Report)
        .select_related("case__handling_institution", "case__incident_regency", "merged_from")
        .order_by("-created_at", "-id")
    )
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    shared = sharing_evidence(request.user, page.object_list)
    return render(request, "intake/staff_list.html", {"page": page, "shared": shared})


def _duplicates_context(user: AnyUser, report: Report) -> dict[str, Any]:
    """The likely duplicates (each with whether it can be merged here) and the reports already
    merged into this report's case, as far as the user sees them."""
    flags = likely_duplicates(user, report)
    merger = may_merge(user, report)
    for flag in flags:
        flag.problem = merge_problem(report.case, flag.report.case)
        flag.may_merge = merger and flag.problem is None and may_merge(user, flag.report)
    together = (
        access.visible_to(user, Report)
        .filter(case_id=report.case_id)
        .exclude(pk=report.pk)
        .select_related("merged_from")
        .order_by("created_at", "pk")
    )
    return {"duplicates": flags, "together": list(together)}


def _detail(
    request: HttpRequest, report: Report, *, status: int = 200, **extra: Any
) -> HttpResponse:
    context = section_context(request.user, report, **extra)
    context.update(_duplicates_context(request.user, report))
    return render(request, "intake/staff_detail.html", context, status=status)


@never_cache
@staff_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _report(request, pk))


@require_POST
@staff_required
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge the report named in the form into this report's case (a second click changes
    nothing and says so)."""
    report = _report(request, pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        errors = [str(e) for e in form.errors.get("other", [])]
        return _detail(request, report, status=400, merge_error=" ".join(errors))
    try:
        done = report_merge(
            actor=staff_user(request), report_id=form.cleaned_data["other"], into_id=report.pk
        )
    except MergeRefused as exc:
        return _detail(request, report, status=409, merge_error=str(exc))
    if done.already:
        messages.info(
            request, _("Laporan itu sudah tergabung dalam perkara ini; tidak ada yang diubah.")
        )
    else:
        messages.success(
            request,
            _(
                "Laporan digabung ke perkara %(n)s. Setiap pelapor tetap memakai kode tanda "
                "terimanya sendiri."
            )
            % {"n": done.case.number},
        )
    return HttpResponseRedirect(reverse("intake:staff-detail", args=[report.pk]))


@require_POST
@staff_required
def message_to_reporter(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = StaffMessageForm(request.POST)
    if form.is_valid():
        # Someone who sees the report but may not write to the reporter gets 403 with the
        # reason (PermissionDenied), not 404: the report is no secret to them.
        report_message_post(
            report=report, body=form.cleaned_data["body"], actor=staff_user(request)
        )
        messages.success(
            request, _("Pesan terkirim ke pelapor; pelapor membacanya dengan kode tanda terima.")
        )
        return HttpResponseRedirect(reverse("intake:staff-detail", args=[report.pk]))
    return _detail(request, report, status=400, message_form=form)


@never_cache
@require_POST
@staff_required
def reveal_identity(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = SealedOpenForm(request.POST)
    if not form.is_valid():
        return _detail(request, report, status=400, open_form=form)
    identity = report_identity_reveal(
        report=report, actor=staff_user(request), reason=form.cleaned_data["reason"]
    )
    response = _detail(request, report, identity=identity, revealed=True)
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def evidence_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The stripped copy of an image (no EXIF/GPS), for anyone who sees the case."""
    item = access.get_for_user(request.user, Evidence.objects.select_related("report"), pk)
    if not item.stripped:
        raise Http404("not found")
    ext = ".png" if item.stripped_type == "image/png" else ".jpg"
    response = FileResponse(
        sealed_files.open_file(str(item.stripped.name)),
        content_type=item.stripped_type,
        filename=f"bukti-{item.pk}{ext}",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_POST
@staff_required
def evidence_original(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = access.get_for_user(request.user, Evidence.objects.select_related("report__case"), pk)
    form = SealedOpenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Alasan wajib diisi."))
        handle = evidence_original_open(
            evidence=item, actor=staff_user(request), reason=form.cleaned_data["reason"]
        )
    except ValidationError:
        return _detail(request, item.report, status=400, open_form=form)
    from netral.intake.evidence import ALLOWED

    ext = ALLOWED.get(item.content_type, (".bin", False))[0]
    response = FileResponse(
        handle,
        content_type=item.content_type,
        as_attachment=True,
        filename=f"bukti-{item.pk}-asli{ext}",
    )
    response["Cache-Control"] = "private, no-store"
    return response
