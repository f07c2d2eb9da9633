"""Request bodies read as JSON by an endpoint itself (django-ninja's own parser already turns
any failure into a 400), bounded: a body nested deeper than any real request (200,000
brackets) is refused with the one error shape instead of exhausting Python's recursion."""

from __future__ import annotations

import json
from typing import Any

from netral.api.errors import ApiError

MAX_DEPTH = 32  # Netral's deepest body (a report's subjects) is 3 levels


def _too_deep(raw: str | bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether brackets nest deeper than `limit`, ignoring those inside strings. Only bodies
    with that many brackets at all are scanned."""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    if text.count("[") + text.count("{") <= limit:
        return False
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def loads(raw: str | bytes, *, status: int = 400) -> Any:
    """json.loads that refuses invalid or too deeply nested JSON with `status` (field
    `body`)."""
    if _too_deep(raw):
        raise ApiError(
            status,
            f"the body nests more than {MAX_DEPTH} levels deep",
            [{"field": "body", "message": f"at most {MAX_DEPTH} nested levels"}],
        )
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
        raise ApiError(
            status,
            f"the body is not valid JSON: {reason}{where}",
            [{"field": "body", "message": "not valid JSON"}],
        ) from exc
