"""Who sees a case and who acts on it: the case's rulebook (registered with netral.access;
what a user cannot see answers 404, what they see but may not change answers 403).

A case has three sides; on each, an institution acts with a set of roles:
- bawaslu: the handling Bawaslu office (its intake officers, investigators, commissioners and
  monitors; each move then names its own roles);
- authority: BKN (central) and the Satgas anywhere, a BKN regional office in its province, from
  the recommendation to the authority on (verifiers);
- ppk: the agency that decides an ASN's sanction (a BKPSDM/BKD acts for its Pemkab/Pemprov, see
  routing.ppk_agency_of), from the recommendation to the PPK on (PPK officers, supervisors).
Each side is written once (`SIDES`) and read both ways: the cases an institution acts on (the
register, the inbox, the move checks) and the institutions that act on a case (e-mail).

Seeing: Bawaslu staff by handling jurisdiction (kab/kota its own, province its kab/kota, RI
all); the authority and the PPK (the ASN's employer as well as the deciding agency) from their
stage on; supervisors in their jurisdiction (handling or incident region); analysts and
administrators everything. Documents: each kind has its readers (`DOCUMENT_READERS`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from netral import access
from netral.access import AnyUser
from netral.accounts.models import BAWASLU_KINDS, Institution, InstitutionKind, User
from netral.accounts.roles import BAWASLU_ROLES, Role
from netral.cases.models import Case, CaseDocument, CaseSubject
from netral.cases.routing import acting_for_q, ppk_agency_of
from netral.cases.states import AUTHORITY_STATES, FINAL_STATES, PPK_STATES, State
from netral.cases.states import DocumentKind as D
from netral.cases.transitions import MOVES, Move, moves_from

K = InstitutionKind
NOTHING = Q(pk__in=[])

BAWASLU, AUTHORITY, PPK = "bawaslu", "authority", "ppk"

# How far each authority office reaches: everywhere, or its own province.
AUTHORITY_REACH: dict[str, str] = {
    K.BKN_CENTRAL: "national",
    K.SATGAS: "national",
    K.BKN_REGIONAL: "province",
}


def _bawaslu_cases(inst: Institution) -> Q | None:
    return Q(handling_institution=inst) if inst.kind in BAWASLU_KINDS else None


def _bawaslu_offices(case: Case) -> Q:
    return Q(pk=case.handling_institution_id)


def _authority_cases(inst: Institution) -> Q | None:
    reach = AUTHORITY_REACH.get(inst.kind)
    if reach is None:
        return None
    return Q(province_id=inst.province_id) if reach == "province" else Q()


def _authority_offices(case: Case) -> Q:
    national = [k for k, reach in AUTHORITY_REACH.items() if reach == "national"]
    regional = [k for k, reach in AUTHORITY_REACH.items() if reach == "province"]
    return Q(kind__in=national) | Q(kind__in=regional, province_id=case.province_id)


def _ppk_cases(inst: Institution) -> Q | None:
    agency = ppk_agency_of(inst)
    if agency is None:
        return None
    decides = CaseSubject.objects.filter(case=OuterRef("pk"), decision_institution=agency)
    return Q(Exists(decides))


def _ppk_offices(case: Case) -> Q:
    deciders = case.subjects.exclude(decision_institution=None).values("decision_institution")
    return acting_for_q(deciders)


@dataclass(frozen=True)
class Side:
    name: str
    roles: frozenset[str]  # the roles that act on this side (each move names its own subset)
    states: frozenset[str] | None  # the states in which the side has the case (None: all)
    where: Callable[[Institution], Q | None]  # the cases this institution acts on
    offices: Callable[[Case], Q]  # the institutions that act on this case (an Institution Q)

    def cases(self, inst: Institution) -> Q | None:
        q = self.where(inst)
        if q is None or self.states is None:
            return q
        return q & Q(state__in=self.states)


SIDES = (
    Side(BAWASLU, BAWASLU_ROLES, None, _bawaslu_cases, _bawaslu_offices),
    Side(
        AUTHORITY,
        frozenset({Role.AUTHORITY_VERIFIER}),
        AUTHORITY_STATES,
        _authority_cases,
        _authority_offices,
    ),
    Side(PPK, frozenset({Role.PPK_OFFICER, Role.SUPERVISOR}), PPK_STATES, _ppk_cases, _ppk_offices),
)
SIDE_BY_NAME = {side.name: side for side in SIDES}


def _acting_parts(user: AnyUser) -> dict[str, Q]:
    """Side name → the cases on which the user acts on that side (sides they hold a role of)."""
    if not access.can_write(user) or user.institution is None:
        return {}
    inst = user.institution
    parts = {}
    for side in SIDES:
        q = side.cases(inst) if user.has_role(*side.roles) else None
        if q is not None:
            parts[side.name] = q
    return parts


def _any(parts: Iterable[Q]) -> Q:
    q = NOTHING
    for part in parts:
        q |= part
    return q


def _ppk_visible_q(user: User) -> Q:
    """The ASN's employer sees the case as well as the agency that decides (they differ when
    the decision went one level up for a conflict of interest)."""
    agency = ppk_agency_of(user.institution)
    if agency is None:
        return NOTHING
    subjects = CaseSubject.objects.filter(case=OuterRef("pk")).filter(
        Q(ppk_institution=agency) | Q(decision_institution=agency)
    )
    return Q(Exists(subjects), state__in=PPK_STATES)


def _supervisor_q(user: AnyUser) -> Q:
    return access.jurisdiction_q(user) | access.jurisdiction_q(
        user, province="incident_province_id", regency="incident_regency_id"
    )


def visible_q(user: AnyUser) -> Q:
    if not access.is_staff_member(user):
        return NOTHING
    if access.is_administrator(user) or user.has_role(Role.ANALYST):
        return Q()
    parts: list[Q] = []
    if access.bawaslu_office(user) is not None:
        parts.append(access.jurisdiction_q(user))
    if user.has_role(Role.AUTHORITY_VERIFIER) and user.institution is not None:
        parts.append(SIDE_BY_NAME[AUTHORITY].cases(user.institution) or NOTHING)
    if user.has_role(Role.PPK_OFFICER, Role.SUPERVISOR):
        parts.append(_ppk_visible_q(user))
    if user.has_role(Role.SUPERVISOR):
        parts.append(_supervisor_q(user))
    # An empty Q means "everything", and NOTHING | Q() would lose it: it wins outright.
    return Q() if any(not part for part in parts) else _any(parts)


def writable_q(user: AnyUser) -> Q:
    """Cases on which the user may act at all; each move then checks its own side and role."""
    return _any(_acting_parts(user).values())


def sides_of(user: AnyUser, case: Case) -> set[str]:
    """The sides ("bawaslu", "authority", "ppk") on which the user acts on this case (one query)."""
    parts = _acting_parts(user)
    if not parts:
        return set()
    flags = {
        f"acts_{name}": ExpressionWrapper(q, output_field=BooleanField())
        for name, q in parts.items()
    }
    row = Case.objects.filter(pk=case.pk).annotate(**flags).values(*flags).first() or {}
    return {name.removeprefix("acts_") for name, on in row.items() if on}


def may_make(user: AnyUser, case: Case, move: Move, sides: set[str] | None = None) -> bool:
    """The move is on a side the user acts for on this case, and they hold one of its roles."""
    on = sides_of(user, case) if sides is None else sides
    return move.side in on and access.is_staff_member(user) and user.has_role(*move.roles)


def moves_for(user: AnyUser, case: Case) -> list[Move]:
    """The moves from the case's state that this user may make."""
    sides = sides_of(user, case)
    return [m for m in moves_from(case.state) if may_make(user, case, m, sides)]


