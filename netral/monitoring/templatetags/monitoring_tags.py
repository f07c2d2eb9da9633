"""`{% monitoring_section case %}`: on a case page, the monitoring items it was opened from."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from netral import access
from netral.monitoring.models import Item

register = template.Library()


@register.simple_tag(takes_context=True)
def monitoring_section(context: Any, case: Any) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    items = list(access.visible_to(user, Item).filter(case_id=case.pk).order_by("pk"))
    if not items:
        return ""
    return render_to_string(
        "monitoring/_case_section.html",
        {"items": items, "seal": (items[0].sealed_evidence or {})},
        request=request,
    )
