"""Which Bawaslu office handles an incident, and where a conflicted recommendation goes.

The routing rule is shared with intake: the Bawaslu of the incident's kab/kota; the province's
Bawaslu for a provincial election; Bawaslu RI for a national election with no region.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from netral.accounts.models import Institution, InstitutionKind

K = InstitutionKind


def _election_level(election: Any) -> str:
    """'regency', 'province' or 'national' from the election's own region fields."""
    if election is None:
        return ""
    if getattr(election, "regency_id", None):
        return "regency"
    if getattr(election, "province_id", None):
        return "province"
    return "national"


def _bawaslu(kind: str, **region: Any) -> Institution | None:
    return Institution.objects.filter(kind=kind, **region).order_by("id").first()


def handling_institution_for(
    *, election: Any = None, regency_id: str | None = None, province_id: str | None = None
) -> Institution:
    """The Bawaslu office that handles an incident. Falls back upwards when an office is
    missing from the institution table, so that a case always has a handler."""
    level = _election_level(election)
    if level == "regency" and not regency_id:
        regency_id = election.regency_id
    if level in {"province", "regency"} and not province_id:
        province_id = election.province_id
    if regency_id and not province_id:
        province_id = regency_id.split(".")[0]
    if level != "province" and regency_id:
        office = _bawaslu(K.BAWASLU_REGENCY, regency_id=regency_id)
        if office is not None:
            return office
    if province_id:
        office = _bawaslu(K.BAWASLU_PROVINCE, province_id=province_id, regency__isnull=True)
        if office is not None:
            return office
    office = _bawaslu(K.BAWASLU_RI)
    if office is None:
        raise Institution.DoesNotExist("no Bawaslu RI institution: load the reference data")
    return office


def ppk_for_regency(regency_id: str | None) -> Institution | None:
    """The PPK agency of a kab/kota (its Pemkab/Pemkot), or None when unknown."""
    if not regency_id:
        return None
    return (
        Institution.objects.filter(kind=K.REGENCY_GOVERNMENT, regency_id=regency_id)
        .order_by("id")
        .first()
    )


def higher_authority_for(ppk: Institution) -> Institution | None:
    """Where a recommendation goes when the PPK is a contestant: the governor (Pemprov) for a
    kab/kota, Kemendagri for a province (UU 10/2016 Ps 71 logic: the supervisor of the head)."""
    if ppk.kind == K.REGENCY_GOVERNMENT:
        if ppk.parent is not None and ppk.parent.kind == K.PROVINCIAL_GOVERNMENT:
            return ppk.parent
        found = Institution.objects.filter(
            kind=K.PROVINCIAL_GOVERNMENT, province_id=ppk.province_id
        ).first()
        if found is not None:
            return found
    return Institution.objects.filter(kind=K.KEMENDAGRI).order_by("id").first()


def ppk_agency_of(institution: Institution | None) -> Institution | None:
    """The PPK agency an officer acts for: a BKPSDM/BKD acts for its parent Pemkab/Pemprov."""
    if institution is None:
        return None
    if institution.kind == K.PERSONNEL_OFFICE:
        return institution.parent
    return institution


def acting_for_q(agencies: Any) -> Q:
    """The institutions that act for these PPK agencies: the agencies themselves and their
    personnel offices (the inverse of `ppk_agency_of`, as a filter on Institution)."""
    return Q(pk__in=agencies) | Q(kind=K.PERSONNEL_OFFICE, parent__in=agencies)