def side_staff(case: Case, sides: Iterable[str], roles: Iterable[str]) -> list[int]:
    """Active users who act on these sides of the case and hold one of `roles` (e-mail)."""
    offices = _any(SIDE_BY_NAME[name].offices(case) for name in sides)
    qs = User.objects.filter(
        is_active=True,
        institution__in=Institution.objects.filter(offices),
        roles__role__in=list(roles),
    )
    return list(qs.values_list("pk", flat=True).distinct())


# Who sets and corrects an ASN's agency, PPK, NIP and position, on which side, and until when
# (once the PPK has decided, its SK names the ASN as they were).
CORRECTORS: dict[str, frozenset[str]] = {
    BAWASLU: frozenset({Role.INTAKE_OFFICER, Role.INVESTIGATOR, Role.COMMISSIONER}),
    AUTHORITY: frozenset({Role.AUTHORITY_VERIFIER}),
}
UNCORRECTABLE_STATES = frozenset({*FINAL_STATES, State.PPK_DECIDED, State.EXECUTED})


def may_correct_subjects(user: AnyUser, case: Case, sides: set[str] | None = None) -> bool:
    if case.state in UNCORRECTABLE_STATES:
        return False
    on = sides_of(user, case) if sides is None else sides
    if not access.is_staff_member(user):
        return False
    return any(side in on and user.has_role(*roles) for side, roles in CORRECTORS.items())


