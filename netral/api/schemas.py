"""Base schemas: input schemas reject unknown fields, so a typo is an error, not a silent no-op."""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict


class StrictInput(Schema):
    model_config = ConfigDict(extra="forbid")
