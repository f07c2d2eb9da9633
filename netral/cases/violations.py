"""The violations carried along a case: the items reported at intake, the items proven per ASN
when Bawaslu decides, and the sanction suggested from them.

The suggestion follows the catalogue: a discipline item (D1–D13) carries its PP 94/2021 level
and the lightest punishment of that level (Pasal 8 ayat (2)–(4)); an ethics item (E1–E7) a
moral sanction of PP 42/2004. With several items the heaviest wins (berat > sedang > ringan >
moral). BKN may change both the level and the wording: it is a suggestion, not a rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netral.cases.states import SanctionLevel

# Heavier last: the ladder of PP 94/2021 Pasal 8, with PP 42/2004's moral sanction below it.
LADDER: list[str] = [
    SanctionLevel.MORAL,
    SanctionLevel.LIGHT,
    SanctionLevel.MEDIUM,
    SanctionLevel.HEAVY,
]


@dataclass(frozen=True)
class Suggestion:
    level: str  # a cases.states.SanctionLevel value
    sanction: str  # the wording to prefill, with its article
    basis: str  # which proven items it comes from
    unconfirmed: bool  # an item's level is not confirmed in the catalogue


def proven_items(codes: Sequence[str], case: Any, who: str) -> list[Any]:
    """The catalogue items for `codes`, checked against the phase of the incident date."""
    from netral.cases.services.findings import violations_for

    cleaned = [str(c).strip() for c in codes if str(c).strip()]
    if not cleaned:
        raise ValidationError(
            {
                "outcomes": _("Pilih pelanggaran yang terbukti untuk %(n)s (dari katalog).")
                % {"n": who}
            }
        )
    try:
        return violations_for(list(dict.fromkeys(cleaned)), case.election, case.incident_date)
    except ValidationError as exc:
        raise ValidationError({"outcomes": [f"{who}: {m}" for m in exc.messages]}) from exc


def _level_of(violation: Any) -> str | None:
    if violation.kind == "ethics":
        return str(SanctionLevel.MORAL)
    if violation.kind == "discipline" and violation.level in LADDER:
        return str(violation.level)
    return None  # a criminal item is for Gakkumdu, not the PPK


def _wording(sanction: Any) -> str:
    regulation = sanction.regulation.short_name if sanction.regulation else ""
    where = " ".join(p for p in (regulation, sanction.article) if p)
    return f"{sanction.name} ({where})" if where else str(sanction.name)


def suggest(violations: Iterable[Any]) -> Suggestion | None:
    """The sanction to suggest for these proven items, or None (no item carries one)."""
    ranked = [
        (LADDER.index(level), v, level) for v in violations if (level := _level_of(v)) is not None
    ]
    if not ranked:
        return None
    top = max(rank for rank, _v, _l in ranked)
    chosen = [v for rank, v, _l in ranked if rank == top]
    level = LADDER[top]
    sanction = next((v.default_sanction for v in chosen if v.default_sanction), None)
    if sanction is None:
        from netral.catalogue.models import Sanction

        sanction = Sanction.objects.filter(level=level).order_by("order", "code").first()
    wording = _wording(sanction) if sanction is not None else str(SanctionLevel(level).label)
    return Suggestion(
        level=str(level),
        sanction=wording[:300],
        basis=", ".join(f"{v.code}" for v in chosen),
        unconfirmed=any(not v.level_confirmed for v in chosen),
    )


def decidable_violations(case: Any) -> list[Any]:
    """The catalogue items Bawaslu may find proven: those the phase allows on the incident
    date (all non-criminal items when it cannot tell), the reported ones first."""
    from netral.cases.services.findings import applicable_violation_codes
    from netral.catalogue.models import Violation

    qs = Violation.objects.exclude(kind="criminal").order_by("order", "code")
    allowed = applicable_violation_codes(case.election, case.incident_date)
    if allowed is not None:
        qs = qs.filter(code__in=allowed)
    reported = set(case.violations.values_list("code", flat=True))
    rows = list(qs)
    for v in rows:
        setattr(v, "reported", v.code in reported)  # noqa: B010 (a display flag, not a field)
    return sorted(rows, key=lambda v: not v.reported)


def codes(violations: Iterable[Any]) -> str:
    return ", ".join(v.code for v in violations)
