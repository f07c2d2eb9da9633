"""`report_merge`: reports on one incident become one case.

The intake officer merges a report (with any report already merged into its case) into the
case of another report. The reports that move keep their receipt, messages, evidence and
sealed identity; only their case changes, and each remembers the case it was filed under. That
case is closed with a note naming the surviving case (its number stays in the register,
nothing is deleted); its ASN join the surviving case, or are matched to the same ASN already
there. Audited in the same transaction. A second click finds the reports already together and
changes nothing.

When a merge is refused: a case that Bawaslu has registered, forwarded or closed has its own
examination and keeps it; a case Bawaslu has decided (proven or not) takes no new reports; two
offices, or two elections, do not share a case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from netral import access
from netral.accounts.models import User
from netral.audit.services import log_action
from netral.cases.models import Case, CaseSubject, CaseTransition
from netral.cases.services.clocks import stages_close
from netral.cases.states import State as S
from netral.intake.duplicates import same_asn
from netral.intake.models import Report, ReportedAsn
from netral.intake.policies import may_merge

# The case that joins another must still be in intake: nobody has examined it yet.
JOINABLE = frozenset({S.RECEIVED, S.PRELIMINARY_REVIEW, S.NEEDS_COMPLETION})
# The surviving case takes reports until Bawaslu decides.
RECEIVING = JOINABLE | {S.REGISTERED, S.EXAMINATION}
# What a matched ASN takes from its duplicate when the surviving case lacks it.
FILLED = ("nip", "agency_name", "position", "ppk_institution_id")


class MergeRefused(Exception):
    """The reports cannot be merged; the message says why and what to do instead."""


@dataclass
class Merged:
    case: Case  # the surviving case
    reports: list[Report] = field(default_factory=list)  # the reports that joined it
    already: bool = False  # nothing to do: the reports were already in one case


def merge_problem(into: Case, joining: Case) -> str | None:
    """Why the case `joining` cannot merge into `into` (None: it can). The report page asks
    this too, to offer the button only where it works."""
    if joining.state not in JOINABLE:
        return _(
            "Perkara %(n)s sudah berstatus “%(s)s”: perkara yang sudah diregistrasi, diteruskan "
            "atau selesai tidak dapat digabung ke perkara lain. Tangani tetap sebagai perkara "
            "sendiri."
        ) % {"n": joining.number, "s": joining.get_state_display()}
    if into.state not in RECEIVING:
        return _(
            "Perkara %(n)s sudah berstatus “%(s)s”: perkara yang sudah diputus atau selesai "
            "tidak menerima laporan lain. Gabungkan ke arah sebaliknya atau tangani terpisah."
        ) % {"n": into.number, "s": into.get_state_display()}
    if into.handling_institution_id != joining.handling_institution_id:
        return _(
            "Kedua laporan ditangani kantor Bawaslu yang berbeda (%(a)s dan %(b)s); satu "
            "perkara ditangani satu kantor."
        ) % {"a": into.handling_institution.name, "b": joining.handling_institution.name}
    if into.election_id and joining.election_id and into.election_id != joining.election_id:
        return _("Kedua laporan menyangkut pemilihan yang berbeda.")
    return None


def _lock(report: Report, into: Report) -> tuple[int, int]:
    """Lock both cases (in id order, so two officers merging the same pair both ways wait
    instead of deadlocking) and read where both reports are now."""
    ids = sorted({report.case_id, into.case_id})
    list(Case.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
    now = dict(Report.objects.filter(pk__in=[report.pk, into.pk]).values_list("pk", "case_id"))
    if not set(now.values()) <= set(ids):
        raise MergeRefused(
            _(
                "Salah satu laporan baru saja digabung petugas lain. Muat ulang halaman lalu "
                "periksa."
            )
        )
    return now[report.pk], now[into.pk]


def _join_subjects(joining: Case, into: Case) -> dict[str, list[str]]:
    """Move the ASN of `joining` into `into`; an ASN already there keeps one subject, which
    all reporters who named them now share (and which takes what only the duplicate knew)."""
    kept = list(into.subjects.all())
    moved, matched = [], []
    for subject in joining.subjects.all():
        same = next((k for k in kept if same_asn(subject, k)), None)
        if same is None:
            CaseSubject.objects.filter(pk=subject.pk).update(case=into)
            kept.append(subject)
            moved.append(subject.name)
            continue
        ReportedAsn.objects.filter(subject=subject).update(subject=same)
        missing = {f: getattr(subject, f) for f in FILLED if not getattr(same, f)}
        missing = {f: v for f, v in missing.items() if v}
        if missing:
            CaseSubject.objects.filter(pk=same.pk).update(**missing)
        matched.append(same.name)
    return {"subjects_joined": moved, "subjects_matched": matched}


@transaction.atomic
def report_merge(*, actor: User, report_id: int, into_id: int) -> Merged:
    """Merge report `report_id` (and the reports already merged into its case) into the case
    of report `into_id`. Reports the actor cannot see are 404 (netral.access)."""
    qs = Report.objects.select_related("case")
    report = access.get_for_user(actor, qs, report_id)
    into = access.get_for_user(actor, qs, into_id)
    if report.pk == into.pk:
        raise MergeRefused(_("Laporan tidak dapat digabung dengan dirinya sendiri."))
    if not (may_merge(actor, report) and may_merge(actor, into)):
        raise PermissionDenied(
            _(
                "Hanya petugas penerimaan laporan atau komisioner yang menangani kedua laporan "
                "yang dapat menggabungkannya."
            )
        )
    joining_id, into_case_id = _lock(report, into)
    cases = Case.objects.select_related("handling_institution").in_bulk([joining_id, into_case_id])
    target = cases[into_case_id]
    if joining_id == into_case_id:
        return Merged(case=target, already=True)
    joining = cases[joining_id]
    problem = merge_problem(target, joining)
    if problem:
        raise MergeRefused(problem)
    now = timezone.now()
    moving = list(Report.objects.filter(case=joining).order_by("created_at", "pk"))
    subjects = _join_subjects(joining, target)
    target.violations.add(*joining.violations.all())
    for row in moving:
        row.merged_from_id = row.merged_from_id or joining.pk
        row.case, row.merged_at = target, now
        row.save(update_fields=["case", "merged_from", "merged_at"])
    _close_joined(joining, target, actor, now)
    Case.objects.filter(pk=target.pk).update(version=F("version") + 1, updated_at=now)
    data = {"from": joining.number, "into": target.number, "reports": [r.pk for r in moving]}
    log_action(actor, "case.merge", joining, {**data, **subjects})
    for row in moving:
        log_action(actor, "report.merge", row, data)
    target.refresh_from_db()
    return Merged(case=target, reports=moving)


def _close_joined(joining: Case, target: Case, actor: User, now: dt.datetime) -> None:
    """The joined case ends here: closed, its clocks stopped, its timeline saying where it
    went (the note is for staff; the reporter's timeline reads the merge from the report)."""
    Case.objects.filter(pk=joining.pk).update(
        state=S.CLOSED, version=F("version") + 1, closed_at=now, updated_at=now
    )
    stages_close(case=joining)
    CaseTransition.objects.create(
        case=joining,
        from_state=joining.state,
        to_state=S.CLOSED,
        actor=actor,
        actor_label=actor.get_username(),
        at=now,
        note=_("Digabung ke perkara %(n)s.") % {"n": target.number},
        data={"merged_into": target.number},
    )
