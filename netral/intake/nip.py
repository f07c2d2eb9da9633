"""The NIP check used by the report form: the registry's one rule
(`netral.registry.identifiers`)."""

from __future__ import annotations

from netral.registry.identifiers import nip_problem, normalize

__all__ = ["nip_problem", "normalize"]
