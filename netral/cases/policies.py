"""Who sees and who acts on a case (registered with netral.access; forbidden = 404).

- Bawaslu staff: by handling jurisdiction (kab/kota its own, province its kab/kota, RI all);
  they act only on the cases their own office handles.
- Authority verifiers (BKN, Satgas; a BKN regional office for its provinces): from the
  recommendation to the authority on.
- PPK officers: cases whose ASN belong to their agency (a BKPSDM acts for its Pemkab), from the
  recommendation to the PPK on; they act where their agency must decide.
- Supervisors: read in their jurisdiction (handling or incident region). Analysts: read all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from netral import access
from netral.accounts.models import BAWASLU_KINDS, InstitutionKind
from netral.accounts.roles import Role
from netral.cases.models import Case, CaseDocument, CaseSubject
from netral.cases.routing import ppk_agency_of
from netral.cases.states import AUTHORITY_STATES, PPK_STATES

K = InstitutionKind
BAWASLU_ROLES = frozenset({Role.INTAKE_OFFICER, Role.INVESTIGATOR, Role.COMMISSIONER,
                           Role.MONITOR})
NOTHING = Q(pk__in=[])


def _authority_q(user: Any) -> Q:
    inst = user.institution
    if inst is None or inst.kind not in {K.BKN_CENTRAL, K.BKN_REGIONAL, K.SATGAS}:
        return NOTHING
    q = Q(state__in=AUTHORITY_STATES)
    if inst.kind == K.BKN_REGIONAL and inst.province_id:
        q &= Q(province_id=inst.province_id)
    return q


def _ppk_q(user: Any) -> Q:
    agency = ppk_agency_of(user.institution)
    if agency is None:
        return NOTHING
    subjects = CaseSubject.objects.filter(case=OuterRef("pk")).filter(
        Q(ppk_institution=agency) | Q(decision_institution=agency))
    return Q(Exists(subjects), state__in=PPK_STATES)


def _supervisor_q(user: Any) -> Q:
    return access.jurisdiction_q(user) | access.jurisdiction_q(
        user, province="incident_province_id", regency="incident_regency_id")


def _any(parts: list[Q]) -> Q:
    """OR the parts. An empty Q means "everything", and Q() | x would drop it, so it wins."""
    if any(not part for part in parts):
        return Q()
    q = NOTHING
    for part in parts:
        q |= part
    return q


def visible_q(user: Any) -> Q:
    if not access.is_staff_member(user):
        return NOTHING
    if user.is_superuser or user.has_role(Role.ANALYST, Role.ADMINISTRATOR):
        return Q()
    inst = user.institution
    parts: list[Q] = []
    if inst is not None and inst.kind in BAWASLU_KINDS and user.has_role(*BAWASLU_ROLES):
        parts.append(access.jurisdiction_q(user))
    if user.has_role(Role.AUTHORITY_VERIFIER):
        parts.append(_authority_q(user))
    if user.has_role(Role.PPK_OFFICER, Role.SUPERVISOR):
        parts.append(_ppk_q(user))
    if user.has_role(Role.SUPERVISOR):
        parts.append(_supervisor_q(user))
    return _any(parts) if parts else NOTHING


def writable_q(user: Any) -> Q:
    """Cases on which the user may act at all; each move then checks its own side and role."""
    if user.is_superuser:
        return Q()
    parts: list[Q] = []
    inst = user.institution
    if inst is not None and inst.kind in BAWASLU_KINDS and user.has_role(*BAWASLU_ROLES):
        parts.append(Q(handling_institution=inst))
    if user.has_role(Role.AUTHORITY_VERIFIER):
        parts.append(_authority_q(user))
    if user.has_role(Role.PPK_OFFICER, Role.SUPERVISOR):
        agency = ppk_agency_of(inst)
        decides = CaseSubject.objects.filter(case=OuterRef("pk"), decision_institution=agency)
        parts.append(Q(Exists(decides), state__in=PPK_STATES))
    return _any(parts) if parts else NOTHING


def sides_of(user: Any, case: Case) -> set[str]:
    """The sides ("bawaslu", "authority", "ppk") on which the user may act on this case."""
    if not access.can_write(user):
        return set()
    if user.is_superuser:
        return {"bawaslu", "authority", "ppk"}
    sides: set[str] = set()
    inst = user.institution
    if inst is not None and case.handling_institution_id == inst.pk and inst.kind in BAWASLU_KINDS:
        sides.add("bawaslu")
    if user.has_role(Role.AUTHORITY_VERIFIER) and _authority_q(user) != NOTHING and (
        inst.kind != K.BKN_REGIONAL or inst.province_id == case.province_id
    ):
        sides.add("authority")
    agency = ppk_agency_of(inst)
    if agency is not None and case.subjects.filter(decision_institution=agency).exists():
        sides.add("ppk")
    return sides


def visible_cases(user: Any, qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.filter(visible_q(user))


def writable_cases(user: Any, qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.filter(writable_q(user))


def _through_case(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(case__in=Case.objects.filter(visible_q(user)).values("pk"))


access.register(Case, visible=visible_cases, writable=writable_cases)
access.register(CaseSubject, visible=_through_case)
access.register(CaseDocument, visible=_through_case)
