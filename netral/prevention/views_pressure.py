"""The safe channel for pressured ASN: the public form (/tekanan/), the receipt page
(/tekanan/status/), and the staff pages for Bawaslu and BKN. The receipt never travels in a URL;
the session holds the report's id for half an hour after a correct receipt."""

from __future__ import annotations

import time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from netral import access
from netral.intake import throttle as intake_throttle
from netral.prevention import pressure, throttle
from netral.prevention.forms import PressureForm, PressureUpdateForm, ReceiptForm
from netral.prevention.models import PressureReport
from netral.web.views import staff_required, staff_user

SESSION_KEY = "prevention_pressure"
SESSION_TTL = 30 * 60


@never_cache
def pressure_form(request: HttpRequest) -> HttpResponse:
    form = PressureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = intake_throttle.check_submit(request)
        if refusal is not None:
            form.add_error(None, refusal.message)
        else:
            data = form.cleaned_data
            try:
                done = pressure.pressure_report_submit(
                    regency=data["regency"],
                    source=data["source"],
                    description=data["description"],
                    anonymous=data["anonymous"],
                    identity={k: data[k] for k in ("name", "nip", "agency", "contact")},
                )
            except ValidationError as exc:
                for name, errs in exc.message_dict.items():
                    form.add_error(name if name in form.fields else None, errs)
            else:
                return render(
                    request,
                    "prevention/pressure_done.html",
                    {"receipt": done.receipt, "report": done.report},
                    status=201,
                )
    return render(request, "prevention/pressure_form.html", {"form": form})


@never_cache
def pressure_status(request: HttpRequest) -> HttpResponse:
    refusal = throttle.code_refusal(request, "pressure-receipt")
    form = ReceiptForm(request.POST or None)
    report = None
    held = request.session.get(SESSION_KEY)
    if held and time.time() - held.get("at", 0) < SESSION_TTL:
        report = PressureReport.objects.filter(pk=held.get("id")).first()
    if request.method == "POST" and refusal is None and form.is_valid():
        report = pressure.pressure_for_receipt(form.cleaned_data["receipt"])
        if report is None:
            throttle.code_failed(request, "pressure-receipt")
            form.add_error("receipt", _("Kode tanda terima tidak dikenal."))
        else:
            request.session.cycle_key()
            request.session[SESSION_KEY] = {"id": report.pk, "at": time.time()}
            return HttpResponseRedirect(reverse("prevention:pressure-status"))
    response = render(
        request,
        "prevention/pressure_status.html",
        {"form": form, "report": report, "refusal": refusal},
    )
    if refusal is not None:
        response.status_code = 429
        response["Retry-After"] = str(max(1, refusal.retry_after))
    return response


@staff_required
def pressure_list(request: HttpRequest) -> HttpResponse:
    reports = access.visible_to(staff_user(request), PressureReport).select_related("regency")
    page = Paginator(reports, 25).get_page(request.GET.get("page"))
    return render(request, "prevention/pressure_list.html", {"page": page})


@staff_required
def pressure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    grant = access.lookup(user, PressureReport.objects.select_related("regency", "election"), pk)
    report = grant.obj
    form = PressureUpdateForm(
        request.POST or None, initial={"status": report.status, "note": report.note}
    )
    if request.method == "POST" and form.is_valid():
        pressure.pressure_update(
            actor=user,
            report_id=pk,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Laporan diperbarui."))
        return HttpResponseRedirect(reverse("prevention:pressure", args=[pk]))
    return render(
        request,
        "prevention/pressure_detail.html",
        {
            "report": report,
            "form": form,
            "writable": grant.writable,
            "identity": request.session.pop(f"pressure_identity_{pk}", None),
        },
    )


@staff_required
@require_POST
def pressure_identity(request: HttpRequest, pk: int) -> HttpResponse:
    identity = pressure.pressure_identity_open(actor=staff_user(request), report_id=pk)
    # Shown once on the next page, not kept.
    request.session[f"pressure_identity_{pk}"] = identity or {"": _("(tanpa nama)")}
    return HttpResponseRedirect(reverse("prevention:pressure", args=[pk]))
