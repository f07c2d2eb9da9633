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


def _direct_sums(**where) -> dict[str, float]:
    from django.db.models import Sum

    from netral.insights.models import MeasureValue

    return {
        r["measure"]: r["v"]
        for r in MeasureValue.objects.filter(**where).values("measure").annotate(v=Sum("value"))
    }


def test_the_totals_equal_the_buckets_after_an_incremental_refresh(persona, monkeypatch) -> None:
    """A page without a period reads the totals over every day (MeasureTotal); after a refresh
    that replaces a few buckets (one of them with zero) they still equal the buckets' sums,
    and a period reads the day buckets themselves."""
    from netral.insights.models import MeasureTotal

    days = [dt.date(2024, 10, 1), dt.date(2024, 10, 2)]

    class Season:
        area = "monitoring"
        values = {("16.01", days[0]): 120, ("16.01", days[1]): 30, ("35.78", days[0]): 999}

        def buckets(self, since):
            for (regency, day), v in self.values.items():
                yield Bucket("monitoring.items", None, regency[:2], regency, day, v)

    season = Season()
    monkeypatch.setattr(measures, "_providers", {"monitoring": season})
    refresh_all(full=True)
    season.values = {("16.01", days[1]): 0, ("16.07", days[1]): 5}
    refresh_all()
    oku, national = persona("bawaslu_oku"), persona("kemendagri")
    for user, where in ((oku, {"regency_id": "16.01"}), (national, {})):
        values = {m["key"]: m["value"] for m in _panel(user, "monitoring")["measures"]}
        direct = _direct_sums(measure__startswith="monitoring.", **where)
        assert values["monitoring.items"] == direct["monitoring.items"]
    assert _direct_sums(regency_id="16.01")["monitoring.items"] == 120
    assert MeasureTotal.objects.get(measure="monitoring.items", regency_id="16.07").value == 5
    chosen, _f = filters.parse(national, {"start": "2024-10-02", "end": "2024-10-02"})
    panel = next(p for p in figures.panels(national, chosen) if p["area"] == "monitoring")
    assert {m["key"]: m["value"] for m in panel["measures"]}["monitoring.items"] == 5


def test_a_repeated_bucket_is_kept_once_with_its_last_value(monkeypatch) -> None:
    from netral.insights import refresh
    from netral.insights.models import MeasureValue

    day = dt.date(2024, 10, 1)

    class Repeats:
        area = "monitoring"

        def buckets(self, since):
            for v in (1, 2, 3):
                yield Bucket("monitoring.items", None, "16", "16.01", day, v)
            yield Bucket("monitoring.items", None, "16", "16.02", day, 4)

    monkeypatch.setattr(refresh, "BUCKET_CHUNK", 2)  # the repeats fall in different chunks
    monkeypatch.setattr(measures, "_providers", {"monitoring": Repeats()})
    for full in (True, False):
        refresh_all(full=full)
        rows = MeasureValue.objects.filter(measure="monitoring.items").order_by("regency_id")
        assert [(r.regency_id, r.value) for r in rows] == [("16.01", 3), ("16.02", 4)]
