"""Countdown badges and the conflict-of-interest flag, the same everywhere a case shows."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def countdown(due: dt.date | None, done: bool = False) -> SafeString | str:
    if due is None or done:
        return ""
    left = (due - timezone.localdate()).days
    if left < 0:
        text = ngettext("lewat %(n)d hari", "lewat %(n)d hari", -left) % {"n": -left}
        return format_html('<span class="badge danger" data-testid="countdown">{}</span>', text)
    if left == 0:
        return format_html(
            '<span class="badge warn" data-testid="countdown">{}</span>', _("jatuh tempo hari ini")
        )
    text = ngettext("sisa %(n)d hari", "sisa %(n)d hari", left) % {"n": left}
    css = "warn" if left <= 2 else "ok"
    return format_html('<span class="badge {}" data-testid="countdown">{}</span>', css, text)


@register.simple_tag
def conflict_flag(case: object) -> SafeString | str:
    if not getattr(case, "conflict_of_interest", False):
        return ""
    return format_html(
        '<span class="badge danger" data-testid="conflict-flag" title="{}">{}</span>',
        getattr(case, "conflict_note", ""),
        _("Konflik kepentingan PPK"),
    )


@register.simple_tag
def posted_value(posted: object, name: str, suffix: object = "") -> str:
    """What the officer typed in field `name` (or `name-suffix`), to re-fill a form."""
    key = f"{name}-{suffix}" if suffix != "" else name
    getter = getattr(posted, "get", None)
    return str(getter(key, "")) if callable(getter) else ""


@register.simple_tag
def posted_list(posted: object, name: str, suffix: object = "") -> list[str]:
    """Every value posted in a multi-valued field (checkboxes), to re-tick them."""
    key = f"{name}-{suffix}" if suffix != "" else name
    getter = getattr(posted, "getlist", None)
    return list(getter(key)) if callable(getter) else []
