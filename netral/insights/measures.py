"""The seam through which other areas put their figures on the dashboards.

Cases are read by insights itself (`facts.py`). The registry, monitoring and prevention each
contribute *measures* through a provider they register from their AppConfig's `ready()`:

    from netral.insights.measures import Bucket, register

    class MonitoringMeasures:
        area = "monitoring"

        def buckets(self, since):
            # every (measure, election, province, regency, day) bucket touched at or after
            # `since` (all of them when since is None), each with its full value
            for row in Item.objects.filter(...).values(...).annotate(n=Count("id")):
                yield Bucket("monitoring.items", row["election_id"], row["province_id"],
                             row["regency_id"], row["day"], row["n"])

    register(MonitoringMeasures())

The refresh job replaces each bucket it gets, so a provider may return a bucket twice; a
provider that cannot tell what changed returns everything. Measures are declared here, per area,
so that the panels show their labels and "not yet available" until the area registers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Measure:
    key: str
    label: Promise
    # "count" sums values; "mean" sums values and n and shows value/n (a quiz score);
    # "stock" is a standing number (ASN per region): one bucket per region on STOCK_DAY,
    # replaced at each refresh, and read whatever period the dashboard shows.
    kind: str = "count"
    # The URL name of the list behind the figure (given the dashboard's filters as query
    # parameters); empty when the area has no list page.
    list_url: str = ""


@dataclass(frozen=True)
class Bucket:
    measure: str
    election_id: int | None
    province_id: str | None
    regency_id: str | None
    day: dt.date
    value: float
    n: int = 1


class Provider(Protocol):
    area: str

    def buckets(self, since: dt.datetime | None) -> Iterable[Bucket]: ...


AREAS: dict[str, tuple[Promise, tuple[Measure, ...]]] = {
    "monitoring": (
        _("Pemantauan media sosial"),
        (
            Measure("monitoring.items", _("Unggahan dipantau")),
            Measure("monitoring.relevant", _("Relevan (terindikasi)")),
            Measure("monitoring.promoted", _("Dijadikan temuan")),
        ),
    ),
    "prevention": (
        _("Pencegahan"),
        (
            Measure("prevention.pacts_signed", _("Pakta integritas ditandatangani")),
            Measure("prevention.socialization_reach", _("Peserta sosialisasi")),
            Measure("prevention.quiz_score", _("Rata-rata nilai kuis"), kind="mean"),
        ),
    ),
    "registry": (_("Data ASN"), (Measure("registry.asn", _("ASN tercatat"), kind="stock"),)),
}

STOCK_DAY = dt.date(2000, 1, 1)

_providers: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    """Called by an area's AppConfig.ready(): its measures then count on every dashboard."""
    if provider.area not in AREAS:
        raise ValueError(f"unknown insights area {provider.area!r}; declare it in AREAS")
    _providers[provider.area] = provider


def providers() -> dict[str, Provider]:
    return dict(_providers)


def is_available(area: str) -> bool:
    return area in _providers


def measure(key: str) -> Measure:
    for _label, measures in AREAS.values():
        for m in measures:
            if m.key == key:
                return m
    raise KeyError(key)
