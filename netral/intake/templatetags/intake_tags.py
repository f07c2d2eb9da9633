"""{% load intake_tags %}{% report_section case %}: the report's section on the case page.

One section per report (several once reports were merged into the case); on a case closed by
a merge, where its report went. Renders nothing when the case did not come from a public
report, or when the user cannot see the report (the access layer decides)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

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
    visible = access.visible_to(user, Report)
    reports = list(
        visible.filter(case_id=case_id).select_related("merged_from").order_by("created_at", "pk")
    )
    if not reports:
        # A case closed by a merge: say where its report went.
        moved = visible.filter(merged_from_id=case_id).select_related("case").first()
        if moved is None:
            return ""
        return render_to_string("intake/_merged_away.html", {"report": moved}, request=request)
    # Rendered sections are safe strings; adding them keeps them so (a str join would not).
    html = SafeString()
    for i, report in enumerate(reports):
        html += render_to_string(
            "intake/_report_section.html",
            section_context(
                user,
                report,
                section_id="laporan" if i == 0 else f"laporan-{report.pk}",
                on_case_page=True,
            ),
            request=request,
        )
    return html
