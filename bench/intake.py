"""Benchmark of the public channel's costly steps: the receipt's slow hash (once per submission
and per look-up), sealing an identity, and stripping a phone-sized photo.

    NETRAL_DATA_DIR=$(mktemp -d) .venv/bin/python bench/intake.py [--runs 7]

Prints the median per operation over the runs, and the machine.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NETRAL_DATA_DIR", tempfile.mkdtemp(prefix="netral-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netral.settings")


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    import django

    django.setup()
    from PIL import Image

    from netral.intake import evidence, receipts, sealing

    issued = receipts.issue()
    secret = receipts.split(receipts.normalize(issued.code) or "")[1]
    old_salt = b"0123456789abcdef"
    old_digest = receipts.slow_hash(secret, old_salt)
    photo = io.BytesIO()
    Image.effect_noise((4000, 3000), 64).convert("RGB").save(photo, "JPEG", quality=90)
    figures = {
        "receipt issue (HMAC-SHA256)": _median_ms(receipts.issue, args.runs),
        "receipt verify": _median_ms(
            lambda: receipts.matches(secret, issued.salt, issued.digest), args.runs
        ),
        "receipt verify (old, scrypt)": _median_ms(
            lambda: receipts.matches(secret, old_salt, old_digest), args.runs
        ),
        "identity seal+unseal": _median_ms(
            lambda: sealing.unseal(sealing.seal({"name": "x" * 40, "address": "y" * 80})), args.runs
        ),
        "strip 12 MP JPEG": _median_ms(
            lambda: evidence.strip_image(photo, "image/jpeg"), args.runs
        ),
    }
    print(
        f"runs: {args.runs}; machine: {platform.machine()} {platform.processor() or ''} "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    for name, ms in figures.items():
        print(f"{name:32s} median {ms:8.1f} ms")


if __name__ == "__main__":
    main()
