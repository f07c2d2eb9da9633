"""Monitoring's figures on the dashboards (the insights measure seam): items taken in, items
found relevant (relevant or escalated), items promoted to findings, per election, region and
day of the post.

An incremental refresh recounts every bucket an item captured, scored or triaged since the last
one touches. An item that moves (its account tied to an ASN elsewhere) leaves its old bucket
one too high until the next full refresh (`netral insights refresh --full`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from netral.insights.measures import Bucket
from netral.monitoring.models import Item, State

KEY = ("election_id", "province_id", "regency_id", "day")
MEASURES = {
    "monitoring.items": Q(),
    "monitoring.relevant": Q(state__in=[State.RELEVANT, State.ESCALATED]),
    "monitoring.promoted": Q(case__isnull=False),
}


def _places_and_days(keys: set[tuple[Any, ...]]) -> Q:
    """The items of the touched (kab/kota, day) cells: one `seen_at` range per cell, each an
    index range scan of (regency, seen_at), however scattered the cells are over the season
    (a rescore touches old posts too). Province-level items (no kab/kota) are found the same
    way under regency IS NULL."""
    cells = Q()
    for province_id, regency_id, day in {k[1:] for k in keys}:
        span = Q(seen_at__gte=_day_start(day), seen_at__lt=_day_start(day + dt.timedelta(days=1)))
        if regency_id is None:
            span &= Q(regency__isnull=True, province_id=province_id)
        else:
            span &= Q(regency_id=regency_id)
        cells |= span
    return cells


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight of `day` where TruncDate counts days (the site's time zone)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class MonitoringMeasures:
    area = "monitoring"

    def buckets(self, since: dt.datetime | None) -> Iterator[Bucket]:
        dated = Item.objects.annotate(day=TruncDate("seen_at"))
        if since is None:
            keys = None
            cells = None
        else:
            # Each time has its own index: a few new items among millions are found, not
            # scanned for.
            touched = dated.filter(
                Q(captured_at__gte=since) | Q(triaged_at__gte=since) | Q(scored_at__gte=since)
            )
            keys = set(touched.order_by().values_list(*KEY).distinct())
            if not keys:
                return
            cells = _places_and_days(keys)
        for measure, condition in MEASURES.items():
            rows = dated.filter(condition)
            if cells is not None:
                rows = rows.filter(cells)
            counted = set()
            for r in rows.values(*KEY).annotate(n=Count("id")).order_by():
                key = tuple(r[k] for k in KEY)
                if keys is not None and key not in keys:
                    continue
                counted.add(key)
                yield Bucket(
                    measure, r["election_id"], r["province_id"], r["regency_id"], r["day"], r["n"]
                )
            for election_id, province_id, regency_id, day in (keys or set()) - counted:
                yield Bucket(measure, election_id, province_id, regency_id, day, 0)
