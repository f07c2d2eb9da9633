"""Who sees whom in the registry (registered with netral.access; forbidden = 404).

The registry is personal data. The rules, each written once here:
- administrators, analysts and national oversight bodies (Bawaslu RI, BKN, Satgas, Kemendagri,
  KemenPANRB) see every ASN;
- Bawaslu, Inspektorat and BKN regional offices see the ASN whose work unit lies in their
  jurisdiction (a province sees its kab/kota); an Inspektorat Jenderal (national, under a
  ministry) sees its ministry's ASN;
- PPK officers (a BKPSDM/BKD acts for its Pemkab/Pemprov) and the staff of a PPK government or
  ministry see their own agency's ASN;
- the public and anyone else see nothing.
Only administrators and PPK officers (for their agency) change an ASN or import a file.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from netral import access
from netral.accounts.models import PPK_KINDS, Institution, InstitutionKind
from netral.accounts.roles import Role
from netral.cases.routing import ppk_agency_of
from netral.registry.models import Agency, Asn, AsnChange, DeclaredAccount, ImportRun, WorkUnit

K = InstitutionKind
NOTHING = Q(pk__in=[])
# Institutions that oversee ASN in a jurisdiction rather than employ them.
OVERSIGHT_KINDS = frozenset(
    {
        K.BAWASLU_RI,
        K.BAWASLU_PROVINCE,
        K.BAWASLU_REGENCY,
        K.BKN_CENTRAL,
        K.BKN_REGIONAL,
        K.SATGAS,
        K.KEMENDAGRI,
        K.KEMENPANRB,
        K.INSPECTORATE,
        K.SYSTEM,
    }
)


def sees_all(user: Any) -> bool:
    return bool(user.is_superuser or user.has_role(Role.ADMINISTRATOR, Role.ANALYST))


def employer_of(user: Any) -> Institution | None:
    """The PPK institution whose ASN this user sees as their employer's staff, if any."""
    inst = user.institution
    if inst is None:
        return None
    national = inst.province_id is None and inst.regency_id is None
    if inst.kind == K.INSPECTORATE and national and inst.parent is not None:
        return inst.parent if inst.parent.kind in PPK_KINDS else None
    if inst.kind == K.PERSONNEL_OFFICE or inst.kind in PPK_KINDS:
        return ppk_agency_of(inst)
    return None


def asn_q(user: Any, prefix: str = "") -> Q:
    """A filter on ASN (or, with a prefix such as "asn__", on rows that point to one)."""
    if not access.is_staff_member(user):
        return NOTHING
    if sees_all(user):
        return Q()
    employer = employer_of(user)
    if employer is not None:
        return Q(**{f"{prefix}agency__ppk": employer})
    inst = user.institution
    if inst is not None and inst.kind in OVERSIGHT_KINDS:
        return access.jurisdiction_q(
            user, province=f"{prefix}province_id", regency=f"{prefix}regency_id"
        )
    return NOTHING


def writable_asn_q(user: Any) -> Q:
    if user.is_superuser or user.has_role(Role.ADMINISTRATOR):
        return Q()
    if user.has_role(Role.PPK_OFFICER):
        employer = employer_of(user)
        if employer is not None:
            return Q(agency__ppk=employer)
    return NOTHING


def may_import(user: Any) -> bool:
    """Administrators import any file; PPK officers import their own agency's staff."""
    if not access.can_write(user):
        return False
    return bool(
        user.is_superuser
        or user.has_role(Role.ADMINISTRATOR)
        or (user.has_role(Role.PPK_OFFICER) and employer_of(user) is not None)
    )


def importable_agencies(user: Any) -> QuerySet[Agency]:
    if user.is_superuser or user.has_role(Role.ADMINISTRATOR):
        return Agency.objects.all()
    employer = employer_of(user) if may_import(user) else None
    return Agency.objects.filter(ppk=employer) if employer else Agency.objects.none()


def _runs(user: Any, qs: QuerySet[ImportRun]) -> QuerySet[ImportRun]:
    if not access.is_staff_member(user):
        return qs.none()
    if user.is_superuser or user.has_role(Role.ADMINISTRATOR):
        return qs
    employer = employer_of(user)
    mine = Q(created_by=user)
    return qs.filter(mine | Q(agency__ppk=employer) if employer else mine)


def _staff_only(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs if access.is_staff_member(user) else qs.none()


access.register(
    Asn,
    visible=lambda user, qs: qs.filter(asn_q(user)),
    writable=lambda user, qs: qs.filter(writable_asn_q(user)),
)
access.register(AsnChange, visible=lambda user, qs: qs.filter(asn_q(user, "asn__")))
access.register(
    DeclaredAccount,
    visible=lambda user, qs: qs.filter(asn_q(user, "asn__")),
    writable=lambda user, qs: qs.filter(
        asn__in=Asn.objects.filter(writable_asn_q(user)).values("pk")
    ),
)
access.register(ImportRun, visible=_runs, writable=_runs)
access.register(Agency, visible=_staff_only)
access.register(WorkUnit, visible=_staff_only)
