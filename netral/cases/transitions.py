"""The transition table: every legal move of a case, as data.

Each row says who may make it (roles, and on which side: the handling Bawaslu, the authority,
or the PPK), what must be entered (fields), what must be on file (documents: each tuple is
"one of these kinds"), and which clock starts. Anything not in the table is refused with the
list of allowed next states.
"""

from __future__ import annotations

from dataclasses import dataclass

from netral.accounts.roles import Role
from netral.cases.states import DocumentKind as D
from netral.cases.states import State as S

R = Role


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    roles: frozenset[str]
    side: str  # "bawaslu" | "authority" | "ppk"
    fields: tuple[str, ...] = ()
    documents: tuple[tuple[str, ...], ...] = ()
    clock: str | None = None  # deadline-engine stage started by this move; None keeps the clock
    final: bool = False  # stops every clock


INTAKE = frozenset({R.INTAKE_OFFICER, R.COMMISSIONER})
EXAMINE = frozenset({R.INVESTIGATOR, R.COMMISSIONER})
DECIDE = frozenset({R.COMMISSIONER})
VERIFY = frozenset({R.AUTHORITY_VERIFIER})
PPK = frozenset({R.PPK_OFFICER})
MINUTES = (D.MINUTES_REPORTER, D.MINUTES_WITNESS, D.MINUTES_ASN)

MOVES: tuple[Move, ...] = (
    Move(S.RECEIVED, S.PRELIMINARY_REVIEW, INTAKE, "bawaslu"),
    Move(
        S.PRELIMINARY_REVIEW, S.NEEDS_COMPLETION, INTAKE, "bawaslu", ("note",), clock="completion"
    ),
    Move(
        S.NEEDS_COMPLETION,
        S.PRELIMINARY_REVIEW,
        INTAKE,
        "bawaslu",
        ("note",),
        clock="preliminary_review",
    ),
    Move(S.NEEDS_COMPLETION, S.NOT_REGISTERED, INTAKE, "bawaslu", ("note",), final=True),
    Move(
        S.PRELIMINARY_REVIEW,
        S.REGISTERED,
        INTAKE,
        "bawaslu",
        (),
        ((D.PRELIMINARY_REVIEW,),),
        clock="decision",
    ),
    Move(
        S.PRELIMINARY_REVIEW,
        S.NOT_REGISTERED,
        INTAKE,
        "bawaslu",
        ("note",),
        ((D.PRELIMINARY_REVIEW,),),
        final=True,
    ),
    Move(
        S.PRELIMINARY_REVIEW,
        S.FORWARDED,
        INTAKE,
        "bawaslu",
        ("forwarded_to",),
        ((D.FORWARDING_LETTER,),),
        final=True,
    ),
    Move(S.REGISTERED, S.EXAMINATION, EXAMINE, "bawaslu"),
    # Staying in examination = the one extension the law allows when more information is needed.
    Move(S.EXAMINATION, S.EXAMINATION, EXAMINE, "bawaslu", ("note",), clock="decision_extension"),
    Move(
        S.EXAMINATION,
        S.FORWARDED,
        DECIDE,
        "bawaslu",
        ("forwarded_to",),
        ((D.FORWARDING_LETTER,),),
        final=True,
    ),
    Move(
        S.EXAMINATION,
        S.PROVEN,
        DECIDE,
        "bawaslu",
        ("outcomes",),
        (MINUTES, (D.EXAMINATION_RESULT,)),
    ),
    Move(
        S.EXAMINATION,
        S.NOT_PROVEN,
        DECIDE,
        "bawaslu",
        ("note",),
        (MINUTES, (D.EXAMINATION_RESULT,)),
        final=True,
    ),
    Move(
        S.PROVEN,
        S.RECOMMENDED_TO_AUTHORITY,
        DECIDE,
        "bawaslu",
        ("letter_number",),
        ((D.RECOMMENDATION_AUTHORITY,),),
        clock="authority_verification",
    ),
    Move(S.RECOMMENDED_TO_AUTHORITY, S.AUTHORITY_VERIFICATION, VERIFY, "authority"),
    Move(
        S.AUTHORITY_VERIFICATION,
        S.RECOMMENDED_TO_PPK,
        VERIFY,
        "authority",
        ("letter_number", "sanctions"),
        ((D.RECOMMENDATION_PPK,),),
        clock="ppk_follow_up",
    ),
    # The authority may decide a recommendation needs no sanction ("didokumentasikan").
    Move(S.AUTHORITY_VERIFICATION, S.CLOSED, VERIFY, "authority", ("note",), final=True),
    Move(S.RECOMMENDED_TO_PPK, S.PPK_DECIDED, PPK, "ppk", ("decisions",), ((D.SK,),)),
    # The execution is shown by its record (the SK's execution), as every other step is.
    Move(S.PPK_DECIDED, S.EXECUTED, PPK, "ppk", ("executed_date",), ((D.EXECUTION,),)),
    Move(S.EXECUTED, S.CLOSED, VERIFY | DECIDE, "authority", (), final=True),
    Move(S.NOT_REGISTERED, S.CLOSED, INTAKE, "bawaslu", (), final=True),
    Move(S.FORWARDED, S.CLOSED, INTAKE, "bawaslu", (), final=True),
    Move(S.NOT_PROVEN, S.CLOSED, DECIDE, "bawaslu", (), final=True),
)

_BY_PAIR = {(m.source, m.target): m for m in MOVES}


def move_for(source: str, target: str) -> Move | None:
    return _BY_PAIR.get((source, target))


def allowed_targets(source: str) -> list[str]:
    return [m.target for m in MOVES if m.source == source]


def moves_from(source: str) -> list[Move]:
    return [m for m in MOVES if m.source == source]
