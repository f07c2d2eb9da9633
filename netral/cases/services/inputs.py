"""Parsing what a person typed into a case write: dates and bounded text. Every error names
its field, so that a form or an API caller can point at it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The columns these fields land in; longer input is refused (PostgreSQL would answer a 500).
MAX_LENGTHS = {"letter_number": 100, "forwarded_to": 200, "note": 10_000}


def parse_date(value: Any, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError({field: _("Tanggal harus berformat TTTT-BB-HH.")}) from exc


def text(data: Mapping[str, Any], field: str, *, required: bool = True) -> str:
    value = str(data.get(field) or "").strip()
    if required and not value:
        raise ValidationError({field: _("Kolom ini wajib diisi.")})
    limit = MAX_LENGTHS.get(field)
    if limit is not None and len(value) > limit:
        raise ValidationError({field: _("Paling banyak %(n)s karakter.") % {"n": limit}})
    if "\x00" in value:
        raise ValidationError({field: _("Karakter null tidak diizinkan.")})
    return value
