"""Writes on cases. Each is keyword-only and audited in its transaction.

- `opening`: a case is opened (from a public report or a Bawaslu finding, `findings`);
- `subjects`: the ASN of a case (parsed when it opens, added later) and each one's SK;
- `transition`: the one way a case changes state; `moves` says what each move records and
  which clocks it starts; `inputs` parses dates and text;
- `clocks`: the stage clocks a move starts and stops; `sweep`: overdue clocks and escalation;
- `documents`: minutes, letters and SKs filed on a case;
- `conflict`: the conflict-of-interest check that reroutes a PPK's decision;
- `numbering`: the case number taken when a case opens.
"""

from netral.cases.services.documents import case_document_add
from netral.cases.services.findings import finding_open
from netral.cases.services.opening import CaseOpening, case_open
from netral.cases.services.subjects import case_subject_add, subject_decision_record
from netral.cases.services.transition import TransitionRefused, VersionConflict, case_transition

__all__ = [
    "CaseOpening",
    "TransitionRefused",
    "VersionConflict",
    "case_document_add",
    "case_open",
    "case_subject_add",
    "case_transition",
    "finding_open",
    "subject_decision_record",
]
