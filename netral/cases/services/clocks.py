"""The clocks on a case: each stage's due date comes from the deadline engine (data, not code),
and the phase resolver picks the phase and the authority of the incident date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from netral.accounts.models import Institution
from netral.cases.models import Case, CaseStage
from netral.deadlines.engine import NoDeadlineRule, compute_deadline
from netral.elections import phase

# What the deadline engine calls the election kind when a case names no election.
DEFAULT_ELECTION_KIND = "pemilu"


def election_kind(case: Case) -> str:
    election = getattr(case, "election", None)
    return str(getattr(election, "kind", "") or DEFAULT_ELECTION_KIND)


def apply_phase(case: Case) -> None:
    """Set the phase and the authority (KASN or BKN) from the election and the incident date."""
    election = getattr(case, "election", None)
    if election is None or case.incident_date is None:
        return
    resolved = phase.resolve_phase(election, case.incident_date)
    case.phase = resolved.phase
    case.authority = resolved.authority.code if resolved.authority else ""


def stage_start(
    *,
    case: Case,
    stage: str,
    start: dt.date,
    extended: bool = False,
    days: int | None = None,
    due: dt.date | None = None,
    responsible: Institution | None = None,
    close_open: bool = True,
) -> CaseStage:
    """Close the case's open clocks and start `stage`. A given `due` (a letter's deadline)
    wins over the engine's; the engine still supplies the rule text."""
    if close_open:
        stages_close(case=case)
    row = CaseStage(
        case=case, stage=stage, started=start, extended=extended, responsible=responsible
    )
    try:
        deadline = compute_deadline(
            kind=election_kind(case), stage=stage, start=start, extended=extended, days=days
        )
    except NoDeadlineRule:
        deadline = None
    if deadline is not None:
        rule = deadline.rule
        row.due = deadline.due
        row.rule = f"{rule} — {rule.legal_source}"[:300] if rule.legal_source else str(rule)[:300]
        row.explanation = str(deadline.explanation)
        row.unconfirmed, row.working_days = bool(deadline.unconfirmed), bool(deadline.working_days)
    else:
        # No rule covers this date: keep the case moving on an explicit, flagged default.
        row.unconfirmed = True
        row.explanation = _("Tidak ada aturan tenggat untuk tahap ini pada tanggal tersebut.")
    if due is not None:
        # The letter's own deadline is a fact of the case, not a default from the rules.
        row.due, row.unconfirmed, row.working_days = due, False, False
        row.explanation = _("Batas waktu tertulis dalam surat rekomendasi: %(d)s.") % {
            "d": due.isoformat()
        }
    if getattr(row, "due", None) is None:
        row.due = start + dt.timedelta(days=days or 7)
    row.save()
    return row


def stages_close(*, case: Case) -> None:
    case.stages.filter(completed_at__isnull=True).update(completed_at=timezone.now())


def authority_on(case: Case, on: dt.date) -> str:
    """KASN or BKN: the authority that receives a recommendation sent on `on`."""
    found = phase.authority_on(on)
    return found.code if found is not None else ""
