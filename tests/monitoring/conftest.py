from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

POST = (
    "Ayo bersama kita dukung pasangan nomor dua untuk Kabupaten OKU yang lebih maju dan "
    "sejahtera, jangan lupa datang ke TPS"
)


@pytest.fixture
def source(db: None) -> Any:
    from netral.monitoring.models import Source, SourceKind

    return Source.objects.create(name="ekspor-tes", kind=SourceKind.FILE)


@pytest.fixture
def jsonl(tmp_path: Path) -> Callable[[list[Any]], Path]:
    """A JSONL file from dicts (written as JSON) and strings (written as they are)."""

    def write(lines: list[Any], name: str = "posts.jsonl") -> Path:
        path = tmp_path / name
        path.write_text(
            "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
            encoding="utf-8",
        )
        return path

    return write


def post(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "platform": "facebook",
        "external_id": f"fb-{n}",
        "url": f"https://www.facebook.com/akun{n}/posts/{n}",
        "author_handle": f"akun{n}",
        "author_name": f"Akun {n}",
        "text": f"Unggahan nomor {n} tentang kegiatan kantor hari ini",
        "posted_at": "2024-10-10T08:00:00+07:00",
        "region": "16.01",
        **extra,
    }


@pytest.fixture
def demo_asn(db: None) -> Any:
    """An ASN of Pemkab OKU (made here: the registry ships no demo ASN of its own)."""
    from netral.monitoring.demo import demo_asn_list

    return demo_asn_list()[0]


@pytest.fixture
def make_items(db: None, django_capture_on_commit_callbacks: Any) -> Callable[..., list[Any]]:
    """Items through the real ingest path (scored in-process), from post()-like dicts."""
    from netral.monitoring.formats import Problem, build
    from netral.monitoring.ingest import items_ingest
    from netral.monitoring.models import Item, Source, SourceKind

    def make(rows: list[dict[str, Any]], source: str = "tes-api") -> list[Any]:
        src, _ = Source.objects.get_or_create(name=source, defaults={"kind": SourceKind.FILE})
        records = []
        for n, row in enumerate(rows, start=1):
            record = build(n, json.dumps(row), row)
            assert not isinstance(record, Problem), record
            records.append(record)
        # The scoring jobs go out after commit: run them as a committed request would.
        with django_capture_on_commit_callbacks(execute=True):
            outcome = items_ingest(source=src, records=records, actor=None)
        return list(Item.objects.filter(pk__in=outcome.ids.values()).order_by("pk"))

    return make
