"""Benchmark of checking and cleaning one evidence image: time and peak memory, the current
code (netral.intake.evidence.check) beside the reference it replaced (verify, then a full-size
decode, transpose, convert, tobytes and frombytes: issue 11.2's 930 MB for a 194 KB PNG).

    NETRAL_DATA_DIR=$(mktemp -d) .venv/bin/python bench/images.py [--runs 3]

Each run is a fresh process, so that its peak resident memory (VmHWM) is its own; the
figure printed is the peak minus the process's memory before the image was read.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NETRAL_DATA_DIR", tempfile.mkdtemp(prefix="netral-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netral.settings")

# name → (size, mode, format, content type)
IMAGES = {
    "probe PNG 7070x7070 RGBA": ((7070, 7070), "RGBA", "PNG", "image/png"),
    "phone JPEG 8000x6000 (48 MP)": ((8000, 6000), "RGB", "JPEG", "image/jpeg"),
    "phone JPEG 4032x3024 (12 MP)": ((4032, 3024), "RGB", "JPEG", "image/jpeg"),
    "screenshot PNG 4800x4800 RGBA": ((4800, 4800), "RGBA", "PNG", "image/png"),
}


def _make(folder: Path) -> dict[str, Path]:
    from PIL import Image

    paths = {}
    for name, (size, mode, fmt, _ct) in IMAGES.items():
        path = folder / f"{abs(hash(name))}.{fmt.lower()}"
        # A gradient: compresses like the probe (a few hundred KB) yet is a real picture.
        base = Image.linear_gradient("L").resize(size)
        img = Image.merge(mode, [base] * len(mode))
        img.save(path, fmt, **({"quality": 85} if fmt == "JPEG" else {}))
        paths[name] = path
    return paths


def reference(data: bytes, content_type: str) -> None:
    """The code before issue 11.2, as it was."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as img:
        if img.width * img.height > 50_000_000:
            raise ValueError("too large")
        img.verify()
    with Image.open(io.BytesIO(data)) as img:
        img.load()
        upright = ImageOps.exif_transpose(img) or img
        keep_alpha = content_type == "image/png" and upright.mode in {"RGBA", "LA", "P"}
        mode = "RGBA" if keep_alpha else "RGB"
        clean = Image.frombytes(mode, upright.size, upright.convert(mode).tobytes())
    out = io.BytesIO()
    clean.save(out, format="PNG" if keep_alpha else "JPEG", optimize=keep_alpha)


def current(data: bytes, content_type: str) -> None:
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from netral.intake import evidence

    evidence.check(SimpleUploadedFile("x", data, content_type))


def _status_kb(field: str) -> int:
    """VmRSS (held now) or VmHWM (the peak) of this process; ru_maxrss would carry the
    parent's peak across exec on Linux."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(field)


def _child(impl: str, path: str, content_type: str) -> None:
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: F401 (imported now,
    from PIL import Image, ImageOps  # noqa: F401 not timed)

    from netral.intake import evidence  # noqa: F401

    data = Path(path).read_bytes()
    before = _status_kb("VmRSS")
    start = time.perf_counter()
    outcome = "kept"
    try:
        (current if impl == "current" else reference)(data, content_type)
    except Exception as exc:
        outcome = f"refused ({type(exc).__name__})"
    elapsed = time.perf_counter() - start
    peak = _status_kb("VmHWM")
    print(json.dumps({"s": elapsed, "mb": (peak - before) / 1024, "outcome": outcome}))


def _run(impl: str, path: Path, content_type: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", impl, str(path), content_type],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        paths = _make(Path(tmp))
        jobs = [(n, impl) for n in IMAGES for impl in ("reference", "current")]
        results: dict[tuple[str, str], list[dict[str, object]]] = {}
        for name, impl in tqdm(jobs, desc="images", unit="case"):
            results[(name, impl)] = [
                _run(impl, paths[name], IMAGES[name][3]) for _ in range(args.runs)
            ]
        sizes = {n: paths[n].stat().st_size // 1024 for n in IMAGES}
    print(
        f"runs: {args.runs} per case, each in a fresh process; machine: {platform.machine()} "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"{'image':32s} {'KB':>6s} {'impl':10s} {'median s':>9s} {'peak MB':>8s}  outcome")
    for name in IMAGES:
        medians = {}
        for impl in ("reference", "current"):
            rows = results[(name, impl)]
            s = statistics.median(float(str(r["s"])) for r in rows)
            mb = statistics.median(float(str(r["mb"])) for r in rows)
            medians[impl] = (s, mb)
            print(
                f"{name:32s} {sizes[name]:6d} {impl:10s} {s:9.3f} {mb:8.0f}  {rows[0]['outcome']}"
            )
        (rs, rmb), (cs, cmb) = medians["reference"], medians["current"]
        print(
            f"{'':32s} {'':6s} {'ratio':10s} {cs / rs:9.2f} {cmb / max(rmb, 1):8.2f}  "
            "(current / reference)"
        )


if __name__ == "__main__":
    main()
