from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from netral.detection import cli

ELECTION = str(Path(__file__).parent / "elections" / "pilpres-2019.yaml")
LINES = [
    {"id": "p1", "text": "Ayo coblos 02, Prabowo-Sandi pasti menang!", "posted_at": "2019-04-01"},
    {"id": 2, "text": "Bawaslu mengimbau ASN menjaga netralitas selama kampanye."},
    {"id": "p3", "text": "Jokowi hebat, lanjutkan! #JokowiLagi", "posted_at": "2018-09-01"},
]


def write_input(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_output(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_output_lines_follow_the_input_order_with_the_documented_keys(tmp_path: Path) -> None:
    src = write_input(tmp_path, [json.dumps(x) for x in LINES])
    out = tmp_path / "out.jsonl"
    assert cli.main(["--input", str(src), "--output", str(out), "--election", ELECTION]) == 0
    rows = read_output(out)
    assert [r["id"] for r in rows] == ["p1", 2, "p3"]
    assert {"id", "label", "score", "subtype", "violations", "evidence"} <= set(rows[0])
    assert [r["label"] for r in rows] == ["partisan", "not_partisan", "partisan"]
    assert rows[0]["violations"][:2] == ["D2", "D6"] and rows[2]["violations"] == ["E2", "E4"]


def test_a_malformed_line_is_reported_with_its_number_and_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_input(
        tmp_path,
        [
            json.dumps(LINES[0]),
            "{not json",
            json.dumps({"id": "x"}),
            json.dumps({"id": "d", "text": "halo", "posted_at": "kemarin"}),
            json.dumps(LINES[1]),
        ],
    )
    out = tmp_path / "out.jsonl"
    assert cli.main(["--input", str(src), "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert "line 2: not valid JSON" in err
    assert 'line 3: missing or invalid "text"' in err
    assert "line 4: posted_at is not an ISO date" in err
    assert "3 malformed line(s) skipped (lines 2, 3, 4)" in err
    assert [r["id"] for r in read_output(out)] == ["p1", 2]


def test_strict_mode_fails_when_a_line_was_skipped(tmp_path: Path) -> None:
    src = write_input(tmp_path, ["[]", json.dumps(LINES[1])])
    assert cli.main(["--input", str(src), "--output", str(tmp_path / "o"), "--strict"]) == 1


def test_stdin_to_stdout_through_the_netral_command() -> None:
    feed = "\n".join(json.dumps(x) for x in LINES) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "netral.cli", "detect"],
        input=feed,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["p1", 2, "p3"]
    assert "3 posts" in done.stderr


def test_one_text_with_text_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        cli.main(
            [
                "--text",
                "Ayo coblos Prabowo-Sandi!",
                "--posted-at",
                "2019-04-01",
                "--election",
                ELECTION,
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["label"] == "partisan" and result["election"] == "pilpres-2019"


def test_a_broken_election_file_is_refused_with_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("code: x\nname: y\n", encoding="utf-8")
    assert cli.main(["--text", "halo", "--election", str(bad)]) == 2
    assert "bad.yaml" in capsys.readouterr().err


def test_output_over_the_input_is_refused_and_the_input_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_input(tmp_path, [json.dumps(x) for x in LINES])
    before = src.read_text(encoding="utf-8")
    assert cli.main(["--input", str(src), "--output", str(src), "--election", ELECTION]) == 2
    assert src.read_text(encoding="utf-8") == before
    assert "is the input file" in capsys.readouterr().err


def test_missing_input_or_output_folder_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--input", str(tmp_path / "none.jsonl"), "--election", ELECTION]) == 2
    assert "cannot read" in capsys.readouterr().err
    src = write_input(tmp_path, [json.dumps(LINES[0])])
    out = tmp_path / "no-such-folder" / "out.jsonl"
    assert cli.main(["--input", str(src), "--output", str(out), "--election", ELECTION]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_a_line_that_is_not_utf8_is_skipped_by_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "posts.jsonl"
    src.write_bytes(b'{"id": 1, "text": "caf\xe9"}\n' + json.dumps(LINES[1]).encode() + b"\n")
    out = tmp_path / "out.jsonl"
    assert cli.main(["--input", str(src), "--output", str(out), "--election", ELECTION]) == 0
    assert [r["id"] for r in read_output(out)] == [2]
    assert "line 1: not valid UTF-8" in capsys.readouterr().err
