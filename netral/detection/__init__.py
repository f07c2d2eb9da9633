"""Partisan-content detection for Indonesian text: a plain Python package (no Django).

The per-post modules listed in COMPILED are compiled with mypyc when the project is installed
(setup.py): a third faster, the same outputs. The compiled modules of one build call each other
in C, so they run only all together and only when they were built from the very sources beside
them (the digests setup.py records in `compiled.json`); otherwise, after an edit, with no C
compiler, or with NETRAL_PURE_PYTHON=1, the same modules run as plain Python.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

# setup.py reads this tuple (it cannot import the package before its dependencies are there).
COMPILED = ("normalize", "entities", "places", "rules", "voice", "stance", "detector")
RECORD = "compiled.json"
_HERE = Path(__file__).resolve().parent


def source_digests() -> dict[str, str]:
    """The sha256 of each compiled module's source, as setup.py records them."""
    return {
        name: hashlib.sha256((_HERE / f"{name}.py").read_bytes()).hexdigest() for name in COMPILED
    }


def _compiled_matches_sources() -> bool:
    if os.environ.get("NETRAL_PURE_PYTHON"):
        return False
    try:
        recorded = json.loads((_HERE / RECORD).read_text("utf-8"))
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
        return importlib.util.spec_from_file_location(fullname, _HERE / f"{name}.py")


if not _compiled_matches_sources():
    sys.meta_path.insert(0, _PlainPython())


def running_compiled() -> bool:
    """Whether the detector's modules are the compiled ones (the bench prints it)."""
    from netral.detection import normalize

    return not str(normalize.__file__).endswith(".py")
