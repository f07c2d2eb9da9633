"""`{% subject_registry subject %}` on the case page: the subject's ASN in the registry, its
other cases (repeat violators), or suggestions to link it."""

from __future__ import annotations

from typing import Any

from django import template

from netral import access
from netral.cases.models import Case, CaseSubject
from netral.registry.caselinks import asn_cases

register = template.Library()


@register.inclusion_tag("registry/_subject.html", takes_context=True)
def subject_registry(context: Any, subject: CaseSubject) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    case = subject.case
    asn = subject.asn
    earlier = list(asn_cases(user, asn).exclude(case_id=case.pk)[:10]) if asn else []
    writable = access.writable_by(user, Case).filter(pk=case.pk).exists()
    return {
        "subject": subject,
        "earlier": earlier,
        "writable": writable,
        "request": request,
        "regency": case.incident_regency_id or case.regency_id or "",
    }
