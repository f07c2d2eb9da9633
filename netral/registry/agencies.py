"""The agencies (instansi) every registry file refers to, shipped as reference data.

Each province and kab/kota has one regional government whose code is its Kemendagri region code
("16" = Pemerintah Provinsi Sumatera Selatan, "16.01" = Pemerintah Kabupaten Ogan Komering Ulu);
national agencies have short codes (`data/agencies_central.csv`). Import files may name an
agency by code or by name in any common form ("Pemkab Ogan Komering Ulu", "Kab. Ogan Komering
Ulu"): `agency_key` folds them all to one key.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from django.db import transaction

from netral.accounts.models import Institution, InstitutionKind
from netral.regions.models import Province, Regency
from netral.registry.models import Agency

DATA = Path(__file__).resolve().parent / "data"
_ABBREVIATIONS = (
    (r"\bpemkab\b", "kabupaten"),
    (r"\bpemkot\b", "kota"),
    (r"\bpemprov\b", "provinsi"),
    (r"\bkab\b", "kabupaten"),
    (r"\bprov\b", "provinsi"),
    (r"\bpemerintah(an)?\b", ""),
    (r"\bdaerah\b", ""),
)


_COMPILED = tuple((re.compile(p), r) for p, r in _ABBREVIATIONS)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def agency_key(name: str) -> str:
    key = _NOT_ALNUM.sub(" ", (name or "").lower())
    for pattern, replacement in _COMPILED:
        key = pattern.sub(replacement, key)
    return _SPACES.sub(" ", key).strip()


def _specs() -> list[Agency]:
    specs = [
        Agency(
            code=p.code,
            name=f"Pemerintah Provinsi {p.name}",
            kind=Agency.Kind.PROVINCE,
            province_id=p.code,
        )
        for p in Province.objects.all()
    ]
    specs += [
        Agency(
            code=r.code,
            name=f"Pemerintah {r.name}",
            kind=Agency.Kind.REGENCY,
            province_id=r.province_id,
            regency_id=r.code,
        )
        for r in Regency.objects.all()
    ]
    with (DATA / "agencies_central.csv").open(encoding="utf-8", newline="") as handle:
        specs += [
            Agency(code=row["code"], name=row["name"], kind=Agency.Kind.CENTRAL)
            for row in csv.DictReader(handle)
        ]
    for spec in specs:
        spec.name_key = agency_key(spec.name)
    return specs


def _ppk_index() -> dict[tuple[str, str], Institution]:
    """The PPK institutions Netral knows, by (agency kind, region code or folded name)."""
    K = InstitutionKind
    index: dict[tuple[str, str], Institution] = {}
    for inst in Institution.objects.filter(
        kind__in=[K.REGENCY_GOVERNMENT, K.PROVINCIAL_GOVERNMENT, K.MINISTRY]
    ).order_by("-id"):
        if inst.kind == K.REGENCY_GOVERNMENT and inst.regency_id:
            index[(Agency.Kind.REGENCY, inst.regency_id)] = inst
        elif inst.kind == K.PROVINCIAL_GOVERNMENT and inst.province_id and not inst.regency_id:
            index[(Agency.Kind.PROVINCE, inst.province_id)] = inst
        elif inst.kind == K.MINISTRY:
            index[(Agency.Kind.CENTRAL, agency_key(inst.name))] = inst
    return index


def _ppk_for(agency: Agency, index: dict[tuple[str, str], Institution]) -> Institution | None:
    if agency.kind == Agency.Kind.REGENCY:
        return index.get((agency.kind, agency.regency_id or ""))
    if agency.kind == Agency.Kind.PROVINCE:
        return index.get((agency.kind, agency.province_id or ""))
    return index.get((agency.kind, agency.name_key))


@transaction.atomic
def agencies_load() -> str:
    """Create the shipped agencies that are missing and tie each agency without a PPK to the
    PPK institution of its government when Netral knows it. Idempotent."""
    known = set(Agency.objects.values_list("code", flat=True))
    fresh = [a for a in _specs() if a.code not in known]
    Agency.objects.bulk_create(fresh, batch_size=500)
    linked = agencies_link_ppk()
    return f"{len(fresh)} agencies created, {linked} tied to their PPK institution"


def agencies_link_ppk() -> int:
    """Tie agencies that have no PPK yet to the PPK institution of their government."""
    from netral.audit.services import log_action

    linked = 0
    with transaction.atomic():
        index = _ppk_index()
        for agency in Agency.objects.filter(ppk__isnull=True):
            ppk = _ppk_for(agency, index)
            if ppk is None:
                continue
            agency.ppk = ppk
            agency.save(update_fields=["ppk"])
            log_action(None, "agency.link_ppk", agency, {"ppk": ppk.name})
            linked += 1
    return linked
