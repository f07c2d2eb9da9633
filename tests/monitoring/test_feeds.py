"""Feeds: a local Atom feed (never the network) polled twice; the second poll is a
conditional request answered 304, and nothing is stored twice."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from netral.monitoring.feeds import feeds_poll
from netral.monitoring.models import Item, Source
from netral.monitoring.sources import source_add

pytestmark = pytest.mark.django_db
PORT = 8152  # this work's own port range
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Portal Berita OKU</title>
<id>urn:portal-oku</id><updated>2024-10-12T08:00:00Z</updated>
<entry><id>urn:portal-oku:1</id><title>Oknum ASN OKU diduga kampanyekan paslon</title>
<link href="https://berita.example/asn-kampanye"/><updated>2024-10-12T08:00:00Z</updated>
<summary>Seorang &lt;b&gt;camat&lt;/b&gt; terekam mengajak warga memilih paslon nomor 2.</summary>
<author><name>Redaksi</name></author></entry>
<entry><id>urn:portal-oku:2</id><title>Bawaslu ingatkan netralitas ASN</title>
<link href="https://berita.example/bawaslu-ingatkan"/><updated>2024-10-11T08:00:00Z</updated>
<summary>Imbauan menjelang masa kampanye.</summary></entry>
</feed>"""


class Feed(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def do_GET(self) -> None:
        Feed.seen.append(dict(self.headers.items()))
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/atom+xml")
        self.send_header("ETag", '"v1"')
        self.send_header("Last-Modified", "Sat, 12 Oct 2024 08:00:00 GMT")
        self.end_headers()
        self.wfile.write(ATOM)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = HTTPServer(("127.0.0.1", PORT), Feed)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Feed.seen = []
    yield f"http://127.0.0.1:{PORT}/feed.atom"
    httpd.shutdown()
    httpd.server_close()


def test_a_feed_is_polled_with_conditional_requests(server: str) -> None:
    from django.db import transaction

    with transaction.atomic():
        source_add(actor=None, name="portal-oku", kind="feed", url=server, region="16.01")
    first = feeds_poll()["portal-oku"]
    assert first.startswith("2 new")
    items = Item.objects.filter(source__name="portal-oku").order_by("posted_at")
    assert [i.platform for i in items] == ["web", "web"]
    news = items.last()
    assert news is not None and news.url == "https://berita.example/asn-kampanye"
    assert "<b>" not in news.text and "camat" in news.text and news.regency_id == "16.01"
    assert feeds_poll()["portal-oku"] == "not modified"
    assert Feed.seen[1].get("If-None-Match") == '"v1"'
    assert Feed.seen[1].get("If-Modified-Since") == "Sat, 12 Oct 2024 08:00:00 GMT"
    assert Item.objects.filter(source__name="portal-oku").count() == 2
    assert Source.objects.get(name="portal-oku").poll_status == "not modified"


def test_an_unreachable_feed_is_reported_not_raised() -> None:
    from django.db import transaction

    with transaction.atomic():
        source_add(
            actor=None, name="portal-mati", kind="feed", url="http://127.0.0.1:8159/tidak-ada"
        )
    assert feeds_poll()["portal-mati"].startswith("error")
