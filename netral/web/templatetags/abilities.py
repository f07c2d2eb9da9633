"""`{% may "monitoring:capture" as can_capture %}`: ask the rule before showing a link."""

from __future__ import annotations

from typing import Any

from django import template

from netral.web import abilities

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context: dict[str, Any], page: str) -> bool:
    request = context.get("request")
    return abilities.may(getattr(request, "user", None), page)
