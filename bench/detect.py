"""Benchmark of the partisan-content detector: today's shipped detector against this checkout's,
side by side in the same run (speed, memory, quality), plus a keyword baseline.

    .venv/bin/python bench/detect.py [--posts 100000] [--runs 3] [--reference COMMIT]

Speed: 100,000 posts synthesised in memory by perturbing the team's own texts and the dev
split's texts (never written to disk), classified in batches of 2,000. Each detector runs in its
own process (so each has its own peak memory), the reference and this checkout taking turns run
by run, so a busy moment on a shared machine hits both. The reference is the detector of
`--reference` (default: the model shipped before issue 17), unpacked from git into a temporary
folder.
Quality: precision/recall/F1 on the fixed dev split for both, the false-positive rate on news
and neutrality-education text, and a keyword-only baseline (flag any post naming a contestant, a
campaign hashtag or a camp jibe: what monitors do by hand today). The leave-one-election-out
figures come from the sibling `bench/loeo.py` (it trains a model per election: minutes).
Each run says whether its detector ran compiled (mypyc, setup.py) or as plain Python; `--plain`
adds this checkout's detector as plain Python, so the ratio of the two shows what compiling gives.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.loeo import default_corpus, precision_at  # noqa: E402
from netral.detection.dataset import Example, corpus_examples, team_examples  # noqa: E402
from netral.detection.train import scores  # noqa: E402

# The detector shipped before issue 17 (model netral-detector/1 trained on 4,760 rows).
REFERENCE = "72dd0b9"
TEAM_PARTISAN = [
    "Ayo coblos 02 tanggal 17 April, Prabowo-Sandi pasti menang! ✌️",
    "Jokowi hebat, lanjutkan dua periode! #JokowiLagi",
    "Menangkan bu Luluk di Pilgub Jatim, pilih nomor 1!",
    "Dasar kampret, calonmu bohong terus #2019GantiPresiden",
    "Salam tiga jari untuk Ganjar-Mahfud, menang satu putaran",
    "AMIN menang! Anies presidenku #AniesMuhaimin",
]
PLAIN = "plain"  # this checkout's detector as plain Python (`--plain`)


def perturb(text: str, rng: random.Random) -> str:
    """Small edits real posts carry: elongation, case, a tag, an emoji, a handle."""
    words = text.split()
    if words and rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = words[i] + words[i][-1] * rng.randint(1, 3)
    out = " ".join(words)
    if rng.random() < 0.2:
        out = out.lower()
    if rng.random() < 0.2:
        out = "@USER " + out
    if rng.random() < 0.15:
        out += rng.choice([" 😂", " 🔥", " URL", " #Pemilu2024", " wkwk"])
    return out


def synthesise(n: int, pool: list[str], seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [perturb(rng.choice(pool), rng) for _ in range(n)]


def ask(tree: Path, mode: str, texts: list[str], plain: bool = False) -> dict[str, Any]:
    """`plain`: the tree's modules as plain Python even where they are compiled."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    if plain:
        env["NETRAL_PURE_PYTHON"] = "1"
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve().parent / "detect_worker.py"), str(tree)],
        input=json.dumps({"mode": mode, "texts": texts}),
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if done.returncode:
        raise SystemExit(f"the detector of {tree} failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout))


def unpack(commit: str, into: Path) -> Path:
    """The detector package of an old commit (code, model, election files, and the data files
    the detector reads from beside it where that commit has them: the catalogue's items and the
    region names), without Django."""
    wanted = [
        "netral/__init__.py",
        "netral/detection",
        "netral/elections/data",
        "netral/catalogue/data",
        "netral/regions/data",
    ]
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-tree", "--name-only", commit, *wanted],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    paths = [p for p in wanted if p in listed]
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, *paths], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


# --- the report -------------------------------------------------------------------------------


