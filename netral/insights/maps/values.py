"""Any dashboard measure per province or per kab/kota (the handling region of each case)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netral.access import AnyUser
from netral.insights import measures
from netral.insights.filters import Filters, scoped_facts, scoped_measures, scoped_parts
from netral.insights.models import SubjectFact


@dataclass(frozen=True)
class MapMeasure:
    key: str
    label: Any
    percent: bool = False
    # The selection that lists the cases behind a region's value (see filters.SELECTIONS).
    selection: tuple[tuple[str, str], ...] = ()


CASE_MEASURES = (
    MapMeasure("total", _("Perkara")),
    MapMeasure("report", _("Laporan masyarakat"), selection=(("origin", "report"),)),
    MapMeasure("overdue", _("Perkara lewat waktu"), selection=(("overdue", "1"),)),
    MapMeasure("social", _("Perkara media sosial"), selection=(("social", "1"),)),
    MapMeasure(
        "recommended",
        _("ASN direkomendasikan sanksi"),
        selection=(("sanctioned", ""), ("ppk", "any")),
    ),
    MapMeasure(
        "rate",
        _("Tingkat tindak lanjut PPK (%)"),
        percent=True,
        selection=(("sanctioned", "1"), ("ppk", "any")),
    ),
)


def available() -> list[MapMeasure]:
    extra = [
        MapMeasure(m.key, m.label)
        for area, (_l, items) in measures.AREAS.items()
        if measures.is_available(area)
        for m in items
        if m.kind == "count"
    ]
    return [*CASE_MEASURES, *extra]


def find(key: str) -> MapMeasure:
    return next((m for m in available() if m.key == key), CASE_MEASURES[0])


def region_values(
    user: AnyUser, filters: Filters, key: str, level: str, today: dt.date | None = None
) -> dict[str, float | None]:
    """code → value, for level "province" or "regency", inside the user's jurisdiction."""
    today = today or timezone.localdate()
    column = "province_id" if level == "province" else "regency_id"
    facts = scoped_facts(user, filters)
    if key in {"recommended", "rate"}:
        rows = (
            scoped_parts(user, filters, SubjectFact)
            .filter(recommended=True)
            .values(code=F(column))
            .annotate(n=Count("pk"), done=Count("pk", filter=Q(sanctioned=True)))
        )
        if key == "recommended":
            return {r["code"]: r["n"] for r in rows if r["code"]}
        return {r["code"]: round(100 * r["done"] / r["n"], 1) for r in rows if r["code"]}
    if key.split(".")[0] in measures.AREAS:
        got = (
            scoped_measures(user, filters)
            .filter(measure=key)
            .values(code=F(column))
            .annotate(v=Sum("value"))
        )
        return {r["code"]: r["v"] for r in got if r["code"]}
    condition = {
        "report": Q(origin="report"),
        "overdue": Q(next_due__lt=today),
        "social": Q(social_media=True),
    }.get(key, Q())
    counted = facts.values(code=F(column)).annotate(v=Count("pk", filter=condition))
    return {r["code"]: r["v"] for r in counted if r["code"]}
