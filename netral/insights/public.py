"""The public transparency page's figures: aggregates only, published by a scheduled job.

Nothing here names a person: counts by province, catalogue item and stage, and each PPK
agency's follow-up rate (an agency is an institution, not a person). A count from 1 to 4 is
published as "< 5", and a rate only when at least 5 recommendations stand behind it, so that
a small place cannot be traced back to the few people in it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from netral.cases.states import State
from netral.catalogue.models import Violation
from netral.insights.models import CaseFact, PublicSnapshot, SubjectFact, ViolationFact
from netral.regions.models import Province

SMALL = 5

# The stages the public reads, each a group of case states.
PUBLIC_STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("review", (State.RECEIVED, State.PRELIMINARY_REVIEW, State.NEEDS_COMPLETION)),
    ("examination", (State.REGISTERED, State.EXAMINATION)),
    ("authority", (State.PROVEN, State.RECOMMENDED_TO_AUTHORITY, State.AUTHORITY_VERIFICATION)),
    ("ppk", (State.RECOMMENDED_TO_PPK,)),
    ("sanctioned", (State.PPK_DECIDED, State.EXECUTED)),
    ("stopped", (State.NOT_REGISTERED, State.NOT_PROVEN, State.FORWARDED, State.CLOSED)),
)


def stage_labels() -> dict[str, str]:
    return {
        "review": _("Kajian awal"),
        "examination": _("Klarifikasi/pemeriksaan"),
        "authority": _("Rekomendasi ke KASN/BKN"),
        "ppk": _("Menunggu keputusan PPK"),
        "sanctioned": _("Disanksi PPK"),
        "stopped": _("Dihentikan/diteruskan/ditutup"),
    }


def shown(n: int | None) -> str:
    """A count as published: "< 5" for 1 to 4."""
    if n is None:
        return "—"
    return f"< {SMALL}" if 0 < n < SMALL else str(n)


def build() -> dict[str, Any]:
    """The figures, raw (suppression happens when shown)."""
    provinces = dict(Province.objects.values_list("code", "name"))
    by_province = {
        r["province_id"]: r["n"]
        for r in CaseFact.objects.values("province_id").annotate(n=Count("pk"))
    }
    states = {r["state"]: r["n"] for r in CaseFact.objects.values("state").annotate(n=Count("pk"))}
    items = list(
        ViolationFact.objects.values("code")
        .annotate(n=Count("fact_id", distinct=True))
        .order_by("-n", "code")
    )
    titles = dict(Violation.objects.values_list("code", "title"))
    agencies = list(
        SubjectFact.objects.filter(recommended=True)
        .exclude(decision_institution=None)
        .values("decision_institution__name")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(sanctioned=True)))
        .order_by("decision_institution__name")
    )
    return {
        "created_at": timezone.now().isoformat(),
        "total": sum(by_province.values()),
        "provinces": [
            {"code": c, "name": provinces[c], "n": by_province.get(c, 0)} for c in sorted(provinces)
        ],
        "national": sum(n for code, n in by_province.items() if code is None),
        "stages": [
            {"key": k, "n": sum(states.get(s, 0) for s in group)} for k, group in PUBLIC_STAGES
        ],
        "categories": [
            {"code": r["code"], "title": titles.get(r["code"], r["code"]), "n": r["n"]}
            for r in items
        ],
        "agencies": [
            {"name": r["decision_institution__name"], "n": r["n"], "done": r["done"]}
            for r in agencies
        ],
    }


def publish() -> PublicSnapshot:
    """The scheduled job: store a new snapshot and keep the last few."""
    snap = PublicSnapshot.objects.create(data=build())
    old = PublicSnapshot.objects.order_by("-created_at", "-id").values_list("pk", flat=True)[10:]
    PublicSnapshot.objects.filter(pk__in=list(old)).delete()
    return snap


def latest() -> PublicSnapshot | None:
    return PublicSnapshot.objects.order_by("-created_at", "-id").first()


def rate(agency: dict[str, Any]) -> float | None:
    return round(100 * agency["done"] / agency["n"], 1) if agency["n"] >= SMALL else None


def csv_rows(data: dict[str, Any]) -> list[list[str]]:
    """The snapshot as one table: section, code, label, count (suppressed), rate."""
    labels = stage_labels()
    rows = [[_("bagian"), _("kode"), _("nama"), _("jumlah"), _("tingkat tindak lanjut (%)")]]
    rows += [["provinsi", p["code"], p["name"], shown(p["n"]), ""] for p in data["provinces"]]
    rows += [["tahap", s["key"], labels[s["key"]], shown(s["n"]), ""] for s in data["stages"]]
    rows += [["jenis", c["code"], c["title"], shown(c["n"]), ""] for c in data["categories"]]
    for a in data["agencies"]:
        r = rate(a)
        rows.append(["ppk", "", a["name"], shown(a["n"]), "" if r is None else f"{r}"])
    return rows
