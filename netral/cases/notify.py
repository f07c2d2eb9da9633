"""Who hears about a move: the people who must act next."""

from __future__ import annotations

from django.db.models import Q

from netral.accounts.models import InstitutionKind, User
from netral.accounts.roles import Role
from netral.cases.models import Case
from netral.cases.states import State

K = InstitutionKind


def _users(q: Q, *roles: str) -> list[int]:
    qs = User.objects.filter(q, is_active=True, roles__role__in=roles)
    return list(qs.values_list("pk", flat=True).distinct())


def recipients_for(case: Case, state: str) -> list[int]:
    """The staff who act on a case in `state` (the next hand-off's receivers)."""
    handler = Q(institution_id=case.handling_institution_id)
    if state in {State.RECEIVED, State.PRELIMINARY_REVIEW, State.NEEDS_COMPLETION}:
        return _users(handler, Role.INTAKE_OFFICER)
    if state in {State.REGISTERED, State.EXAMINATION}:
        return _users(handler, Role.INVESTIGATOR)
    if state == State.PROVEN:
        return _users(handler, Role.COMMISSIONER)
    if state in {State.RECOMMENDED_TO_AUTHORITY, State.AUTHORITY_VERIFICATION}:
        return _users(authority_q(case), Role.AUTHORITY_VERIFIER)
    if state in {State.RECOMMENDED_TO_PPK, State.PPK_DECIDED}:
        return _users(ppk_q(case), Role.PPK_OFFICER, Role.SUPERVISOR)
    return _users(handler, Role.COMMISSIONER)


def authority_q(case: Case) -> Q:
    central = Q(institution__kind__in=[K.BKN_CENTRAL, K.SATGAS])
    regional = Q(institution__kind=K.BKN_REGIONAL, institution__province_id=case.province_id)
    return central | regional


def ppk_q(case: Case) -> Q:
    """Staff of the deciding agencies and of their personnel offices (BKPSDM for a Pemkab)."""
    deciders = list(case.subjects.exclude(decision_institution=None)
                    .values_list("decision_institution", flat=True))
    return Q(institution_id__in=deciders) | Q(institution__parent_id__in=deciders,
                                              institution__kind=K.PERSONNEL_OFFICE)
