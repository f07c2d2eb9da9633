"""Who sees reports (registered with netral.access; forbidden = 404).

A report, its evidence and its messages are seen by the Bawaslu officers who handle public
reports (intake, investigation, commission) and whose jurisdiction holds the case (see
netral.cases.policies). Others who see the case (monitors, analysts, supervisors, BKN, the PPK:
the accused's own employer) do not see the reporter's side: messages and evidence can
identify a reporter. Seeing is not opening: the sealed identity and the sealed originals are
opened through audited services only (services.may_handle).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from netral import access
from netral.accounts.models import BAWASLU_KINDS
from netral.cases.models import Case
from netral.intake.models import Evidence, Message, Report, ReportedAsn


def _handles_reports(user: Any) -> bool:
    from netral.intake.services import SEALED_ROLES

    if not access.is_staff_member(user):
        return False
    if user.is_superuser:
        return True
    inst = getattr(user, "institution", None)
    return inst is not None and inst.kind in BAWASLU_KINDS and user.has_role(*SEALED_ROLES)


def _cases(user: Any) -> QuerySet[Case]:
    if not _handles_reports(user):
        return Case.objects.none()
    return access.visible_to(user, Case)


def _reports(user: Any, qs: QuerySet[Report]) -> QuerySet[Report]:
    return qs.filter(case__in=_cases(user).values("pk"))


def _through_report(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(report__case__in=_cases(user).values("pk"))


access.register(Report, visible=_reports, writable=_reports)
access.register(Evidence, visible=_through_report)
access.register(Message, visible=_through_report)
access.register(ReportedAsn, visible=_through_report)
