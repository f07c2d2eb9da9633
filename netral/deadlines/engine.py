"""The deadline engine: the due date and state of any handling stage.

The two functions other areas call (keep these names):

    compute_deadline(*, kind, stage, start, extended=False, days=None) -> Deadline
        kind     "pemilu" or "pilkada" (DeadlineRule.Kind)
        stage    one of Stage: report_window, preliminary_review, completion, decision,
                 decision_extension, authority_verification, ppk_follow_up
        start    the date the clock starts (see the rule's `starts_at`)
        extended for stage "decision": use the decision_extension rule (more information needed)
        days     override the rule's amount (e.g. the deadline written in a recommendation
                 letter for ppk_follow_up); the rule's unit still applies
        -> Deadline(due, rule, explanation, unconfirmed, working_days, skipped, ...)

    deadline_state(deadline_or_due, today) -> DeadlineState ("running" | "due_today" | "overdue")

The rule in force is the one whose effective dates contain `start`. `NoDeadlineRule` is raised
when none does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from netral.deadlines.models import DeadlineRule, Stage, Unit
from netral.deadlines.workdays import add_working_days, weekday_name


class NoDeadlineRule(LookupError):
    pass


class DeadlineState:
    RUNNING = "running"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Deadline:
    due: date
    rule: DeadlineRule
    explanation: str
    unconfirmed: bool
    working_days: bool
    start: date
    amount: int
    skipped: list[tuple[date, str]] = field(default_factory=list)

    @property
    def state_today(self) -> str:
        return deadline_state(self, timezone.localdate())


def find_rule(kind: str, stage: str, on: date) -> DeadlineRule:
    rule = (
        DeadlineRule.objects.filter(kind=kind, stage=stage)
        .filter(Q(effective_from__isnull=True) | Q(effective_from__lte=on))
        .filter(Q(effective_until__isnull=True) | Q(effective_until__gte=on))
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        raise NoDeadlineRule(f"no deadline rule for kind={kind} stage={stage} on {on}")
    return rule


def compute_deadline(
    *, kind: str, stage: str, start: date, extended: bool = False, days: int | None = None
) -> Deadline:
    if stage not in Stage.values:
        raise NoDeadlineRule(f"unknown stage {stage!r}; one of {', '.join(Stage.values)}")
    if extended and stage == Stage.DECISION:
        stage = Stage.DECISION_EXTENSION
    rule = find_rule(kind, stage, start)
    amount = rule.amount if days is None else days
    skipped: list[tuple[date, str]] = []
    if rule.unit == Unit.WORKING_DAYS:
        due, skipped = add_working_days(start, amount)
    elif rule.unit == Unit.HOURS:
        due = start + timedelta(days=math.ceil(amount / 24))
    else:
        due = start + timedelta(days=amount)
    return Deadline(
        due=due,
        rule=rule,
        unconfirmed=not rule.confirmed,
        working_days=rule.unit == Unit.WORKING_DAYS,
        start=start,
        amount=amount,
        skipped=skipped,
        explanation=_explain(rule, start, due, amount, skipped, days),
    )


def _explain(
    rule: DeadlineRule,
    start: date,
    due: date,
    amount: int,
    skipped: list[tuple[date, str]],
    override: int | None,
) -> str:
    lines = [
        _("%(stage)s (%(kind)s): paling lama %(amount)s %(unit)s sejak %(starts)s.")
        % {
            "stage": rule.get_stage_display(),
            "kind": rule.get_kind_display(),
            "amount": amount,
            "unit": rule.get_unit_display(),
            "starts": rule.starts_at,
        },
        _("Mulai dihitung: %(day)s %(date)s; jatuh tempo: %(dday)s %(due)s.")
        % {
            "day": weekday_name(start),
            "date": start.isoformat(),
            "dday": weekday_name(due),
            "due": due.isoformat(),
        },
    ]
    if override is not None:
        lines.append(
            _("Lama tenggat ditentukan sendiri (%(n)s), bukan dari aturan (%(r)s).")
            % {"n": override, "r": rule.amount}
        )
    if skipped:
        lines.append(_("Hari yang tidak dihitung:"))
        lines += [f"  - {weekday_name(d)} {d.isoformat()}: {why}" for d, why in skipped]
    elif rule.unit != Unit.WORKING_DAYS:
        lines.append(_("Dihitung dalam hari kalender: akhir pekan dan hari libur tetap dihitung."))
    lines.append(_("Dasar hukum: %(src)s") % {"src": rule.legal_source or _("tidak ada")})
    if not rule.confirmed:
        lines.append(_("BELUM DIKONFIRMASI: %(note)s") % {"note": rule.note})
    elif rule.note:
        lines.append(_("Catatan: %(note)s") % {"note": rule.note})
    return "\n".join(lines)


def deadline_state(deadline_or_due: Deadline | date, today: date) -> str:
    due = deadline_or_due.due if isinstance(deadline_or_due, Deadline) else deadline_or_due
    if today < due:
        return DeadlineState.RUNNING
    if today == due:
        return DeadlineState.DUE_TODAY
    return DeadlineState.OVERDUE
