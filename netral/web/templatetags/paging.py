"""`{% page_href n %}`: a page link that keeps the filters the list was reached with.

Every list that includes web/pagination.html keeps its query string this way, instead of each
view building it without `page` and passing it in."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_href(context: dict[str, Any], number: int) -> str:
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"?page={number}"
    query["page"] = str(number)
    return f"?{query.urlencode()}"
