"""The phase resolver: for an election and an incident date, which catalogue items apply and
which authority receives Bawaslu's recommendation.

    resolve_phase(election, incident_date) -> PhaseResolution(phase, violations, authority, ...)

Ethics items (SKB 2022 E1–E7) speak of a *bakal calon*, so they apply before KPU determines the
candidates; the discipline items speak of a *calon* and apply from the determination date on
(legal-notes.md §1.2). Some discipline items concern acts that only happen before determination
(D3, D9, D11, PP 94/2021 Ps 5 n angka 7): the catalogue marks them `before_determination` too.
Items marked `any` (D5 party membership, D13) always apply. An election whose determination
date is unknown cannot be resolved: the phase is then `unknown` and every item is offered.

The authority comes from the `catalogue.Authority` table (KASN until 23 Aug 2024, BKN from
24 Aug 2024), so a new body (due by about Oct 2027) is a new row, not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from netral.catalogue.models import Authority, Phase, Violation
from netral.elections.models import Election

UNKNOWN = "unknown"


@dataclass(frozen=True)
class PhaseResolution:
    phase: str  # Phase.BEFORE / Phase.AFTER, or "unknown" when the date is not in the data
    violations: QuerySet[Violation]
    authority: Authority | None
    determination_date: date | None
    explanation: str


def authority_on(day: date) -> Authority | None:
    """The body that receives Bawaslu's recommendation on `day` (None when the table has a gap)."""
    return (
        Authority.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .order_by("-valid_from")
        .first()
    )


def violations_for_phase(phase: str) -> QuerySet[Violation]:
    qs = Violation.objects.select_related("default_sanction")
    if phase == UNKNOWN:
        return qs.all()
    return qs.filter(phase__in=[phase, Phase.ANY])


def resolve_phase(
    election: Election, incident_date: date, *, recommendation_date: date | None = None
) -> PhaseResolution:
    """The authority is the one in office on `recommendation_date` (the day Bawaslu forwards
    its recommendation) when given, else on the incident date."""
    determined = election.candidate_determination
    if determined is None:
        phase = UNKNOWN
        explanation = _(
            "Tanggal penetapan calon untuk %(election)s belum ada di data; semua "
            "jenis pelanggaran ditampilkan."
        ) % {"election": election.name}
    elif incident_date < determined:
        phase = Phase.BEFORE
        explanation = _(
            "Kejadian %(day)s terjadi sebelum penetapan calon (%(det)s): berlaku "
            "butir untuk bakal calon (kode etik)."
        )
    else:
        phase = Phase.AFTER
        explanation = _(
            "Kejadian %(day)s terjadi pada atau setelah penetapan calon (%(det)s): "
            "berlaku butir untuk calon (disiplin)."
        )
    if determined is not None:
        explanation = explanation % {
            "day": incident_date.isoformat(),
            "det": determined.isoformat(),
        }
    return PhaseResolution(
        phase=str(phase),
        violations=violations_for_phase(str(phase)),
        authority=authority_on(recommendation_date or incident_date),
        determination_date=determined,
        explanation=explanation,
    )
