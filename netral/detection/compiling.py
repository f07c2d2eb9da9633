"""Which of the detector's modules setup.py compiles with mypyc, and the digests of their
sources that the build records (`compiled.json`) and `netral.detection` checks.

Standard library only: setup.py loads this file by its path, before the project's dependencies
are installed."""

from __future__ import annotations

import hashlib
from pathlib import Path

COMPILED = ("normalize", "entities", "places", "rules", "voice", "stance", "detector")
RECORD = "compiled.json"
PACKAGE = Path(__file__).resolve().parent


def source_digests() -> dict[str, str]:
    """The sha256 of each compiled module's source."""
    return {
        name: hashlib.sha256((PACKAGE / f"{name}.py").read_bytes()).hexdigest() for name in COMPILED
    }
