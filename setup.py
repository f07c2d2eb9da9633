"""Compiles the detector's per-post Python with mypyc (everything else is in pyproject.toml).

The detector reads every post of a monitoring import; its tokeniser, matching and rules are
per-token Python that mypyc turns into C from the type hints the code already carries (about a
third faster, the same outputs). The compiled modules are optional: without a C compiler (or
mypyc) the install goes on and the same modules run as plain Python. `netral.detection`
uses the compiled modules only when `build_ext` recorded that all of them were built from the
sources beside them (`netral/detection/compiled.json`); after an edit, the plain Python runs
until the next install. Set NETRAL_PURE_PYTHON=1 to skip compiling.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def _compiling() -> ModuleType:
    """netral/detection/compiling.py, loaded by its path: the package itself cannot be imported
    before its dependencies are installed."""
    path = ROOT / "netral" / "detection" / "compiling.py"
    spec = importlib.util.spec_from_file_location("netral_detection_compiling", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compiling = _compiling()


class RecordingBuildExt(build_ext):
    """Builds the extensions (each optional), then records the sources' digests only if every
    one of them was built: the modules of one mypyc group call each other in C, so it is all of
    them compiled or none."""

    def run(self) -> None:
        record = Path(self.build_lib if not self.inplace else ROOT) / "netral" / "detection"
        (record / compiling.RECORD).unlink(missing_ok=True)
        super().run()
        built = [Path(self.get_ext_fullpath(ext.name)) for ext in self.extensions]
        if built and all(path.exists() for path in built):
            record.mkdir(parents=True, exist_ok=True)
            digests = compiling.source_digests()
            (record / compiling.RECORD).write_text(json.dumps(digests, indent=1, sort_keys=True))


def _extensions() -> list:
    if os.environ.get("NETRAL_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    config = ["--config-file", str(compiling.PACKAGE / "mypyc.ini")]
    sources = [
        str((compiling.PACKAGE / f"{name}.py").relative_to(ROOT)) for name in compiling.COMPILED
    ]
    extensions = mypycify([*config, *sources], group_name="netral_detection", opt_level="3")
    for ext in extensions:
        ext.optional = True  # no compiler: the plain Python modules run instead
    return extensions


setup(ext_modules=_extensions(), cmdclass={"build_ext": RecordingBuildExt})
