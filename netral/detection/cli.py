"""`netral detect` and `netral detection train` (plain Python: no Django start-up).

netral detect --input posts.jsonl [--election FILE.yaml] [--output out.jsonl]
netral detect --text "Ayo coblos 02!" [--posted-at 2019-04-10]
netral detection train --data ../shared/data/corpus
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from netral.detection.elections import (
    SHIPPED_DIR,
    Election,
    ElectionFileError,
    load_elections,
    shipped_elections,
)

BATCH = 2000
_PROGRESS_MIN_BYTES = 512 * 1024


def _detect_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="netral detect",
        description="Flag partisan political content in Indonesian posts (a suggestion for a "
        'human reader, never a verdict). Input: JSON lines {"id", "text"} with '
        'an optional "posted_at" (ISO date). Output: one JSON line per post, in '
        "input order.",
    )
    p.add_argument("--input", type=Path, help="JSONL file (default: standard input)")
    p.add_argument("--output", type=Path, help="JSONL file (default: standard output)")
    p.add_argument(
        "--election",
        type=Path,
        action="append",
        default=[],
        help="election YAML file (netral-election/1); repeatable. Default: every "
        "election the project ships",
    )
    p.add_argument(
        "--from-database",
        action="store_true",
        help="use the elections stored in Netral (netral election import, /admin/) "
        "instead of the shipped files; starts Django to read them",
    )
    p.add_argument("--text", help="classify this one text and print its result")
    p.add_argument("--posted-at", help="date of the --text post (ISO), picks the catalogue phase")
    p.add_argument("--model", type=Path, help=argparse.SUPPRESS)
    p.add_argument(
        "--strict", action="store_true", help="exit with status 1 when a malformed line was skipped"
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    return p


def _train_parser() -> argparse.ArgumentParser:
    from netral.detection.dataset import LABELS_DIR
    from netral.detection.model import MODEL_PATH

    p = argparse.ArgumentParser(
        prog="netral detection train",
        description="Rebuild the detector's model (see training/README.md).",
    )
    p.add_argument("--data", type=Path, required=True, help="the corpus folder (*.jsonl)")
    p.add_argument("--labels", type=Path, default=LABELS_DIR, help="folder of label CSVs")
    p.add_argument(
        "--elections",
        type=Path,
        default=SHIPPED_DIR,
        help="folder of election YAML files (default: the shipped ones)",
    )
    p.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write (.npz)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["train"]:
        return _train(argv[1:])
    return _detect(argv)


def _train(argv: Sequence[str]) -> int:
    from netral.detection.train import train

    args = _train_parser().parse_args(argv)
    elections = shipped_elections(args.elections)
    if not elections:
        print(f"netral detection train: no election files in {args.elections}", file=sys.stderr)
        return 2
    meta = train(
        args.data,
        elections=elections,
        out=args.out,
        labels_dir=args.labels,
        log=lambda msg: print(msg, file=sys.stderr),
    )
    print(
        json.dumps(
            {
                "dev": meta["dev"]["all"],
                "team_heldout": meta["team_heldout"]["all"],
                "model": str(args.out),
            },
            indent=1,
        )
    )
    return 0


def _make_detector(args: argparse.Namespace) -> Any:
    from netral.detection.detector import Detector
    from netral.detection.model import MODEL_PATH

    elections = load_elections(args.election) if args.election else None
    if args.from_database:
        elections = [*(elections or []), *_stored_elections()]
    return Detector(elections=elections, model_path=args.model or MODEL_PATH)


def _stored_elections() -> list[Election]:
    """The one way out of plain Python, taken only when asked: Django starts and the elections
    adapter reads the tables (netral.elections.detection)."""
    from netral.cli import setup_django

    try:
        setup_django()
        from netral.elections.detection import detection_elections

        return list(detection_elections())
    except Exception as exc:  # settings, database: whatever fails, one line and exit 2
        raise ValueError(f"cannot read the stored elections: {exc}") from exc


def _detect(argv: Sequence[str]) -> int:
    parser = _detect_parser()
    args = parser.parse_args(argv)
    from netral.detection.detector import parse_posted_at

    try:
        detector = _make_detector(args)
    except (ElectionFileError, OSError, ValueError) as exc:
        print(f"netral detect: {exc}", file=sys.stderr)
        return 2
    if args.text is not None:
        try:
            posted = parse_posted_at(args.posted_at)
        except ValueError as exc:
            parser.error(str(exc))
        result = detector.detect(args.text, posted)
        print(json.dumps(result.as_dict(), ensure_ascii=False))
        return 0
    streams = _open_streams(args)
    if isinstance(streams, str):
        print(f"netral detect: {streams}", file=sys.stderr)
        return 2
    src, dst = streams
    try:
        stats = run_stream(detector, src, dst, progress=_wants_progress(args))
    finally:
        if args.input:
            src.close()
        if args.output:
            dst.close()
    skipped = stats["skipped"]
    print(
        f"netral detect: {stats['posts']} posts, {stats['partisan']} partisan, "
        f"{len(skipped)} malformed line(s) skipped"
        + (
            f" (lines {', '.join(map(str, skipped[:20]))}{' …' if len(skipped) > 20 else ''})"
            if skipped
            else ""
        ),
        file=sys.stderr,
    )
    return 1 if skipped and args.strict else 0


def _open_streams(args: argparse.Namespace) -> tuple[IO[str], IO[str]] | str:
    """(input, output), or why they cannot be opened."""
    problem = _same_file(args.input, args.output)
    if problem:
        return problem
    try:
        # Undecodable bytes become surrogates, so parse_line can skip that one line by number.
        src = (
            args.input.open(encoding="utf-8", errors="surrogateescape") if args.input else _stdin()
        )
    except OSError as exc:
        return f"cannot read {args.input}: {exc.strerror}"
    try:
        dst: IO[str] = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    except OSError as exc:
        src.close()
        return f"cannot write {args.output}: {exc.strerror}"
    return src, dst


def _stdin() -> IO[str]:
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # replaced by a text stream (tests, embedding): already decoded
        return sys.stdin
    return io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape")


def _same_file(src: Path | None, dst: Path | None) -> str | None:
    """Opening the output truncates it: writing over the input would erase the posts unread."""
    if src is None or dst is None or not dst.exists() or not src.exists():
        return None
    if os.path.samefile(src, dst):
        return f"--output {dst} is the input file; write the results to another file"
    return None


def _wants_progress(args: argparse.Namespace) -> bool:
    if args.no_progress:
        return False
    return bool(args.input) and args.input.stat().st_size >= _PROGRESS_MIN_BYTES


def parse_line(line: str) -> tuple[Any, str, Any]:
    """(id, text, posted date) of one input line; ValueError names what is wrong."""
    from netral.detection.detector import parse_posted_at

    try:
        line.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("not valid UTF-8 text") from exc
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg})") from exc
    if not isinstance(item, dict):
        raise ValueError('expected a JSON object with "id" and "text"')
    if "id" not in item or not isinstance(item["id"], str | int) or isinstance(item["id"], bool):
        raise ValueError('missing or invalid "id" (string or integer)')
    if not isinstance(item.get("text"), str):
        raise ValueError('missing or invalid "text" (string)')
    return item["id"], item["text"], parse_posted_at(item.get("posted_at"))


def _batches(src: IO[str], stats: dict[str, Any]) -> Iterator[list[tuple[Any, str, Any]]]:
    batch: list[tuple[Any, str, Any]] = []
    for number, line in enumerate(src, start=1):
        if not line.strip():
            continue
        try:
            batch.append(parse_line(line))
        except ValueError as exc:
            stats["skipped"].append(number)
            print(f"netral detect: line {number}: {exc}; skipped", file=sys.stderr)
            continue
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def run_stream(
    detector: Any, src: IO[str], dst: IO[str], *, progress: bool = False
) -> dict[str, Any]:
    from tqdm import tqdm

    stats: dict[str, Any] = {"posts": 0, "partisan": 0, "skipped": []}
    with tqdm(unit=" posts", file=sys.stderr, disable=not progress, mininterval=0.5) as bar:
        for batch in _batches(src, stats):
            results = detector.detect_many([(text, posted) for _, text, posted in batch])
            for (post_id, _, _), result in zip(batch, results, strict=True):
                dst.write(json.dumps({"id": post_id, **result.as_dict()}, ensure_ascii=False))
                dst.write("\n")
                stats["partisan"] += result.label == "partisan"
            stats["posts"] += len(batch)
            bar.update(len(batch))
    return stats


if __name__ == "__main__":
    sys.exit(main())
