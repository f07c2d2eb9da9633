"""Training data: the team's labels (training/labels/*.csv, by row id), the corpus rows they
point to (read from the corpus folder at training time, never copied into the repository), and
the team-written news and neutrality-education texts (training/team_texts.csv)."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LABELS_DIR = REPO / "training" / "labels"
TEAM_TEXTS = REPO / "training" / "team_texts.csv"
DEV_PERCENT = 20


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    label: str  # partisan | not_partisan
    subtype: str  # support | campaign_call | attack | ""
    split: str  # train | dev (corpus) ; train | heldout (team texts)
    source: str  # corpus file stem, or "team:<category>"

    @property
    def y(self) -> int:
        return int(self.label == "partisan")


def split_of(row_id: str) -> str:
    """A fixed dev split: the same ~20% of ids whatever is added later (hash, not order)."""
    bucket = int(hashlib.sha1(row_id.encode(), usedforsecurity=False).hexdigest()[:8], 16) % 100
    return "dev" if bucket < DEV_PERCENT else "train"


def read_labels(directory: Path = LABELS_DIR) -> dict[str, tuple[str, str]]:
    labels: dict[str, tuple[str, str]] = {}
    for path in sorted(directory.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                subtype = (row.get("subtype") or "").strip()
                labels[row["id"].strip()] = (row["label"].strip(), subtype)
    return labels


def iter_corpus(directory: Path) -> Iterator[dict[str, str]]:
    for path in sorted(Path(directory).glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


def corpus_examples(directory: Path, labels_dir: Path = LABELS_DIR) -> list[Example]:
    """Labelled corpus rows, `uncertain` left out (the guide keeps them out of scoring)."""
    labels = read_labels(labels_dir)
    found = []
    for row in iter_corpus(directory):
        label, subtype = labels.get(row["id"], ("", ""))
        if label in ("partisan", "not_partisan"):
            found.append(
                Example(
                    row["id"],
                    row["text"],
                    label,
                    subtype,
                    split_of(row["id"]),
                    row["id"].rsplit("-", 1)[0],
                )
            )
    return sorted(found, key=lambda e: e.id)


def team_examples(path: Path = TEAM_TEXTS) -> list[Example]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            Example(
                r["id"],
                r["text"],
                r["label"],
                r.get("subtype") or "",
                r["split"],
                f"team:{r['category']}",
            )
            for r in csv.DictReader(fh)
        ]
