"""Base schemas: input schemas reject unknown fields, so a typo is an error, not a silent no-op."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict, field_validator


def has_nul(value: Any) -> bool:
    """True when a string, or any string inside a list or dict, holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return any(has_nul(v) for v in value)
    return False


class StrictInput(Schema):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        # PostgreSQL refuses NUL in text (a 500 deep in a service); refuse it here, by field.
        if has_nul(value):
            raise ValueError("NUL characters (\\x00) are not allowed")
        return value
