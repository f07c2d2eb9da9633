"""Writes of the public channel. Each is keyword-only, atomic, and audited in its transaction."""

from netral.intake.services.followup import (
    evidence_original_open,
    report_add_evidence,
    report_identity_reveal,
    report_message_post,
)
from netral.intake.services.merge import Merged, MergeRefused, merge_problem, report_merge
from netral.intake.services.submit import (
    IDEMPOTENCY_WINDOW,
    IdempotencyConflict,
    Outcome,
    StorageUnavailable,
    Submission,
    Submitted,
    fingerprint,
    report_for_receipt,
    report_submit,
    report_submit_once,
)

__all__ = [
    "IDEMPOTENCY_WINDOW",
    "IdempotencyConflict",
    "MergeRefused",
    "Merged",
    "Outcome",
    "StorageUnavailable",
    "Submission",
    "Submitted",
    "evidence_original_open",
    "fingerprint",
    "merge_problem",
    "report_add_evidence",
    "report_for_receipt",
    "report_identity_reveal",
    "report_merge",
    "report_message_post",
    "report_submit",
    "report_submit_once",
]
