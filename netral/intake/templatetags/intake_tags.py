"""{% load intake_tags %}{% report_section case %}: the report's section on the case page.

Renders nothing when the case did not come from a public report, or when the user cannot see
the report (the access layer decides)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from netral import access
from netral.intake.models import Report

register = template.Library()


@register.simple_tag(takes_context=True)
def report_section(context: template.Context, case: Any) -> str:
    from netral.intake.staff import section_context

    request = context.get("request")
    user = getattr(request, "user", None)
    case_id = getattr(case, "pk", None)
    if case_id is None:
        return ""
    report = access.visible_to(user, Report).filter(case_id=case_id).first()
    if report is None:
        return ""
    return render_to_string(
        "intake/_report_section.html", section_context(user, report), request=request
    )
