"""The public page "Jenis pelanggaran netralitas ASN" (/jenis-pelanggaran/)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from netral import access
from netral.catalogue.models import (
    Authority,
    CriminalProvision,
    Regulation,
    Sanction,
    SanctionCategory,
    ViolationKind,
)
from netral.catalogue.serialize import violations_queryset


def violation_list(request: HttpRequest) -> HttpResponse:
    violations = list(access.visible_to(request.user, violations_queryset()))
    sanctions = list(access.visible_to(request.user, Sanction).select_related("regulation"))
    groups = [
        ("etik", ViolationKind.ETHICS, "SKB 2022 – kode etik"),
        ("disiplin", ViolationKind.DISCIPLINE, "SKB 2022 – disiplin"),
        ("pp94", ViolationKind.DISCIPLINE, "PP 94/2021 Pasal 5 huruf n"),
    ]
    sections = [
        {
            "anchor": anchor,
            "items": [v for v in violations if v.kind == kind and v.source_list == source],
        }
        for anchor, kind, source in groups
    ]
    context = {
        "sections": sections,
        "unconfirmed_count": sum(1 for v in violations if not v.confirmed),
        "total": len(violations),
        "moral": [s for s in sanctions if s.category == SanctionCategory.MORAL],
        "ladder": [
            (
                level,
                [
                    s
                    for s in sanctions
                    if s.category == SanctionCategory.DISCIPLINE and s.level == level
                ],
            )
            for level in ("ringan", "sedang", "berat")
        ],
        "dismissal": [s for s in sanctions if s.category == SanctionCategory.DISMISSAL],
        "ppk_measures": [s for s in sanctions if s.category == SanctionCategory.PPK_MEASURE],
        "criminal": list(
            access.visible_to(request.user, CriminalProvision).select_related("regulation")
        ),
        "authorities": list(access.visible_to(request.user, Authority)),
        "regulations": list(access.visible_to(request.user, Regulation)),
    }
    return render(request, "catalogue/violation_list.html", context)
