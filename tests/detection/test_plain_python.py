"""netral.detection is a plain Python package: it runs in a worker or a shell without Django."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import netral.detection

PACKAGE = Path(netral.detection.__file__).parent


def test_no_module_of_the_package_imports_django() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []


def test_detecting_loads_no_django_module() -> None:
    code = (
        "import sys; from netral.detection.cli import main; "
        "main(['--text', 'Ayo coblos 02!']); "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=120)
