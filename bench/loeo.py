"""Leave-one-election-out evaluation of the detector's training recipe.

    .venv/bin/python bench/loeo.py [--data ../shared/data/corpus] [--tree DIR] [--json OUT]

For each corpus source: train on every other source (all their labelled rows, train and dev
split alike, plus the team's training texts except those about the held-out election), then
score the held-out source with that model. Printed: precision, recall and F1 per held-out
source at the model's own cut, their mean, and precision at 50 and 100 of all held-out rows
ranked together by score (what a monitoring queue mixing elections shows first).

A random split flatters a model that learnt the names and hashtags of the elections it was
trained on; an election left out is what Netral meets with every new Pilkada.

`--tree DIR` runs the recipe of another checkout (e.g. the shipped commit unpacked with
`git archive`), so the old and the new recipe are compared on the same labels. Only the
functions both versions have are used: dataset.corpus_examples / team_examples,
train.prepare / fit / scores, detector.Detector.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# The election file each corpus source is about (its contestants are the held-out names).
SOURCE_ELECTION = {
    "pilpres2019": "pilpres-2019",
    "pilkadadki2017": "pilkada-dki-2017",
    "pilkadajatim2024": "pilgub-jatim-2024",
    "pilpres2024": "pemilu-2024",
}
MIN_POSITIVES = 20  # a source with fewer partisan rows gives no meaningful F1


def default_corpus() -> Path:
    """../shared/data/corpus beside the checkout (or beside the folder of worktrees)."""
    for parent in ROOT.parents:
        found = parent / "shared" / "data" / "corpus"
        if found.is_dir():
            return found
    return ROOT.parent / "shared" / "data" / "corpus"


def _subset(prepared: Any, idx: list[int]) -> Any:
    """The same dataclass restricted to some rows, whatever per-row fields it holds."""
    import numpy as np

    values = {}
    for f in dataclasses.fields(prepared):
        value = getattr(prepared, f.name)
        if isinstance(value, np.ndarray) or hasattr(value, "tocsr"):
            values[f.name] = value[idx]
        elif isinstance(value, list):
            values[f.name] = [value[i] for i in idx]
        else:
            values[f.name] = value
    return type(prepared)(**values)


def _held_out_scores(train_mod: Any, model: Any, data: Any) -> Any:
    if hasattr(train_mod, "predict"):  # the recipe knows how to score its own prepared rows
        return train_mod.predict(model, data)
    return model.probability(model.features(data.texts, data.dense))


def precision_at(y: Any, p: Any, k: int) -> float | None:
    import numpy as np

    if len(y) < k:
        return None
    order = np.argsort(-p, kind="stable")[:k]
    return float(y[order].mean())


def run(
    data_dir: Path, labels_dir: Path | None = None, c: float | None = None, log: Any = print
) -> dict[str, Any]:
    """`c`: train every held-out model with this regularisation strength instead of choosing
    it by cross-validation each time (six times faster; recipes that cannot be told ignore it)."""
    import numpy as np

    from netral.detection import train as train_mod
    from netral.detection.dataset import corpus_examples, team_examples
    from netral.detection.detector import Detector

    corpus = corpus_examples(data_dir, labels_dir) if labels_dir else corpus_examples(data_dir)
    team = [e for e in team_examples() if e.split == "train"]
    detector = Detector(model=train_mod._placeholder())
    about = [
        (a.election.code if a.election else None) for a in (detector.analyse(e.text) for e in team)
    ]
    everything = train_mod.prepare(detector, corpus + team)
    sources = sorted({e.source for e in corpus})
    fit_kwargs = {}
    if c and "c_grid" in inspect.signature(train_mod.fit).parameters:
        fit_kwargs["c_grid"] = (c,)
    elif c:  # an older recipe reads its grid from the module at call time
        train_mod.C_GRID = (c,)
    report: dict[str, Any] = {"sources": {}}
    pooled_y, pooled_p, pooled_src = [], [], []
    for source in sources:
        held = [i for i, e in enumerate(corpus) if e.source == source]
        keep = [i for i, e in enumerate(corpus) if e.source != source]
        election = SOURCE_ELECTION.get(source)
        keep += [
            len(corpus) + j for j, code in enumerate(about) if code != election or election is None
        ]
        started = time.perf_counter()
        model = train_mod.fit(_subset(everything, keep), log=lambda *_: None, **fit_kwargs)
        test = _subset(everything, held)
        p = np.asarray(_held_out_scores(train_mod, model, test), dtype=float)
        threshold = float(model.parts.threshold)
        s = train_mod.scores(test.y, (p >= threshold).astype(int))
        negatives = int((test.y == 0).sum())
        fp = int(((p >= threshold) & (test.y == 0)).sum())
        s.update(
            {
                "threshold": threshold,
                "p_at_50": precision_at(test.y, p, 50),
                "fp_rate": round(fp / negatives, 4) if negatives else None,
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
        report["sources"][source] = s
        pooled_y.append(test.y)
        pooled_p.append(p)
        pooled_src += [source] * len(held)
        log(
            f"  held out {source:17} n={s['n']:5} partisan={s['positives']:5} "
            f"P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
            f"(cut {threshold:.2f}, {s['seconds']:.0f} s)"
        )
    y, p = np.concatenate(pooled_y), np.concatenate(pooled_p)
    scored = {k: v for k, v in report["sources"].items() if v["positives"] >= MIN_POSITIVES}
    elections = {k: v for k, v in scored.items() if k in SOURCE_ELECTION}
    report["mean_f1"] = round(float(np.mean([v["f1"] for v in scored.values()])), 4)
    report["mean_f1_elections"] = round(float(np.mean([v["f1"] for v in elections.values()])), 4)
    report["mean_precision"] = round(float(np.mean([v["precision"] for v in scored.values()])), 4)
    report["mean_recall"] = round(float(np.mean([v["recall"] for v in scored.values()])), 4)
    report["p_at_50"], report["p_at_100"] = precision_at(y, p, 50), precision_at(y, p, 100)
    report["p_at_500"] = precision_at(y, p, 500)
    report["average_precision"] = round(_average_precision(y, p), 4)
    return report


def _average_precision(y: Any, p: Any) -> float:
    import numpy as np

    order = np.argsort(-p, kind="stable")
    hits = y[order]
    ranks = np.arange(1, len(hits) + 1)
    return float((np.cumsum(hits) / ranks)[hits == 1].mean()) if hits.sum() else 0.0


def print_report(report: dict[str, Any], title: str) -> None:
    print(f"\nleave-one-election-out, {title}:")
    print(
        f"  {'held out':17} {'n':>5} {'partisan':>8} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'P@50':>5} {'FP rate':>7}"
    )
    for source, s in report["sources"].items():
        p50 = "" if s["p_at_50"] is None else f"{s['p_at_50']:.2f}"
        fpr = "" if s["fp_rate"] is None else f"{s['fp_rate']:.1%}"
        print(
            f"  {source:17} {s['n']:5} {s['positives']:8} {s['precision']:6.3f} "
            f"{s['recall']:6.3f} {s['f1']:6.3f} {p50:>5} {fpr:>7}"
        )
    print(
        f"  mean over sources with ≥ {MIN_POSITIVES} partisan rows: "
        f"P {report['mean_precision']:.3f} R {report['mean_recall']:.3f} "
        f"F1 {report['mean_f1']:.3f} (target ≥ 0.80); "
        f"over the four elections: F1 {report['mean_f1_elections']:.3f}"
    )
    print(
        f"  all held-out rows ranked by score: P@50 {report['p_at_50']:.2f}, "
        f"P@100 {report['p_at_100']:.2f}, P@500 {report['p_at_500']:.2f}, "
        f"average precision {report['average_precision']:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_corpus())
    parser.add_argument(
        "--tree",
        type=Path,
        default=ROOT,
        help="checkout whose netral.detection recipe is evaluated",
    )
    parser.add_argument(
        "--labels",
        type=Path,
        default=ROOT / "training" / "labels",
        help="label CSVs (default: this checkout's, whatever --tree is)",
    )
    parser.add_argument("--c", type=float, help="fixed regularisation strength (faster)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    report = run(args.data, args.labels, args.c)
    print_report(report, f"recipe of {args.tree}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
