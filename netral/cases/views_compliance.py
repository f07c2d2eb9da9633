"""Compliance pages: follow-up rates, the overdue list, non-compliant PPKs, the XLSX export."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from netral.audit.services import log_action
from netral.cases import compliance
from netral.cases.export import register_xlsx
from netral.cases.services.sweep import escalation_days
from netral.web.views import staff_required


@staff_required
def compliance_page(request: HttpRequest) -> HttpResponse:
    by_ppk, by_region = compliance.follow_up(request.user)
    return render(
        request,
        "cases/compliance.html",
        {
            "by_ppk": by_ppk,
            "by_region": by_region,
            "noncompliant": compliance.noncompliant(request.user),
            "escalation_days": escalation_days(),
        },
    )


@staff_required
def overdue_page(request: HttpRequest) -> HttpResponse:
    rows = list(
        compliance.overdue_cases(request.user).prefetch_related(
            "subjects__proven_violations", "violations"
        )[:500]
    )
    return render(request, "cases/overdue.html", {"cases": rows, "today": timezone.localdate()})


@staff_required
def noncompliant_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cases/noncompliant.html",
        {"agencies": compliance.noncompliant(request.user), "escalation_days": escalation_days()},
    )


@staff_required
def register_export(request: HttpRequest) -> HttpResponse:
    from django.db import transaction

    # The register's filter, if any: the file holds what the page showed.
    params = {k: str(v) for k, v in request.GET.items() if k != "page" and v}
    body = register_xlsx(request.user, params)
    with transaction.atomic():
        # Exports carry personal data (names, NIP): who took one is part of the record.
        log_action(
            request.user, "case.register_export", None, {"bytes": len(body), "filter": params}
        )
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="register-perkara-{stamp}.xlsx"'
    return response
