"""Benchmark of the partisan-content detector: speed, memory and quality, model vs keywords.

    .venv/bin/python bench/detect.py [--posts 100000] [--runs 3] [--data ../shared/data/corpus]

Speed: 100,000 posts synthesised in memory by perturbing the team's own texts and the dev
split's texts (never written to disk), classified in one process in batches of 2,000.
Quality: precision/recall/F1 on the fixed dev split, and the false-positive rate on news and
neutrality-education text (dev rows labelled not_partisan from news-like sources and the team's
held-out texts), for the model and for a keyword-only baseline (flag any post naming a
contestant, a campaign hashtag or a camp jibe: what monitors do by hand today).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from netral.detection.dataset import Example, corpus_examples, team_examples  # noqa: E402
from netral.detection.detector import Detector  # noqa: E402
from netral.detection.train import scores  # noqa: E402

BATCH = 2000
TEAM_PARTISAN = [
    "Ayo coblos 02 tanggal 17 April, Prabowo-Sandi pasti menang! ✌️",
    "Jokowi hebat, lanjutkan dua periode! #JokowiLagi",
    "Menangkan bu Luluk di Pilgub Jatim, pilih nomor 1!",
    "Dasar kampret, calonmu bohong terus #2019GantiPresiden",
    "Salam tiga jari untuk Ganjar-Mahfud, menang satu putaran",
    "AMIN menang! Anies presidenku #AniesMuhaimin",
]


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


def timed_run(detector: Detector, posts: list[str]) -> tuple[float, float]:
    """(posts per wall-clock second, posts per CPU second): the second is what the process
    itself can do when other work shares the machine's CPUs."""
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(posts), BATCH):
        detector.detect_many([(t, None) for t in posts[i:i + BATCH]])
    return len(posts) / (time.perf_counter() - wall), len(posts) / (time.process_time() - cpu)


def keyword_flags(detector: Detector, texts: list[str]) -> np.ndarray:
    flags = []
    for text in texts:
        a = detector.analyse(text)
        flags.append(a.flags["mention"] or a.flags["campaign_hashtag"] or a.flags["camp_jibe"])
    return np.array(flags, dtype=int)


def model_flags(detector: Detector, texts: list[str]) -> np.ndarray:
    return np.array([r.label == "partisan" for r in
                     detector.detect_many([(t, None) for t in texts])], dtype=int)


def quality(detector: Detector, dev: list[Example], neutral: dict[str, list[Example]]) -> None:
    y = np.array([e.y for e in dev])
    print(f"\nquality on the dev split ({len(dev)} posts, {int(y.sum())} partisan):")
    print(f"  {'':10} {'precision':>9} {'recall':>7} {'F1':>6}")
    for name, flag in (("model", model_flags), ("keywords", keyword_flags)):
        s = scores(y, flag(detector, [e.text for e in dev]))
        print(f"  {name:10} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f}")
    print("false positives on news and neutrality-education text (target ≤ 2%):")
    for label, examples in neutral.items():
        for name, flag in (("model", model_flags), ("keywords", keyword_flags)):
            fp = flag(detector, [e.text for e in examples])
            print(f"  {label}, {name}: {fp.mean():.1%} ({int(fp.sum())}/{len(fp)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "corpus")
    args = parser.parse_args()

    start = time.perf_counter()
    detector = Detector()
    load_s = time.perf_counter() - start
    dev = [e for e in corpus_examples(args.data) if e.split == "dev"] if args.data.is_dir() else []
    team = team_examples()
    pool = [e.text for e in team] + TEAM_PARTISAN + [e.text for e in dev]
    posts = synthesise(args.posts, pool)

    print(f"machine: {platform.node()} · {platform.processor() or platform.machine()} · "
          f"{os.cpu_count()} CPUs · Python {platform.python_version()} · {platform.system()}")
    print(f"detector load (model + {len(detector.elections)} shipped elections): {load_s:.2f} s")
    print(f"load average before the runs: {os.getloadavg()[0]:.2f}")
    rates, cpu_rates = [], []
    for run in range(1, args.runs + 1):
        wall, cpu = timed_run(detector, posts)
        rates.append(wall)
        cpu_rates.append(cpu)
        print(f"run {run}: {len(posts):,} posts at {wall:,.0f} posts/s "
              f"({cpu:,.0f} per CPU-second)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"median: {statistics.median(rates):,.0f} posts/s wall-clock, "
          f"{statistics.median(cpu_rates):,.0f} per CPU-second (target ≥ 5,000) "
          f"over {args.runs} runs")
    print(f"peak memory (max RSS of the process): {peak_mb:,.0f} MB (target < 600 MB)")
    if dev:
        quality(detector, dev, {
            "team-written held-out news/education/civic": [
                e for e in team if e.split == "heldout" and not e.y
                and e.source in ("team:news", "team:education", "team:civic")],
            "team-written held-out news naming a candidate (templates also trained on)": [
                e for e in team if e.split == "heldout" and e.source == "team:news_named"],
            "dev not_partisan posts with a link (mostly news)": [
                e for e in dev if not e.y and "URL" in e.text],
        })
    else:
        print(f"\n(no corpus at {args.data}: quality not scored)")


if __name__ == "__main__":
    main()
