"""Who hears about a move: the people who must act next. Which institutions act on which side
of a case is the access rule (policies.SIDES); this table only says which side and roles are
told when a case reaches each state."""

from __future__ import annotations

from netral.accounts.roles import HANDLING_ROLES, Role
from netral.cases.models import Case
from netral.cases.policies import AUTHORITY, BAWASLU, PPK, side_staff
from netral.cases.states import State

R = Role
NEXT_HANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    State.RECEIVED: (BAWASLU, (R.INTAKE_OFFICER,)),
    State.PRELIMINARY_REVIEW: (BAWASLU, (R.INTAKE_OFFICER,)),
    State.NEEDS_COMPLETION: (BAWASLU, (R.INTAKE_OFFICER,)),
    State.REGISTERED: (BAWASLU, (R.INVESTIGATOR,)),
    State.EXAMINATION: (BAWASLU, (R.INVESTIGATOR,)),
    State.PROVEN: (BAWASLU, (R.COMMISSIONER,)),
    State.RECOMMENDED_TO_AUTHORITY: (AUTHORITY, (R.AUTHORITY_VERIFIER,)),
    State.AUTHORITY_VERIFICATION: (AUTHORITY, (R.AUTHORITY_VERIFIER,)),
    State.RECOMMENDED_TO_PPK: (PPK, (R.PPK_OFFICER, R.SUPERVISOR)),
    State.PPK_DECIDED: (PPK, (R.PPK_OFFICER, R.SUPERVISOR)),
}
# Any other state (finished, executed): the handling office's commissioners hear of it.
DEFAULT_HANDS = (BAWASLU, (R.COMMISSIONER,))
# A PPK past its deadline: its own officers and supervisors, and the authority that watches it.
ESCALATION_SIDES = (PPK, AUTHORITY)
ESCALATION_ROLES = (R.PPK_OFFICER, R.AUTHORITY_VERIFIER, R.SUPERVISOR)


def recipients_for(case: Case, state: str) -> list[int]:
    """The staff who act on a case in `state` (the next hand-off's receivers)."""
    side, roles = NEXT_HANDS.get(state, DEFAULT_HANDS)
    return side_staff(case, [side], roles)


def escalation_recipients(case: Case) -> list[int]:
    return side_staff(case, ESCALATION_SIDES, ESCALATION_ROLES)


def report_handlers(case: Case) -> list[int]:
    """Who hears that the reporter wrote or sent evidence: the handling office's report
    handlers (the roles that see the reporter's side)."""
    return side_staff(case, [BAWASLU], HANDLING_ROLES)
