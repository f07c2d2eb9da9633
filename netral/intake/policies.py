"""Who sees reports: the reporter's side of a case (registered with netral.access;
forbidden = 404).

A report, its evidence and its messages are seen by the Bawaslu staff who handle public reports
(intake, investigation, commission: access.handles_reports) and whose jurisdiction holds the
case (netral.cases.policies). Nobody else, whatever else they see of the case or whatever flag
they hold: monitors, analysts, supervisors, BKN, the PPK (the accused's own employer) and the
system's administrators (administration is not case handling). Messages and evidence can
identify a reporter. Seeing is not opening: the sealed identity and the sealed originals are
opened through audited services only, by those who may handle the report (`may_handle`).
Merging duplicate reports into one case is an intake move (`may_merge`): the roles that take
a report in (cases.transitions.INTAKE), on reports they may handle.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from netral import access
from netral.access import AnyUser
from netral.cases.models import Case
from netral.cases.transitions import INTAKE
from netral.intake.models import Evidence, Message, Report, ReportedAsn


def _cases(user: AnyUser) -> QuerySet[Case]:
    if not access.handles_reports(user):
        return Case.objects.none()
    return access.visible_to(user, Case)


def _reports(user: AnyUser, qs: QuerySet[Report]) -> QuerySet[Report]:
    return qs.filter(case__in=_cases(user).values("pk"))


def _through_report(user: AnyUser, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(report__case__in=_cases(user).values("pk"))


def may_handle(user: AnyUser, report: Report) -> bool:
    """Whether the user may write to the reporter and open what is sealed: they see the
    report and may change things (an analyst who also held a handling role would not)."""
    return access.writable_by(user, Report).filter(pk=report.pk).exists()


def may_merge(user: AnyUser, report: Report) -> bool:
    """Whether the user may merge this report with another (both must pass)."""
    return access.is_staff_member(user) and user.has_role(*INTAKE) and may_handle(user, report)


# The handling roles open the sealed identity and originals: they log in with a second factor.
access.opens_sealed(access.handles_reports)
access.register(Report, visible=_reports, writable=_reports)
access.register(Evidence, visible=_through_report)
access.register(Message, visible=_through_report)
access.register(ReportedAsn, visible=_through_report)
