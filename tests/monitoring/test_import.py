"""`netral monitor import`: both layouts, aliases, mappings, bad lines by number, re-import."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from netral.audit.models import AuditEntry
from netral.monitoring.importer import file_import
from netral.monitoring.models import Account, Item, Source
from tests.monitoring.conftest import POST, post

pytestmark = pytest.mark.django_db


def mine() -> Any:
    """Items these tests imported (the demo's are in the database too)."""
    return Item.objects.exclude(source__name="demo-ekspor")


def run_import(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("monitor", "import", str(path), *args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_jsonl_import_keeps_good_lines_and_names_each_bad_one(jsonl: Callable[..., Path]) -> None:
    path = jsonl(
        [
            post(1),
            "{not json",
            post(2, posted_at="kemarin"),
            post(3, platform="myspace"),
            {"platform": "x", "text": "tanpa id"},
            post(4, likes=-3),
            "[1, 2]",
            post(5),
        ]
    )
    out, err = run_import(path, "--source", "ekspor-a")
    assert "2 unggahan baru disimpan" in out and "6 baris ditolak" in out
    assert "baris 2: JSON tidak sah" in err
    assert "baris 3, posted_at: waktu tidak terbaca: kemarin" in err
    assert "baris 4, platform: tidak dikenal: myspace" in err
    assert "baris 5, external_id: id unggahan atau url wajib diisi" in err
    assert "baris 6, likes" in err
    assert "baris 7: harus berupa objek JSON" in err
    assert sorted(mine().values_list("external_id", flat=True)) == ["fb-1", "fb-5"]


def test_every_item_keeps_its_raw_line_hash_capturer_and_capture_time(
    jsonl: Callable[..., Path],
) -> None:
    import hashlib

    path = jsonl([post(1)])
    run_import(path, "--source", "ekspor-a")
    item = mine().get()
    raw = path.read_text(encoding="utf-8").splitlines()[0]
    assert item.raw == raw
    assert item.sha256 == hashlib.sha256(raw.encode()).hexdigest()
    assert item.captured_at is not None and item.captured_by_label == "sistem"
    assert item.regency_id == "16.01" and item.province_id == "16"


def test_csv_with_header_aliases_and_a_short_row(tmp_path: Path) -> None:
    path = tmp_path / "crowd.csv"
    path.write_text(
        "Platform,Post ID,Link,Username,Display Name,Message,Created At,Like Count,Kode Wilayah\n"
        'twitter,111,https://x.com/budi/status/111,@Budi,Budi,"Teks, dengan koma",'
        '2024-10-01 09:00:00,"1,234",16.01\n'
        "twitter,112,https://x.com/budi/status/112\n"
        "x,113,,ani,Ani,Halo semua,1727740800,7,16.71\n",
        encoding="utf-8",
    )
    out, err = run_import(path, "--source", "crowd")
    assert "2 unggahan baru disimpan" in out
    assert "baris 3: 3 kolom, seharusnya 9" in err
    first = mine().get(external_id="111")
    assert (first.platform, first.author_handle, first.text) == ("x", "budi", "Teks, dengan koma")
    assert first.counts == {"likes": 1234}
    assert json.loads(first.raw)["Post ID"] == "111"
    assert mine().get(external_id="113").regency_id == "16.71"


def test_without_a_platform_column_the_address_names_it(tmp_path: Path) -> None:
    """A single tool's export often has no platform column: each post's address names it, a
    news portal's is `web`, and a line with neither is kept as `other`, counted once with the
    option that sets it."""
    path = tmp_path / "tautan.csv"
    path.write_text(
        "id,link,text\n"
        "1,https://twitter.com/budi/status/1,satu\n"
        "2,https://m.facebook.com/story.php?id=2,dua\n"
        "3,https://www.detik.com/berita/asn-netral,tiga\n"
        "4,,empat\n"
        "5,,lima\n",
        encoding="utf-8",
    )
    out, err = run_import(path, "--source", "tanpa-platform")
    assert "5 unggahan baru disimpan" in out and "0 baris ditolak" in out
    platforms = dict(mine().values_list("external_id", "platform"))
    assert platforms == {"1": "x", "2": "facebook", "3": "web", "4": "other", "5": "other"}
    assert "2 baris tanpa platform" in out and "--platform" in out
    assert "baris 4" not in err


def test_a_file_of_texts_without_region_is_scored_and_placed_by_importing_again(
    tmp_path: Path, transactional_demo: None
) -> None:
    """A list of posts with only an id and a text (no platform, no region) is kept, scored, and
    the summary says what the detector found and that only national offices see the posts;
    importing it again with --region stores nothing twice but places them there, and they are
    scored again with their new region's election (audited). Real commits: the in-process
    scoring jobs run after each batch's, before the summary, as on the command line."""
    path = tmp_path / "teks.jsonl"
    lines = [
        {"id": "t1", "text": "Ayo coblos nomor 2, Eri Cahyadi pasti menang! #SurabayaHebat"},
        {"id": "t2", "text": "Hujan deras sejak pagi, jalan depan pasar banjir lagi."},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out, _err = run_import(path, "--source", "daftar-teks")
    assert "2 unggahan baru disimpan" in out
    assert "dinilai detektor: 2;" in out
    assert "2 unggahan tanpa wilayah: hanya kantor nasional" in out
    assert set(mine().values_list("province_id", flat=True)) == {None}
    versions = set(mine().values_list("scored_version", flat=True))
    assert "" not in versions

    mine().update(scored_version="old")  # to see the second scoring
    out, _err = run_import(path, "--source", "daftar-teks", "--region", "35.78")
    assert "0 unggahan baru disimpan, 2 duplikat dilewati" in out
    assert "2 unggahan yang tersimpan tanpa wilayah kini di wilayah 35.78" in out
    assert mine().count() == 2
    assert set(mine().values_list("regency_id", flat=True)) == {"35.78"}
    assert set(mine().values_list("scored_version", flat=True)) == versions  # scored again
    entry = AuditEntry.objects.get(action="monitoring.items_place")
    assert entry.data["count"] == 2 and entry.data["region"] == "35.78"

    # Another source's import of the same posts with its region moves nothing: a region once
    # set stays, and a copy stored by another source is that source's to place.
    other = tmp_path / "lain.jsonl"
    other.write_text(json.dumps({"id": "t3", "text": "Teks lain"}) + "\n", encoding="utf-8")
    run_import(other, "--source", "sumber-lain")
    out, _err = run_import(other, "--source", "daftar-teks", "--region", "16.01")
    assert "kini di wilayah" not in out
    assert mine().get(external_id="t3").province_id is None
    out, _err = run_import(path, "--source", "daftar-teks", "--region", "16.01")
    assert "kini di wilayah" not in out
    assert set(mine().filter(source__name="daftar-teks").values_list("regency_id", flat=True)) == {
        "35.78"
    }


def test_a_new_tools_export_needs_only_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "alat.jsonl"
    path.write_text(
        json.dumps(
            {
                "kode": "v9",
                "isi_konten": POST,
                "pemilik": {"akun": "siti"},
                "tgl": "2024-10-02T10:00:00+07:00",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "map.json"
    mapping.write_text(
        json.dumps(
            {
                "kode": "external_id",
                "isi_konten": "text",
                "pemilik.akun": "author_handle",
                "tgl": "posted_at",
            }
        )
    )
    out, _err = run_import(
        path,
        "--source",
        "alat-baru",
        "--mapping",
        str(mapping),
        "--platform",
        "tiktok",
        "--region",
        "16.01",
    )
    assert "1 unggahan baru disimpan" in out
    item = mine().get()
    assert (item.platform, item.external_id, item.author_handle) == ("tiktok", "v9", "siti")
    assert item.regency_id == "16.01"
    assert Source.objects.get(name="alat-baru").mapping["kode"] == "external_id"


def test_a_mapping_to_an_unknown_field_is_refused(tmp_path: Path) -> None:
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"kode": "nomor_hp"}))
    path = tmp_path / "a.jsonl"
    path.write_text("{}\n")
    with pytest.raises(CommandError, match="nomor_hp"):
        run_import(path, "--source", "x-a", "--mapping", str(mapping))
    assert not Source.objects.filter(name="x-a").exists()


def test_importing_the_same_file_twice_keeps_nothing_twice(jsonl: Callable[..., Path]) -> None:
    path = jsonl([post(n) for n in range(1, 6)])
    run_import(path, "--source", "ekspor-a")
    out, _err = run_import(path, "--source", "ekspor-a")
    assert "0 unggahan baru disimpan, 5 duplikat dilewati" in out
    assert mine().count() == 5
    assert Account.objects.filter(handle__in=[f"akun{n}" for n in range(1, 6)]).count() == 5


def test_the_same_post_by_canonical_url_is_a_duplicate(jsonl: Callable[..., Path]) -> None:
    run_import(jsonl([post(1)]), "--source", "ekspor-a")
    again = post(1, external_id="", url="http://facebook.com/akun1/posts/1/?utm_source=wa")
    out, _err = run_import(jsonl([again], "b.jsonl"), "--source", "ekspor-b")
    assert "1 duplikat dilewati" in out
    assert mine().count() == 1


def test_a_file_with_no_known_column_imports_nothing(tmp_path: Path) -> None:
    path = tmp_path / "asing.csv"
    path.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(CommandError, match="tidak ada kolom yang dikenali"):
        run_import(path, "--source", "asing")
    assert mine().count() == 0


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        run_import(tmp_path / "tidak-ada.jsonl", "--source", "a")
    assert not Source.objects.filter(name="a").exists()  # nothing made for a file not read


def test_each_batch_is_audited_with_what_it_kept(source: Any) -> None:
    stream = io.BytesIO(b"\n".join(json.dumps(post(n)).encode() for n in range(3)))
    report = file_import(actor=None, source=source, stream=stream, name="x.jsonl")
    assert report.created == 3
    entry = AuditEntry.objects.filter(action="monitoring.ingest").latest("seq")
    assert '"created":3' in entry.data_json


def test_an_account_declared_by_an_asn_is_tied_on_arrival(
    jsonl: Callable[..., Path], demo_asn: Any
) -> None:
    from netral.registry.models import DeclaredAccount

    DeclaredAccount.objects.create(asn=demo_asn, platform="facebook", handle="akun1")
    run_import(jsonl([post(1, region="")]), "--source", "ekspor-a")
    item = mine().get()
    assert item.tied and item.account is not None and item.account.asn == demo_asn
    assert item.regency_id == demo_asn.regency_id
