"""Risk per kab/kota for one election: a weighted mean of factors a planner can check.

Each factor is a value between 0 (low risk) and 1 (high), shown with its raw figure, its weight
and where it comes from. A factor whose area has not landed yet (pacts and socialization come
from prevention) is shown as "not yet available" and left out of the mean, so the score never
pretends to know what Netral does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from netral import access
from netral.access import AnyUser
from netral.accounts.models import User
from netral.audit.services import log_action
from netral.elections.models import Contestant, Election
from netral.insights import measures
from netral.insights.models import CaseFact, MeasureTotal, RiskWeight, SubjectFact
from netral.regions.models import Regency


@dataclass(frozen=True)
class Factor:
    key: str
    label: Promise
    source: Promise
    default: Decimal
    area: str = ""  # the area that must have landed for the factor to count


FACTORS = (
    Factor(
        "incumbent",
        _("Petahana ikut berkontestasi"),
        _("Data pemilihan: calon yang tercatat sebagai petahana"),
        Decimal("0.25"),
    ),
    Factor(
        "earlier",
        _("Pelanggaran pada pemilihan sebelumnya"),
        _("Perkara di Netral pada pemilihan yang lebih dulu (dibanding wilayah lain)"),
        Decimal("0.25"),
    ),
    Factor(
        "ignored",
        _("Rekomendasi yang tidak ditindaklanjuti PPK"),
        _("Rekomendasi ke PPK tanpa SK, dari semua perkara wilayah ini"),
        Decimal("0.20"),
    ),
    Factor(
        "pacts",
        _("ASN belum menandatangani pakta integritas"),
        _("Pencegahan: pakta ditandatangani dibanding ASN tercatat"),
        Decimal("0.15"),
        area="prevention",
    ),
    Factor(
        "socialization",
        _("Jangkauan sosialisasi rendah"),
        _("Pencegahan: peserta sosialisasi dibanding ASN tercatat"),
        Decimal("0.15"),
        area="prevention",
    ),
)


@dataclass
class RegionRisk:
    code: str
    name: str
    score: float | None = None
    factors: list[dict[str, Any]] = field(default_factory=list)


def ensure_default_weights() -> str:
    made = 0
    for f in FACTORS:
        _obj, created = RiskWeight.objects.get_or_create(
            factor=f.key, defaults={"weight": f.default}
        )
        made += created
    return f"{made} bobot risiko baru"


def weights() -> dict[str, Decimal]:
    stored = dict(RiskWeight.objects.values_list("factor", "weight"))
    return {f.key: stored.get(f.key, f.default) for f in FACTORS}


def risk_weights_update(*, actor: User, values: dict[str, Decimal]) -> None:
    """Change the weights (0–1 each). Only planners may (see policies.may_plan_nationally)."""
    allowed = access.writable_by(actor, RiskWeight)
    with transaction.atomic():
        ensure_default_weights()
        before = weights()
        for key, value in values.items():
            if not allowed.filter(factor=key).update(
                weight=value, updated_at=timezone.now(), updated_by=actor
            ):
                raise access_denied()
        log_action(
            actor,
            "insights.risk_weights",
            None,
            {k: {"from": str(before[k]), "to": str(v)} for k, v in values.items()},
        )


def access_denied() -> Exception:
    from django.core.exceptions import PermissionDenied

    return PermissionDenied(_("Hanya perencana nasional yang dapat mengubah bobot."))


def _regions(user: AnyUser, election: Election) -> list[Regency]:
    qs = Regency.objects.filter(access.jurisdiction_q(user, province="province_id", regency="code"))
    if election.regency_id:
        qs = qs.filter(code=election.regency_id)
    elif election.province_id:
        qs = qs.filter(province_id=election.province_id)
    return list(qs.order_by("code"))


def _raw(election: Election, codes: list[str]) -> dict[str, dict[str, float | None]]:
    incumbents = (
        Contestant.objects.filter(election=election)
        .filter(Q(incumbent_of__isnull=False) | ~Q(incumbent_office=""))
        .exists()
    )
    earlier = dict(
        CaseFact.objects.filter(
            regency_id__in=codes, election__voting_day__lt=(election.voting_day)
        )
        .values_list("regency_id")
        .annotate(n=Count("pk"))
    )
    recs = {
        r["regency_id"]: r
        for r in SubjectFact.objects.filter(regency_id__in=codes, recommended=True)
        .values("regency_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(sanctioned=True)))
    }
    prevention = {
        (r["regency_id"], r["measure"]): r["v"]
        for r in MeasureTotal.objects.filter(
            regency_id__in=codes,
            measure__in=[
                "prevention.pacts_signed",
                "prevention.socialization_reach",
                "registry.asn",
            ],
        )
        .values("regency_id", "measure")
        .annotate(v=Sum("value"))
    }
    top = max(earlier.values(), default=0)
    out: dict[str, dict[str, float | None]] = {}
    for code in codes:
        asn = prevention.get((code, "registry.asn")) or 0
        rec = recs.get(code)
        out[code] = {
            "incumbent": 1.0 if incumbents else 0.0,
            "earlier": (earlier.get(code, 0) / top) if top else 0.0,
            "earlier_n": earlier.get(code, 0),
            "ignored": (1 - rec["done"] / rec["n"]) if rec else None,
            "pacts": 1 - min(1.0, prevention.get((code, "prevention.pacts_signed"), 0) / asn)
            if asn
            else None,
            "socialization": 1
            - min(1.0, prevention.get((code, "prevention.socialization_reach"), 0) / asn)
            if asn
            else None,
        }
    return out


def risk(user: AnyUser, election: Election) -> list[RegionRisk]:
    """The regions of the election inside the user's jurisdiction, highest risk first."""
    regions = _regions(user, election)
    raw = _raw(election, [r.code for r in regions])
    w = weights()
    out = []
    for region in regions:
        values = raw[region.code]
        row = RegionRisk(region.code, region.name)
        total = weight_sum = 0.0
        for f in FACTORS:
            usable = (not f.area or measures.is_available(f.area)) and values[f.key] is not None
            value = values[f.key] if usable else None
            row.factors.append(
                {
                    "key": f.key,
                    "label": f.label,
                    "source": f.source,
                    "weight": w[f.key],
                    "value": value,
                    "available": usable,
                }
            )
            if value is not None:
                total += float(w[f.key]) * value
                weight_sum += float(w[f.key])
        row.score = round(100 * total / weight_sum, 1) if weight_sum else None
        out.append(row)
    return sorted(out, key=lambda r: (-(r.score or 0), r.code))
