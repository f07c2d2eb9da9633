"""Agreement of the second, blind annotation of the hard kinds with the first labels.

    python training/agreement.py [training/second_pass.csv]

`second_pass.csv` holds, by corpus row id, the kind, the first label, the second (blind) label
and the adjudicated final label; no corpus text. Prints per kind the rows, the observed
agreement and Cohen's kappa over the three labels (partisan, not_partisan, uncertain), the
same on the rows both passes could judge (no `uncertain`), and how many labels adjudication
changed. Kappa is undefined (shown as "-") where both passes used one label only, and small
where one label dominates (kappa's prevalence problem): read it beside the agreement.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

HERE = Path(__file__).resolve().parent
KINDS = [
    "opinion",
    "question_request",
    "complaint",
    "joke_sarcasm",
    "reporting",
    "abuse_no_election",
]


def kappa(first: list[str], second: list[str]) -> str:
    if len(set(first) | set(second)) < 2:
        return "-"
    value = cohen_kappa_score(first, second)
    return "-" if value != value else f"{value:.2f}"  # NaN when one pass used one label


def line(name: str, rows: list[dict[str, str]]) -> str:
    first = [r["first"] for r in rows]
    second = [r["second"] for r in rows]
    agree = sum(a == b for a, b in zip(first, second, strict=True)) / len(rows)
    sure = [r for r in rows if "uncertain" not in (r["first"], r["second"])]
    sure_agree = (sum(r["first"] == r["second"] for r in sure) / len(sure)) if sure else 0.0
    changed = sum(
        (r["first"], r["first_subtype"]) != (r["final"], r["final_subtype"]) for r in rows
    )
    flips = Counter(f"{r['first'][:3]}→{r['final'][:3]}" for r in rows if r["first"] != r["final"])
    return (
        f"{name:18} {len(rows):5} {agree:6.3f} {kappa(first, second):>6} {len(sure):6} "
        f"{sure_agree:6.3f} {kappa([r['first'] for r in sure], [r['second'] for r in sure]):>6}"
        f" {changed:7}  {dict(sorted(flips.items()))}"
    )


def main(path: Path) -> None:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_kind: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
    print(
        f"{'kind':18} {'rows':>5} {'agree':>6} {'kappa':>6} {'sure':>6} {'agree':>6} "
        f"{'kappa':>6} {'changed':>7}  label changes by adjudication"
    )
    for kind in KINDS:
        if by_kind.get(kind):
            print(line(kind, by_kind[kind]))
    print(line("all hard kinds", rows))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "second_pass.csv")
