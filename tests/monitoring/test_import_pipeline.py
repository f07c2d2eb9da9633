"""A large file is read and prepared by a second process (`pipeline`) while this one stores
its batches: what is stored, reported and refused is what a one-process import gives, and a
reading process that dies leaves what it handed over stored and the rest to a second import."""

from __future__ import annotations

import io
import multiprocessing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from netral.monitoring import importer, pipeline
from netral.monitoring.models import Item
from tests.monitoring.conftest import post

pytestmark = pytest.mark.django_db

SOURCE = "ekspor-besar"
CAMPAIGN = (
    "Ayo coblos nomor 2 Teddy Meilwansyah - Marjito Bachri, pilih Teddy untuk OKU lebih "
    "maju! Salam 2 jari #TeddyMarjito"
)
CAPTION = (
    "Bersama pasangan nomor urut satu kita wujudkan Jawa Timur yang adil makmur dan "
    "sejahtera untuk semua warga tanpa kecuali"
)


def lines() -> list[Any]:
    rows: list[Any] = [
        post(n, text=f"Kegiatan kantor ke-{n} berjalan lancar hari ini") for n in range(1, 10)
    ]
    rows += [
        post(20, text=CAMPAIGN, posted_at="2024-11-01T08:00:00+07:00"),  # OKU's Pilkada
        post(21, text=CAMPAIGN, region="35.78"),  # another election
        post(22, text=CAMPAIGN, posted_at="2026-06-01T08:00:00+07:00"),  # no election running
        post(23, text=CAMPAIGN, region=""),  # no region: the source has none either
        # Declared by an ASN of OKU: placed (and so rated) in OKU, whatever the line says.
        post(24, text=CAMPAIGN, region="35.78", author_handle="akun-asn"),
        "{bukan json",
        post(9),  # the same post as line 9, in the batch before (not stored when looked up)
        {"external_id": "tanpa-platform", "text": "Teks tanpa platform dan tanpa tautan"},
    ]
    # A caption copied by several accounts: one cluster.
    rows += [post(30 + n, text=f"{CAPTION} {'!' * n}", region="35.78") for n in range(4)]
    return rows


def run_import(path: Path) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "monitor", "import", str(path), "--source", SOURCE, "--no-progress", stdout=out, stderr=err
    )
    return out.getvalue() + err.getvalue()


def stored() -> list[tuple[Any, ...]]:
    """What an import stored, without the ids and times that differ from run to run."""
    items = list(Item.objects.filter(source__name=SOURCE).select_related("account"))
    by_pk = {i.pk: i.external_id for i in items}
    clusters: dict[int, set[str]] = {}
    for item in items:
        if item.cluster_id is not None:
            clusters.setdefault(item.cluster_id, set()).add(item.external_id)
    return sorted(
        (
            i.external_id,
            i.platform,
            i.canonical_url,
            i.sha256,
            i.account.handle if i.account else None,
            i.province_id,
            i.regency_id,
            i.tied,
            i.election_id,
            i.label,
            i.score,
            i.subtype,
            i.violations,
            i.evidence,
            i.scored_version,
            sorted(clusters.get(i.cluster_id, set())) if i.cluster_id else None,
            i.primary,
            i.state,
            by_pk[i.pk],
        )
        for i in items
    )


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "BATCH", 4)  # several batches from a small file


@pytest.fixture
def batches_seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The batches handed over by a second process (none when one process reads): records,
    and posts it rated."""
    seen: list[tuple[int, int]] = []
    original = pipeline.batches

    def counted(plan: pipeline.Plan, wanted: Any) -> Iterator[pipeline.Batch]:
        for batch in original(plan, wanted):
            rated = sum(r is not None for r in batch.prepared.ratings)
            assert rated == len(batch.wanted)
            seen.append((len(batch.records), rated))
            yield batch

    monkeypatch.setattr(pipeline, "batches", counted)
    return seen


def test_a_file_read_by_a_second_process_is_stored_as_one_process_stores_it(
    jsonl: Callable[..., Path],
    demo_asn: Any,
    small_batches: None,
    batches_seen: list[tuple[int, int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netral.registry.models import DeclaredAccount

    DeclaredAccount.objects.create(asn=demo_asn, platform="facebook", handle="akun-asn")
    path = jsonl(lines())

    monkeypatch.setattr(pipeline, "PIPELINE_BYTES", 1 << 40)  # one process
    alone = run_import(path)
    assert batches_seen == []
    one_process = stored()
    Item.objects.filter(source__name=SOURCE).delete()

    monkeypatch.setattr(pipeline, "PIPELINE_BYTES", 0)  # every file: two processes
    again = run_import(path)
    assert again == alone.replace(f"sumber berkas baru: {SOURCE}\n", "")  # (made by the first)
    # 20 records (the bad line apart), 4 a batch; all rated but the copy of line 9.
    assert batches_seen == [(4, 4), (4, 4), (4, 4), (4, 3), (4, 4)]
    assert stored() == one_process

    assert "19 unggahan baru disimpan, 1 duplikat dilewati, 1 baris ditolak" in alone
    assert "baris 15" in alone  # the bad line, by its number
    tied = Item.objects.get(source__name=SOURCE, external_id="fb-24")
    assert tied.tied and tied.regency_id == "16.01" and tied.election is not None
    assert tied.election.code == "pilbup-oku-2024"  # rated again here, for OKU
    assert Item.objects.get(source__name=SOURCE, external_id="tanpa-platform").platform == "other"
    caption = Item.objects.filter(source__name=SOURCE, external_id__in=["fb-30", "fb-33"])
    assert len({i.cluster_id for i in caption}) == 1 and caption[0].cluster_id is not None

    # Imported again the same way: nothing stored twice, nothing rated.
    batches_seen.clear()
    assert "0 unggahan baru disimpan, 20 duplikat dilewati, 1 baris ditolak" in run_import(path)
    assert batches_seen == [(4, 0)] * 5


def test_a_file_the_second_process_cannot_read_is_refused_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "PIPELINE_BYTES", 0)
    path = tmp_path / "ekspor.csv"
    path.write_text("kolom_asing,lain\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"tidak ada kolom yang dikenali.*nothing was imported"):
        run_import(path)
    assert not Item.objects.filter(source__name=SOURCE).exists()


def test_a_reading_process_killed_midway_leaves_its_batches_stored_and_the_rest_to_a_second_import(
    jsonl: Callable[..., Path], small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "PIPELINE_BYTES", 0)
    path = jsonl([post(n) for n in range(1, 41)])  # 10 batches
    original = pipeline.batches

    def killed_after_the_first(plan: pipeline.Plan, wanted: Any) -> Iterator[pipeline.Batch]:
        for n, batch in enumerate(original(plan, wanted)):
            if n == 0:
                for child in multiprocessing.active_children():
                    child.kill()
                    child.join()
            yield batch

    monkeypatch.setattr(pipeline, "batches", killed_after_the_first)
    with pytest.raises(CommandError, match=r"proses pembaca berkas berhenti.*impor lagi"):
        run_import(path)
    kept = Item.objects.filter(source__name=SOURCE).count()
    assert 4 <= kept < 40  # what was handed over before the kill

    monkeypatch.setattr(pipeline, "batches", original)
    assert f"{40 - kept} unggahan baru disimpan, {kept} duplikat dilewati" in run_import(path)
    assert Item.objects.filter(source__name=SOURCE).count() == 40
