"""`netral sweep`: mark overdue stages, remind, and escalate PPKs past their deadline.

Idempotent by construction: each stage is marked and reminded once (timestamps on the stage),
and each escalation step exists once per (case, PPK, step) (a unique constraint), so a second
run the same day changes nothing.

Escalation against a PPK past the deadline in its recommendation letter, by days overdue:
a reminder (teguran), then a request to block the ASN's personnel data (Peraturan BKN 1/2023),
then the case on the supervisors' list of non-compliant PPKs. The thresholds are settings
(NETRAL_PPK_ESCALATION_DAYS) because no regulation fixes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netral.audit.services import log_action
from netral.cases.models import CaseStage, Escalation
from netral.cases.notify import escalation_recipients, recipients_for
from netral.cases.states import ESCALATION_ORDER, FINAL_STATES, EscalationStep
from netral.notifications.services import notify

# Days past the due date at which each step is taken (reminder, block request, non-compliant).
DEFAULT_ESCALATION_DAYS = (1, 7, 14)
# A reminder goes out this many days before a clock runs out.
REMIND_BEFORE_DAYS = 1


def escalation_days() -> tuple[int, ...]:
    return tuple(getattr(settings, "PPK_ESCALATION_DAYS", DEFAULT_ESCALATION_DAYS))


@dataclass
class SweepResult:
    reminded: int = 0
    marked_overdue: int = 0
    escalations: dict[str, int] = field(default_factory=dict)
    # Cases at the PPK stage with a proven ASN and no PPK: in nobody's inbox (see subjects.py).
    stuck: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.reminded + self.marked_overdue + sum(self.escalations.values())

    def __str__(self) -> str:
        steps = ", ".join(f"{k}={v}" for k, v in sorted(self.escalations.items())) or "none"
        text = (
            f"{self.reminded} reminders, {self.marked_overdue} stages marked overdue, "
            f"escalations: {steps}"
        )
        if self.stuck:
            text += (
                f"\n{len(self.stuck)} case(s) at the PPK stage with an ASN without PPK "
                '(set it on the case page, "Koreksi data ASN"):\n'
                + "\n".join(f"  {line}" for line in self.stuck)
            )
        return text


def _open_stages() -> list[CaseStage]:
    return list(
        CaseStage.objects.filter(completed_at__isnull=True)
        .exclude(case__state__in=FINAL_STATES)
        .select_related("case", "responsible")
        .order_by("id")
    )


def _remind(stage: CaseStage, today: dt.date) -> bool:
    if stage.reminder_sent_at is not None or (stage.due - today).days > REMIND_BEFORE_DAYS:
        return False
    with transaction.atomic():
        # Conditional update: a concurrent sweep cannot send the same reminder twice.
        if not CaseStage.objects.filter(pk=stage.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=timezone.now()
        ):
            return False
        case = stage.case
        log_action(
            None, "case.stage_reminder", case, {"stage": stage.stage, "due": stage.due.isoformat()}
        )
        notify(
            recipients_for(case, case.state),
            subject=_("Pengingat batas waktu %(n)s") % {"n": case.number},
            body=_("Tahap %(s)s perkara %(n)s jatuh tempo %(d)s.")
            % {"s": stage.stage, "n": case.number, "d": stage.due.isoformat()},
        )
    return True


def _mark_overdue(stage: CaseStage, today: dt.date) -> bool:
    if stage.overdue_marked_at is not None or stage.due >= today:
        return False
    with transaction.atomic():
        if not CaseStage.objects.filter(pk=stage.pk, overdue_marked_at__isnull=True).update(
            overdue_marked_at=timezone.now()
        ):
            return False
        log_action(
            None,
            "case.stage_overdue",
            stage.case,
            {
                "stage": stage.stage,
                "due": stage.due.isoformat(),
                "responsible": stage.responsible.name if stage.responsible else "",
            },
        )
    return True


def _escalate(stage: CaseStage, today: dt.date, result: SweepResult) -> None:
    if stage.stage != "ppk_follow_up" or stage.responsible is None or stage.due >= today:
        return
    late = (today - stage.due).days
    for step, threshold in zip(ESCALATION_ORDER, escalation_days(), strict=False):
        if late < threshold:
            break
        with transaction.atomic():
            _row, created = Escalation.objects.get_or_create(
                case=stage.case,
                ppk_institution=stage.responsible,
                step=step,
                defaults={
                    "note": _("%(d)s hari melewati batas %(due)s")
                    % {"d": late, "due": stage.due.isoformat()}
                },
            )
            if not created:
                continue
            if step == EscalationStep.BLOCK_REQUEST:
                stage.case.subjects.filter(
                    decision_institution=stage.responsible,
                    sk_number="",
                    personnel_block_requested_at__isnull=True,
                ).update(personnel_block_requested_at=timezone.now())
            log_action(
                None,
                f"case.escalation.{step}",
                stage.case,
                {"ppk": stage.responsible.name, "days_late": late},
            )
            _announce_escalation(stage, step)
        result.escalations[step] = result.escalations.get(step, 0) + 1


def _announce_escalation(stage: CaseStage, step: str) -> None:
    case = stage.case
    notify(
        escalation_recipients(case),
        subject=_("Eskalasi perkara %(n)s") % {"n": case.number},
        body=_("%(ppk)s belum menindaklanjuti rekomendasi: %(step)s.")
        % {
            "ppk": stage.responsible.name if stage.responsible else "",
            "step": EscalationStep(step).label,
        },
    )


def sweep(*, today: dt.date | None = None) -> SweepResult:
    """Run one pass over every open clock. Safe to run as often as one likes."""
    today = today or timezone.localdate()
    result = SweepResult()
    for stage in _open_stages():
        result.reminded += _remind(stage, today)
        result.marked_overdue += _mark_overdue(stage, today)
        _escalate(stage, today, result)
    result.stuck = stuck_report()
    return result


def stuck_report() -> list[str]:
    """One line per stuck case: its number, handling office and the ASN without PPK."""
    from netral.cases.services.subjects import stuck_cases, without_ppk

    lines = []
    for case in stuck_cases():
        names = ", ".join(without_ppk(case, proven_only=True).values_list("name", flat=True))
        lines.append(f"{case.number} ({case.handling_institution.name}): {names}")
    return lines
