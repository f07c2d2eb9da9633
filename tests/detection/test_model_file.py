"""The shipped model loads from a safe format and training reproduces a model exactly."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from netral.detection.elections import Election
from netral.detection.model import MODEL_PATH, load_model
from netral.detection.train import train


def test_the_shipped_model_is_a_numpy_archive_without_pickled_objects() -> None:
    with np.load(MODEL_PATH, allow_pickle=False) as z:
        for name in z.files:
            assert z[name].dtype != object, name
        assert json.loads(str(z["meta"]))["format"] == "netral-detector/1"
    model = load_model()
    assert model.parts.coef.shape[0] == model.parts.sub_coef.shape[1]


def test_a_model_file_holding_pickled_objects_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "evil.npz"
    np.savez(evil, meta=np.array([{"format": "netral-detector/1"}], dtype=object))
    with pytest.raises(ValueError):
        load_model(evil)


def test_the_model_file_does_not_contain_whole_posts() -> None:
    with np.load(MODEL_PATH, allow_pickle=False) as z:
        longest = max(len(w.split()) for w in z["word_vocab"])
    assert longest <= 2  # word n-grams up to bigrams, never a sentence


TEAM_POSTS = [
    ("Ayo coblos Prabowo-Sandi nomor 2!", "partisan", "campaign_call"),
    ("Jokowi hebat, lanjutkan dua periode!", "partisan", "support"),
    ("Dasar kampret, calonmu bohong terus", "partisan", "attack"),
    ("Pilih nomor 1 Jokowi-Amin, pasti menang", "partisan", "campaign_call"),
    ("#2019GantiPresiden Prabowo pemimpin kita", "partisan", "support"),
    ("Prabowo plonga plongo, jangan sampai jadi presiden", "partisan", "attack"),
    ("KPU menggelar debat capres kedua malam ini", "not_partisan", ""),
    ("ASN wajib netral selama masa kampanye", "not_partisan", ""),
    ("Harga cabai naik menjelang lebaran", "not_partisan", ""),
    ("Bawaslu mengimbau warga menolak politik uang", "not_partisan", ""),
    ("Jokowi meresmikan jalan tol di Jawa Tengah", "not_partisan", ""),
    ("Nonton bola bareng di alun-alun malam minggu", "not_partisan", ""),
]


def _tiny_corpus(root: Path) -> tuple[Path, Path, Path]:
    """A corpus, labels and team texts written by the team, ten copies with varied ids."""
    data, labels = root / "corpus", root / "labels"
    data.mkdir()
    labels.mkdir()
    with (data / "team.jsonl").open("w") as fh, (labels / "a.csv").open("w", newline="") as lf:
        writer = csv.writer(lf)
        writer.writerow(["id", "label", "subtype"])
        for copy in range(10):
            for n, (text, label, subtype) in enumerate(TEAM_POSTS):
                row_id = f"team-{copy}-{n}"
                fh.write(json.dumps({"id": row_id, "text": f"{text} {copy}"}) + "\n")
                writer.writerow([row_id, label, subtype])
    team = root / "team_texts.csv"
    team.write_text(
        "id,label,subtype,category,split,text\n"
        "t1,not_partisan,,education,train,Sosialisasi netralitas ASN\n"
        "t2,not_partisan,,education,heldout,Webinar netralitas ASN\n"
    )
    return data, labels, team


def test_training_twice_gives_the_same_model_file(
    tmp_path: Path, test_elections: list[Election]
) -> None:
    data, labels, team = _tiny_corpus(tmp_path)
    outs = [tmp_path / "one.npz", tmp_path / "two.npz"]
    for out in outs:
        train(
            data,
            elections=test_elections,
            out=out,
            labels_dir=labels,
            team_path=team,
            log=lambda *_: None,
        )
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert load_model(outs[0]).parts.meta["trained_on"]["train"] > 0