def may_enter_findings(user: AnyUser) -> bool:
    """Staff of a Bawaslu office (monitors included) enter findings, inside their jurisdiction
    (see access.covers)."""
    return access.can_write(user) and access.bawaslu_office(user) is not None


# Who reads each kind of case document, besides seeing the case:
# - CASE: everyone who sees the case;
# - REPORTER_SIDE: only those who handle public reports in its jurisdiction (access.
#   handles_reports): these name the reporter or witnesses, like the reporter's messages;
# - FILER: the reporter side and the institution that filed it (its content is unknown).
CASE, REPORTER_SIDE, FILER = "case", "reporter_side", "filer"
DOCUMENT_READERS: dict[str, str] = {
    D.REPORT_FORM: REPORTER_SIDE,
    D.PRELIMINARY_REVIEW: REPORTER_SIDE,
    D.MINUTES_REPORTER: REPORTER_SIDE,
    D.MINUTES_WITNESS: REPORTER_SIDE,
    D.MINUTES_ASN: CASE,
    D.EXAMINATION_RESULT: CASE,
    D.RECOMMENDATION_AUTHORITY: CASE,
    D.RECOMMENDATION_PPK: CASE,
    D.FORWARDING_LETTER: CASE,
    D.SK: CASE,
    D.EXECUTION: CASE,
    D.OTHER: FILER,
}


def _kinds(readers: str) -> list[str]:
    return [kind for kind, who in DOCUMENT_READERS.items() if who == readers]


def _documents_q(user: AnyUser) -> Q:
    if access.handles_reports(user):
        return Q()
    q = Q(kind__in=_kinds(CASE))
    institution_id = getattr(user, "institution_id", None)
    if institution_id is not None:
        q |= Q(kind__in=_kinds(FILER), uploaded_by__institution_id=institution_id)
    return q


def kinds_to_file(user: AnyUser) -> list[str]:
    """A kind that identifies the reporter is filed only by those who may read it."""
    handles = access.handles_reports(user)
    return [kind for kind, who in DOCUMENT_READERS.items() if handles or who != REPORTER_SIDE]


def may_file_document(user: AnyUser, case: Case, kind: str) -> bool:
    """Someone who makes a move on their side files its documents (a supervisor or monitor of
    that office may not put the minutes or the SK on file), of the kinds they may file."""
    if kind not in kinds_to_file(user):
        return False
    sides = sides_of(user, case)
    return any(may_make(user, case, m, sides) for m in MOVES)


def visible_cases(user: AnyUser, qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.filter(visible_q(user))


def writable_cases(user: AnyUser, qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.filter(writable_q(user))


def _through_case(user: AnyUser, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(case__in=Case.objects.filter(visible_q(user)).values("pk"))


def visible_documents(user: AnyUser, qs: QuerySet[CaseDocument]) -> QuerySet[CaseDocument]:
    return _through_case(user, qs).filter(_documents_q(user))


access.register(Case, visible=visible_cases, writable=writable_cases)
access.register(CaseSubject, visible=_through_case)
access.register(CaseDocument, visible=visible_documents)
