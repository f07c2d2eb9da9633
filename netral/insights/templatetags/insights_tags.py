"""Links from a figure to the list behind it, and numbers as the dashboard shows them."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.urls import reverse
from django.utils.formats import number_format

from netral.insights.filters import Filters

register = template.Library()


@lru_cache(maxsize=8)
def _url(name: str) -> str:
    return reverse(name)


@register.simple_tag
def behind(filters: Filters, **selection: Any) -> str:
    """The URL of the cases behind a figure: the page's filters plus the figure's selection."""
    return f"{_url('insights:cases')}?{filters.query(**selection)}"


@register.simple_tag
def filtered(filters: Filters, name: str, **extra: Any) -> str:
    """Another insights page (or export) under the same filters."""
    return f"{reverse(name)}?{filters.query(**extra)}"


@register.filter
def pct(value: float | None) -> str:
    return "—" if value is None else f"{number_format(value, 1)}%"


@register.filter
def days(value: float | None) -> str:
    if value is None:
        return "—"
    return number_format(value, 0 if float(value).is_integer() else 1)


@register.filter
def get_field(form: Any, name: str) -> Any:
    return form[name]