def speed(trees: dict[str, Path], posts: list[str], runs: int) -> dict[str, dict[str, Any]]:
    print(f"load average before the runs: {os.getloadavg()[0]:.2f}")
    found: dict[str, dict[str, Any]] = {
        name: {"wall": [], "cpu": [], "peak": 0.0, "load": []} for name in trees
    }
    for run in range(1, runs + 1):
        for name, tree in trees.items():
            r = ask(tree, "speed", posts, plain=name == PLAIN)
            f = found[name]
            f["wall"].append(r["wall"])
            f["cpu"].append(r["cpu"])
            f["load"].append(r["load_s"])
            f["peak"] = max(f["peak"], r["peak_mb"])
            print(
                f"run {run}, {name:9}: {len(posts):,} posts at {r['wall']:,.0f} posts/s "
                f"({r['cpu']:,.0f} per CPU-second), peak memory {r['peak_mb']:,.0f} MB, "
                f"{'compiled (mypyc)' if r.get('compiled') else 'plain Python'}"
            )
    for name, f in found.items():
        print(
            f"median, {name:9}: {statistics.median(f['wall']):,.0f} posts/s wall-clock, "
            f"{statistics.median(f['cpu']):,.0f} per CPU-second over {runs} runs; "
            f"peak memory {f['peak']:,.0f} MB (target < 600 MB); "
            f"load {statistics.median(f['load']):.2f} s"
        )
    pairs = [("new", "reference"), (PLAIN, "reference"), ("new", PLAIN)]
    for faster, base in pairs:
        if faster in found and base in found:
            wall, cpu = (
                statistics.median(found[faster][key]) / statistics.median(found[base][key])
                for key in ("wall", "cpu")
            )
            target = " (target ≥ 2.5×)" if base == "reference" else ""
            print(
                f"ratio {faster} / {base}: {wall:.2f}× wall-clock, {cpu:.2f}× per CPU-second"
                f"{target}"
            )
    return found


def _line(name: str, y: np.ndarray, pred: np.ndarray, p: np.ndarray) -> str:
    s = scores(y, pred)
    p50, p100 = precision_at(y, p, 50), precision_at(y, p, 100)
    tail = "" if p50 is None or p100 is None else f" {p50:5.2f} {p100:6.2f}"
    return f"  {name:10} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f}{tail}"


def quality(trees: dict[str, Path], dev: list[Example], neutral: dict[str, list[Example]]) -> None:
    y = np.array([e.y for e in dev])
    print(f"\nquality on the dev split ({len(dev)} posts, {int(y.sum())} partisan):")
    print(f"  {'':10} {'precision':>9} {'recall':>7} {'F1':>6} {'P@50':>5} {'P@100':>6}")
    for name, tree in trees.items():
        r = ask(tree, "score", [e.text for e in dev], plain=name == PLAIN)
        pred = np.array([label == "partisan" for label in r["labels"]], dtype=int)
        print(_line(name, y, pred, np.array(r["scores"])))
    kw = keyword_flags([e.text for e in dev])
    print(_line("keywords", y, kw, kw.astype(float)))
    print("false positives on news and neutrality-education text (target ≤ 2%):")
    for label, examples in neutral.items():
        for name, tree in trees.items():
            r = ask(tree, "score", [e.text for e in examples], plain=name == PLAIN)
            fp = np.array([x == "partisan" for x in r["labels"]], dtype=int)
            print(f"  {label}, {name}: {fp.mean():.1%} ({int(fp.sum())}/{len(fp)})")
        fp = keyword_flags([e.text for e in examples])
        print(f"  {label}, keywords: {fp.mean():.1%} ({int(fp.sum())}/{len(fp)})")


def keyword_flags(texts: list[str]) -> np.ndarray:
    from netral.detection.detector import Detector

    detector = Detector()
    flags = []
    for text in texts:
        a = detector.analyse(text)
        flags.append(a.flags["mention"] or a.flags["campaign_hashtag"] or a.flags["camp_jibe"])
    return np.array(flags, dtype=int)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=default_corpus())
    parser.add_argument(
        "--reference",
        default=REFERENCE,
        help="git commit whose detector is the reference ('none' to skip)",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="also time this checkout's detector as plain Python (not the mypyc-compiled modules)",
    )
    args = parser.parse_args()

    dev = [e for e in corpus_examples(args.data) if e.split == "dev"] if args.data.is_dir() else []
    team = team_examples()
    pool = [e.text for e in team] + TEAM_PARTISAN + [e.text for e in dev]
    posts = synthesise(args.posts, pool)
    print(
        f"machine: {platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} CPUs · Python {platform.python_version()} · {platform.system()}"
    )
    with tempfile.TemporaryDirectory(prefix="netral-reference-") as tmp:
        trees = {"new": ROOT, **({PLAIN: ROOT} if args.plain else {})}
        if args.reference != "none":
            trees = {"reference": unpack(args.reference, Path(tmp)), **trees}
            print(f"reference: the detector of commit {args.reference}")
        speed(trees, posts, args.runs)
        if not dev:
            print(f"\n(no corpus at {args.data}: quality not scored)")
            return
        quality(
            trees,
            dev,
            {
                "team-written held-out news/education/civic": [
                    e
                    for e in team
                    if e.split == "heldout"
                    and not e.y
                    and e.source in ("team:news", "team:education", "team:civic")
                ],
                "team-written held-out education": [
                    e for e in team if e.split == "heldout" and e.source == "team:education"
                ],
                "dev not_partisan posts with a link (mostly news)": [
                    e for e in dev if not e.y and "URL" in e.text
                ],
            },
        )


if __name__ == "__main__":
    main()
