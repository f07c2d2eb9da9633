"""The seam: an area that registers a provider gets its measures on the dashboard; until then
its panel says "not yet available"."""

from __future__ import annotations

import datetime as dt

import pytest

from netral.insights import figures, filters, measures
from netral.insights.measures import Bucket
from netral.insights.refresh import refresh_all

pytestmark = pytest.mark.django_db


class FakeMonitoring:
    area = "monitoring"

    def __init__(self) -> None:
        self.calls: list[dt.datetime | None] = []

    def buckets(self, since):
        self.calls.append(since)
        yield Bucket("monitoring.items", None, "16", "16.01", dt.date(2024, 10, 1), 120)
        yield Bucket("monitoring.items", None, "35", "35.78", dt.date(2024, 10, 1), 999)
        yield Bucket("monitoring.relevant", None, "16", "16.01", dt.date(2024, 10, 1), 7)


@pytest.fixture
def monitoring(monkeypatch):
    provider = FakeMonitoring()
    monkeypatch.setattr(measures, "_providers", {"monitoring": provider})
    return provider


def _panel(user, area):
    chosen, _f = filters.parse(user, {})
    return next(p for p in figures.dashboard(user, chosen).panels if p["area"] == area)


def test_an_area_without_a_provider_is_not_yet_available(persona, monkeypatch) -> None:
    monkeypatch.setattr(measures, "_providers", {})
    panel = _panel(persona("bawaslu_oku"), "monitoring")
    assert panel["available"] is False
    assert all(m["value"] is None for m in panel["measures"])


def test_a_registered_provider_counts_inside_the_jurisdiction_only(persona, monitoring) -> None:
    # A full rebuild: the demo's own refresh already kept the real monitoring provider's figures.
    refresh_all(full=True)
    panel = _panel(persona("bawaslu_oku"), "monitoring")
    values = {m["key"]: m["value"] for m in panel["measures"]}
    assert values == {"monitoring.items": 120, "monitoring.relevant": 7, "monitoring.promoted": 0}
    national = {
        m["key"]: m["value"] for m in _panel(persona("kemendagri"), "monitoring")["measures"]
    }
    assert national["monitoring.items"] == 1119


def test_the_next_refresh_asks_only_for_what_changed(monitoring) -> None:
    refresh_all(full=True)
    refresh_all()
    assert monitoring.calls[0] is None and monitoring.calls[1] is not None


def test_an_unknown_area_is_refused() -> None:
    class Stray:
        area = "elsewhere"

        def buckets(self, since):
            return []

    with pytest.raises(ValueError):
        measures.register(Stray())
