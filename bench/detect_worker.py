"""One detector, of one checkout, in its own process (used by bench/detect.py).

    python bench/detect_worker.py TREE < {"mode": "speed"|"score", "texts": [...]}

Nothing of netral is imported before TREE is first on the path, so the reference checkout's
code and model are the ones measured. `speed`: one timed pass in batches of 2,000; `score`:
each text's label and score. Prints JSON, with the load time and the process's peak memory.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import Any

BATCH = 2000


def main(tree: str) -> None:
    sys.path.insert(0, tree)
    job = json.loads(sys.stdin.read())
    started = time.perf_counter()
    from netral.detection.detector import Detector

    detector = Detector()
    load_s = time.perf_counter() - started
    import netral.detection

    # mypyc-compiled modules (setup.py) or plain Python; older checkouts have only the latter.
    compiled = getattr(netral.detection, "running_compiled", lambda: False)()
    texts: list[str] = job["texts"]
    if job["mode"] == "score":
        results = detector.detect_many([(t, None) for t in texts])
        out: dict[str, Any] = {
            "labels": [r.label for r in results],
            "scores": [r.score for r in results],
        }
    else:
        wall, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(texts), BATCH):
            detector.detect_many([(t, None) for t in texts[i : i + BATCH]])
        out = {
            "wall": len(texts) / (time.perf_counter() - wall),
            "cpu": len(texts) / (time.process_time() - cpu),
        }
    out["load_s"] = load_s
    out["compiled"] = compiled
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
