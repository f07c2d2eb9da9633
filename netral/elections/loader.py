"""Loading the shipped elections (data/*.yaml, format netral-election/1).

An election already in the database is left alone, so an administrator's correction survives a
restart; `netral election import FILE` replaces one on purpose.
"""

from __future__ import annotations

from pathlib import Path

from netral.elections import yamlio
from netral.elections.models import Election
from netral.elections.services import election_import

DATA_DIR = Path(__file__).resolve().parent / "data"


def shipped_files(data_dir: Path = DATA_DIR) -> list[Path]:
    return sorted(data_dir.glob("*.yaml"))


def load_reference_data(data_dir: Path = DATA_DIR) -> str:
    known = set(Election.objects.values_list("code", flat=True))
    loaded = []
    for path in shipped_files(data_dir):
        spec = yamlio.parse(path.read_text(encoding="utf-8"), name=path.name)
        if spec["code"] in known:
            continue
        election_import(actor=None, spec=spec)
        loaded.append(spec["code"])
    return f"{len(loaded)} elections loaded ({', '.join(loaded)})" if loaded else ""
