"""The detector's modules compiled by mypyc (setup.py) give what the plain Python gives, and an
edited source runs as plain Python instead of an older compiled module."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import netral.detection
from netral.detection import COMPILED, RECORD, running_compiled, source_digests
from netral.detection.dataset import team_examples

PACKAGE = Path(netral.detection.__file__).resolve().parent
TEXTS = [
    "Ayo coblos 02 tanggal 17 April, Prabowo-Sandi pasti menang! ✌️",
    "Ayo warga Baturaja coblos nomor urut 1, menangkan pasangan kita di Pilkada OKU!",
    "Dasar kampret, calonmu bohong terus #2019GantiPresiden",
    "KPU menetapkan nomor urut paslon Pilgub Jatim, Rabu (23/9/2024) WIB. https://t.co/x",
    "Pak @Ganjar, bagaimana program air bersih di desa kami?",
    "salam  dua   jari\tuntuk semuaaa wkwk 😂 orang2 pada_bingung no. 2",
    "",
    "Rapat koordinasi netralitas ASN digelar di kantor bupati.",
]
SCRIPT = """
import datetime as dt, json, sys
from netral.detection import running_compiled
from netral.detection.detector import Detector
texts = json.loads(sys.stdin.read())
detector = Detector()
results = detector.detect_many(
    [(t, None) for t in texts] + [(t, dt.date(2019, 4, 1)) for t in texts]
    + [(t, dt.date(2024, 11, 20)) for t in texts]
)
json.dump({"compiled": running_compiled(), "results": [r.as_dict() for r in results]}, sys.stdout)
"""


def _detect(texts: list[str], *, env: dict[str, str], cwd: Path | None = None) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
        cwd=cwd,
        check=True,
    )
    return dict(json.loads(done.stdout))


needs_compiled = pytest.mark.skipif(
    not running_compiled(), reason="this install has no compiled detector (no C compiler?)"
)


@needs_compiled
def test_compiled_and_plain_python_give_the_same_results() -> None:
    texts = TEXTS + [e.text for e in team_examples()]
    compiled = _detect(texts, env={})
    plain = _detect(texts, env={"NETRAL_PURE_PYTHON": "1"})
    assert (compiled["compiled"], plain["compiled"]) == (True, False)
    assert len(compiled["results"]) == 3 * len(texts)
    assert compiled["results"] == plain["results"]


@needs_compiled
def test_the_record_names_every_compiled_module_with_its_source() -> None:
    recorded = json.loads((PACKAGE / RECORD).read_text("utf-8"))
    assert recorded == source_digests()
    assert sorted(recorded) == sorted(COMPILED)


@needs_compiled
def test_an_edited_source_runs_as_plain_python(tmp_path: Path) -> None:
    """A copy of the installed package (compiled modules, record, sources) in another folder:
    compiled as it is; once one source is edited, all of them run as plain Python, and the
    detector still answers."""
    import netral_detection__mypyc  # the compiled group's shared library

    (tmp_path / "netral").mkdir()
    shutil.copy(PACKAGE.parent / "__init__.py", tmp_path / "netral" / "__init__.py")
    shutil.copytree(PACKAGE, tmp_path / "netral" / "detection")
    shutil.copy(netral_detection__mypyc.__file__, tmp_path)
    for data in ("elections", "catalogue", "regions"):
        shutil.copytree(PACKAGE.parent / data / "data", tmp_path / "netral" / data / "data")
    env = {"PYTHONPATH": str(tmp_path)}
    texts = TEXTS[:2]
    assert _detect(texts, env=env, cwd=tmp_path)["compiled"] is True

    rules = tmp_path / "netral" / "detection" / "rules.py"
    rules.write_text(rules.read_text("utf-8") + "\n# edited after the install\n", "utf-8")
    edited = _detect(texts, env=env, cwd=tmp_path)
    assert edited["compiled"] is False
    assert edited["results"][1]["election"] is not None  # the plain detector found Pilkada OKU
    assert edited["results"] == _detect(texts, env={"NETRAL_PURE_PYTHON": "1"})["results"]
