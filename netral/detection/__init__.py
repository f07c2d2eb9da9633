"""Partisan-content detection for Indonesian text: a plain Python package (no Django).

The per-post modules listed in COMPILED (`compiling.py`) are compiled with mypyc when the
project is installed (setup.py): a third faster, the same outputs. The compiled modules of one
build call each other in C, so they run only all together and only when they were built from the
very sources beside them (the digests setup.py records in `compiled.json`); otherwise, after an
edit, with no C compiler, or with NETRAL_PURE_PYTHON=1, the same modules run as plain Python.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

from netral.detection.compiling import COMPILED, PACKAGE, RECORD, source_digests

__all__ = ["COMPILED", "RECORD", "running_compiled", "source_digests"]


def _compiled_matches_sources() -> bool:
    if os.environ.get("NETRAL_PURE_PYTHON"):
        return False
    try:
        recorded = json.loads((PACKAGE / RECORD).read_text("utf-8"))
        return bool(recorded == source_digests())
    except (OSError, ValueError):  # no record: never compiled, or a build that failed
        return False


class _PlainPython(importlib.abc.MetaPathFinder):
    """Loads the compiled modules' names from their .py files, even where a compiled module of
    an older source sits beside them (the import system would prefer the compiled one)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != __name__ or name not in COMPILED:
            return None
        return importlib.util.spec_from_file_location(fullname, PACKAGE / f"{name}.py")


if not _compiled_matches_sources():
    sys.meta_path.insert(0, _PlainPython())


def running_compiled() -> bool:
    """Whether the detector's modules are the compiled ones (the bench prints it)."""
    from netral.detection import normalize

    return not str(normalize.__file__).endswith(".py")
