"""One plain-dict form of a violation type, shared by the CLI, the API and exports."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from netral.catalogue.models import LegalBasis, Sanction, Violation


def violations_queryset() -> QuerySet[Violation]:
    """Every violation type with what its dict needs, in a fixed number of queries."""
    return Violation.objects.select_related("default_sanction").prefetch_related(
        Prefetch("basis", queryset=LegalBasis.objects.select_related("regulation")),
        Prefetch("allowed_sanctions", queryset=Sanction.objects.order_by("order", "code")),
        "criminal_provisions__regulation",
    )


def sanction_dict(s: Sanction) -> dict[str, Any]:
    return {
        "code": s.code,
        "name": s.name,
        "category": s.category,
        "level": s.level,
        "article": s.article,
        "confirmed": s.confirmed,
    }


def violation_dict(v: Violation) -> dict[str, Any]:
    return {
        "code": v.code,
        "source_list": v.source_list,
        "title": v.title,
        "explanation": v.explanation,
        "example": v.example,
        "kind": v.kind,
        "kind_label": str(v.get_kind_display()),
        "phase": v.phase,
        "phase_label": str(v.get_phase_display()),
        "applies_to": v.applies_to,
        "applies_to_label": str(v.get_applies_to_display()),
        "level": v.level,
        "confirmed": v.confirmed,
        "confidence": v.confidence,
        "wording_confirmed": v.wording_confirmed,
        "level_confirmed": v.level_confirmed,
        "confirmation_note": v.confirmation_note,
        "legal_basis": [
            {
                "regulation": b.regulation.short_name,
                "regulation_code": b.regulation.code,
                "article": b.article,
                "confirmed": b.confirmed,
            }
            for b in v.basis.all()
        ],
        "default_sanction": sanction_dict(v.default_sanction) if v.default_sanction else None,
        "allowed_sanctions": [sanction_dict(s) for s in v.allowed_sanctions.all()],
        "criminal_provisions": [
            {
                "code": c.code,
                "title": c.title,
                "confirmed": c.confirmed,
                "citation": f"{c.regulation.short_name} {c.prohibition_article} jo. "
                f"{c.penalty_article}",
            }
            for c in v.criminal_provisions.all()
        ],
        "sources": list(v.sources),
    }
