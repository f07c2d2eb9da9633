"""Monitoring pages: the queue per jurisdiction, a batch marked, an item promoted, capture with
a screenshot stripped of its metadata, accounts tied and untied; outsiders get 404."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from netral.audit.models import AuditEntry
from netral.monitoring.models import Item, Screenshot
from tests.monitoring.conftest import POST, post

pytestmark = pytest.mark.django_db


def test_the_queue_shows_each_office_its_own_items(
    make_items: Callable[..., list[Any]], client_for: Callable[[str], Client]
) -> None:
    make_items(
        [
            post(1, region="16.01", text="Unggahan khusus OKU nomor satu"),
            post(2, region="11.74", text="Unggahan khusus Langsa nomor dua"),
        ]
    )
    oku = client_for("monitor_oku").get("/staf/pemantauan/?source=tes-api").content.decode()
    langsa = client_for("bawaslu_langsa").get("/staf/pemantauan/?source=tes-api").content.decode()
    assert "khusus OKU" in oku and "khusus Langsa" not in oku
    assert "khusus Langsa" in langsa and "khusus OKU" not in langsa
    # The region by its name, not only its Kemendagri code.
    assert "Kabupaten Ogan Komering Ulu" in oku and "Kota Langsa" in langsa


def test_a_post_without_an_author_shows_a_dash_not_an_empty_handle(
    make_items: Callable[..., list[Any]], client_for: Callable[[str], Client]
) -> None:
    (item,) = make_items([post(1, region="16.01", author_handle="", text="Tanpa nama akun")])
    client = client_for("monitor_oku")
    for url in ("/staf/pemantauan/?source=tes-api", f"/staf/pemantauan/unggahan/{item.pk}/"):
        page = client.get(url).content.decode()
        assert "Tanpa nama akun" in page and "@—" not in page and "—" in page


def test_the_clusters_page_lists_copied_posts_largest_first_within_the_jurisdiction(
    make_items: Callable[..., list[Any]], client_for: Callable[[str], Client]
) -> None:
    # Four copies of one caption in OKU, one of them by a Langsa account; two of another.
    big = make_items(
        [post(n, text=POST + (" !" * n)) for n in range(1, 4)]
        + [post(4, text=POST + " ! ! ! !", region="11.74")]
    )
    other = "Mari kita semua hadir di lapangan merdeka untuk kampanye akbar paslon nomor satu besok"
    small = make_items([post(n, text=other + (" ." * n), region="16.01") for n in (7, 8)])
    assert len({i.cluster_id for i in big}) == 1 and len({i.cluster_id for i in small}) == 1
    oku = client_for("monitor_oku")
    page = oku.get("/staf/pemantauan/kelompok/?source=tes-api").content.decode()
    first, second = (
        page.index(f'data-cluster="{big[0].cluster_id}"'),
        page.index(f'data-cluster="{small[0].cluster_id}"'),
    )
    assert first < second  # the larger cluster first
    row = page[first : page.index("</tr>", first)]
    assert "<strong>3</strong>" in row  # the Langsa copy is not counted for OKU
    assert f"/staf/pemantauan/unggahan/{big[0].pk}/" in row  # its head opens it
    langsa = client_for("bawaslu_langsa").get("/staf/pemantauan/kelompok/").content.decode()
    assert f'data-cluster="{big[0].cluster_id}"' not in langsa  # one copy is not a cluster there
    filtered = oku.get("/staf/pemantauan/kelompok/?source=tes-api&min_score=1.01")
    assert 'data-cluster="' not in filtered.content.decode()
    assert client_for("ppk_oku").get("/staf/pemantauan/kelompok/").status_code == 404


def test_the_next_page_link_keeps_the_filters() -> None:
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    page = Paginator(list(range(120)), 50).get_page(2)
    request = RequestFactory().get("/staf/pemantauan/", {"source": "tim-a", "page": "2"})
    html = render_to_string("web/pagination.html", {"page": page}, request=request)
    assert 'href="?source=tim-a&amp;page=1"' in html and 'href="?source=tim-a&amp;page=3"' in html
    bare = render_to_string("web/pagination.html", {"page": page})
    assert 'href="?page=3"' in bare


def test_a_bad_filter_is_named_by_its_label_and_the_list_is_shown_whole(
    client_for: Callable[[str], Client],
) -> None:
    client = client_for("monitor_oku")
    for url in ("/staf/pemantauan/?min_score=abc", "/staf/pemantauan/kelompok/?date_from=kemarin"):
        page = client.get(url).content.decode()
        assert "Nilai tidak sah." in page
    queue = client.get("/staf/pemantauan/?min_score=abc").content.decode()
    assert "Skor minimal: Nilai tidak sah." in queue and 'data-testid="queue"' in queue
    # The message names the field by the label the form shows it under.
    assert '<label>Skor minimal<input name="min_score"' in queue
    clusters = client.get("/staf/pemantauan/kelompok/?date_from=kemarin").content.decode()
    assert "Dari tanggal: Nilai tidak sah." in clusters


def test_outsiders_get_404(
    make_items: Callable[..., list[Any]], client_for: Callable[[str], Client]
) -> None:
    (item,) = make_items([post(1, region="16.01")])
    for name in ("ppk_oku", "bkn"):
        assert client_for(name).get("/staf/pemantauan/").status_code == 404
        assert client_for(name).get(f"/staf/pemantauan/unggahan/{item.pk}/").status_code == 404
    assert (
        client_for("bawaslu_langsa").get(f"/staf/pemantauan/unggahan/{item.pk}/").status_code == 404
    )
    assert Client().get("/staf/pemantauan/").status_code == 302  # to the login page


def test_take_a_batch_mark_it_and_promote_an_item(
    make_items: Callable[..., list[Any]], client_for: Callable[[str], Client]
) -> None:
    items = make_items([post(n, region="16.01") for n in range(1, 4)])
    client = client_for("monitor_oku")
    taken = client.post("/staf/pemantauan/paket/", {"source": "tes-api"})
    assert taken.status_code == 302
    batch_url = taken["Location"]
    page = client.get(batch_url).content.decode()
    assert all(f'data-item="{i.pk}"' in page for i in items)
    client.post(batch_url, {"items": [items[0].pk], "state": "relevant", "tags": "kampanye"})
    client.post(batch_url, {"items": [items[1].pk, items[2].pk], "state": "not_relevant"})
    states = dict(Item.objects.filter(pk__in=[i.pk for i in items]).values_list("pk", "state"))
    assert states == {
        items[0].pk: "relevant",
        items[1].pk: "not_relevant",
        items[2].pk: "not_relevant",
    }
    answer = client.post(f"/staf/pemantauan/unggahan/{items[0].pk}/temuan/", {"summary": ""})
    assert answer.status_code == 302 and "/staf/perkara/" in answer["Location"]
    item = Item.objects.get(pk=items[0].pk)
    case_page = client.get(answer["Location"]).content.decode()
    assert item.case is not None and item.case.origin == "monitoring"
    assert item.sealed_evidence["seal"] in case_page
    assert item.case.number in client.get(f"/staf/pemantauan/unggahan/{item.pk}/").content.decode()


def _jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_capture_by_hand_checks_and_strips_screenshots(client_for: Callable[[str], Client]) -> None:
    client = client_for("monitor_oku")
    data = {
        "url": "https://www.facebook.com/pak.camat/posts/77",
        "platform": "facebook",
        "author_handle": "@Pak.Camat",
        "text": "Dukung paslon nomor 2 ya bapak ibu",
        "region": "16.01",
        "posted_at": "2024-10-05T10:00",
    }
    bad = client.post(
        "/staf/pemantauan/tangkap/",
        {**data, "screenshots": [SimpleUploadedFile("a.jpg", b"bukan gambar")]},
    )
    assert bad.status_code == 200 and "bukan jenis berkas" in bad.content.decode()
    assert not Item.objects.filter(external_id="", url=data["url"]).exists()
    shot = SimpleUploadedFile("layar.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    answer = client.post("/staf/pemantauan/tangkap/", {**data, "screenshots": [shot]})
    assert answer.status_code == 302
    item = Item.objects.get(url=data["url"])
    assert (item.captured_by_label, item.author_handle, item.regency_id) == (
        "monitor_oku",
        "pak.camat",
        "16.01",
    )
    stored = Screenshot.objects.get(item=item)
    answer = client.get(f"/staf/pemantauan/tangkapan/{stored.pk}/")
    served = b"".join(answer.streaming_content)  # type: ignore[attr-defined]  # a FileResponse
    assert b"KameraRahasia" not in served and served.startswith(b"\xff\xd8")
    assert AuditEntry.objects.filter(action="monitoring.capture", object_id=str(item.pk)).exists()
    elsewhere = client.post(
        "/staf/pemantauan/tangkap/", {**data, "region": "11.74", "url": "https://x.com/a/status/1"}
    )
    assert elsewhere.status_code == 200  # Langsa is not OKU's to capture
    assert not Item.objects.filter(url="https://x.com/a/status/1").exists()


def test_tie_an_account_by_hand_and_undo_it(
    make_items: Callable[..., list[Any]], client_for: Callable[[str], Client], demo_asn: Any
) -> None:
    (item,) = make_items(
        [post(1, region="16.01", author_handle="hendra.s", author_name="Hendra Saputra")]
    )
    client = client_for("monitor_oku")
    page = client.get(f"/staf/pemantauan/unggahan/{item.pk}/").content.decode()
    assert "Hendra Saputra" in page and "nama mirip" in page  # a suggestion with its reason
    client.post(
        f"/staf/pemantauan/akun/{item.account_id}/asn/", {"nip": demo_asn.nip, "item": item.pk}
    )
    item.refresh_from_db()
    assert item.tied and item.account.asn == demo_asn
    assert "hendra.s" in client.get("/staf/pemantauan/akun/").content.decode()
    client.post(f"/staf/pemantauan/akun/{item.account_id}/asn/", {"undo": "1"})
    item.refresh_from_db()
    assert not item.tied
    actions = set(
        AuditEntry.objects.filter(object_id=str(item.account_id)).values_list("action", flat=True)
    )
    assert {"monitoring.account_tie", "monitoring.account_untie"} <= actions
