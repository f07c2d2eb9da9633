"""Administrators add and look after monitoring sources in /admin/ (no command line needed):
a feed needs its address, an API source's token is shown once and works, a feed can be polled
now and its outcome stays on the source. Every change is audited."""

from __future__ import annotations

import re
import urllib.error

import pytest

from netral.audit.models import AuditEntry
from netral.monitoring import feeds
from netral.monitoring.models import Source
from netral.monitoring.sources import source_for_token

pytestmark = pytest.mark.django_db

ADD = "/admin/monitoring/source/add/"


def _form(**changes: str) -> dict[str, str]:
    data = {"name": "portal-berita", "kind": "feed", "description": "", "feed_url": "",
            "default_platform": "", "province": "", "regency": "", "mapping": "{}",
            "active": "on"}  # fmt: skip
    data.update(changes)
    return data


def test_a_feed_is_added_with_its_address_and_audited(client_for) -> None:
    response = client_for("admin").post(
        ADD, _form(feed_url="https://portal.example/rss", regency="16.01")
    )
    assert response.status_code == 302, response.content[:800]
    source = Source.objects.get(name="portal-berita")
    assert source.kind == "feed" and source.feed_url == "https://portal.example/rss"
    entry = AuditEntry.objects.filter(action="source.create").latest("seq")
    assert entry.object_id == str(source.pk)


def test_a_feed_without_an_address_is_refused_at_that_field(client_for) -> None:
    response = client_for("admin").post(ADD, _form())
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "feed_url" in errors
    assert not Source.objects.filter(name="portal-berita").exists()


def test_an_api_sources_token_is_shown_once_and_opens_the_source(client_for) -> None:
    response = client_for("admin").post(ADD, _form(name="sistem-lain", kind="api"), follow=True)
    shown = re.search(r"nms_[A-Za-z0-9_\-]{20,}", response.content.decode())
    assert shown, "the token is shown after saving"
    source = Source.objects.get(name="sistem-lain")
    assert source_for_token(shown.group(0)) == source
    assert shown.group(0) not in (source.token_digest, source.token_prefix)
    again = client_for("admin").get(f"/admin/monitoring/source/{source.pk}/change/")
    assert shown.group(0) not in again.content.decode()


def test_poll_now_keeps_a_failing_feeds_outcome_on_the_source(client_for, monkeypatch) -> None:
    client = client_for("admin")
    client.post(ADD, _form(feed_url="https://portal.example/rss"))
    source = Source.objects.get(name="portal-berita")

    def unreachable(source: Source) -> None:
        raise urllib.error.URLError("portal tidak menjawab")

    monkeypatch.setattr(feeds, "_fetch", unreachable)
    response = client.post(
        "/admin/monitoring/source/",
        {"action": "poll_now", "_selected_action": [source.pk]},
        follow=True,
    )
    assert "portal tidak menjawab" in response.content.decode()
    source.refresh_from_db()
    assert source.polled_at is not None and "portal tidak menjawab" in source.poll_status
    assert AuditEntry.objects.filter(
        action="monitoring.source_poll", object_id=str(source.pk)
    ).exists()


def test_staff_who_are_not_administrators_cannot_reach_sources(client_for) -> None:
    response = client_for("monitor_oku").get("/admin/monitoring/source/")
    assert response.status_code in (302, 404)
    assert not response.has_header("Location") or "login" in response["Location"]
