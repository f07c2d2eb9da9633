"""A file import stores its items already scored (one write per item, no scoring jobs): with
the election of each item's region and date, an alert once for a tied high-score post, and a
scan over them afterwards that finds nothing to do."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netral.monitoring import scoring
from netral.monitoring.models import Item, ScanChunk
from tests.monitoring.conftest import POST, post

pytestmark = pytest.mark.django_db

# A post the detector scores well above the alert threshold (see test_scoring).
CAMPAIGN = (
    "Ayo coblos nomor 2 Teddy Meilwansyah - Marjito Bachri, pilih Teddy untuk OKU lebih "
    "maju! Salam 2 jari #TeddyMarjito"
)


def run_import(path: Path, source: str = "ekspor-skor") -> str:
    out = io.StringIO()
    call_command("monitor", "import", str(path), "--source", source, "--no-progress", stdout=out)
    return out.getvalue()


def mine() -> Any:
    return Item.objects.exclude(source__name="demo-ekspor").order_by("external_id")


def alerts() -> list[Any]:
    return [m for m in mail.outbox if "Peringatan pemantauan" in m.subject]


def test_an_import_stores_items_scored_with_the_election_of_their_region_and_date(
    jsonl: Callable[..., Path],
) -> None:
    from netral.elections.models import Election

    path = jsonl(
        [
            post(1, region="16.01", text=POST, posted_at="2024-10-10T08:00:00+07:00"),
            post(2, region="35.78", text=POST, posted_at="2024-10-10T08:00:00+07:00"),
            post(3, region="16.01", text=POST + " lagi", posted_at="2026-06-01T08:00:00+07:00"),
        ]
    )
    chunks = ScanChunk.objects.count()  # (the demo's)
    # No commit happens in this test: scoring jobs queued after commit would never run.
    assert "3 unggahan baru disimpan" in run_import(path)
    oku, jatim, late = mine()
    assert oku.election == Election.objects.get(code="pilbup-oku-2024")
    assert jatim.election is not None and jatim.election.code != "pilbup-oku-2024"
    assert late.election is None
    for item in (oku, jatim, late):
        assert item.scored_version == scoring.model_version() and item.scored_at is not None
        assert item.label and item.score > 0
    assert ScanChunk.objects.count() == chunks  # nothing left to the scoring jobs

    scored = {i.pk: (i.scored_at, i.score) for i in mine()}
    assert "0 unggahan baru disimpan, 3 duplikat dilewati" in run_import(path)
    assert {i.pk: (i.scored_at, i.score) for i in mine()} == scored  # not stored nor scored again


def test_an_imported_high_score_post_by_a_tied_account_alerts_once(
    jsonl: Callable[..., Path], demo_asn: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from netral.registry.models import DeclaredAccount

    DeclaredAccount.objects.create(asn=demo_asn, platform="facebook", handle="akun1")
    path = jsonl(
        [
            post(1, region="", text=CAMPAIGN, posted_at="2024-11-01T08:00:00+07:00"),
            post(
                2,
                region="",
                text=CAMPAIGN,
                posted_at="2024-11-01T09:00:00+07:00",
                author_handle="bukan-asn",
            ),
        ]
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_import(path)
    tied, untied = mine()
    assert tied.tied and tied.score >= 0.85 and tied.alerted_at is not None
    assert not untied.tied and untied.alerted_at is None  # high score, no ASN: no alert
    sent = alerts()
    assert sent and all(f"/unggahan/{tied.pk}/" in m.body for m in sent)

    # Imported again, then a scan over the same items: nobody is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        run_import(path)
        chunk = ScanChunk.objects.create(
            first_id=tied.pk, last_id=untied.pk, version=scoring.model_version()
        )
        assert scoring.chunk_score(chunk.pk) == 0
    assert len(alerts()) == len(sent)


def test_a_scan_over_items_scored_at_import_finds_nothing_to_do_in_one_read(
    jsonl: Callable[..., Path],
) -> None:
    run_import(jsonl([post(n) for n in range(1, 8)]))
    ids = list(mine().values_list("pk", flat=True))
    chunk = ScanChunk.objects.create(
        first_id=min(ids), last_id=max(ids), version=scoring.model_version()
    )
    with CaptureQueriesContext(connection) as ctx:
        assert scoring.chunk_score(chunk.pk) == 0
    items = [q["sql"] for q in ctx.captured_queries if "monitoring_item" in q["sql"]]
    assert len(items) == 1 and items[0].startswith("SELECT"), items  # no row rewritten
    assert ScanChunk.objects.get(pk=chunk.pk).status == ScanChunk.Status.DONE
