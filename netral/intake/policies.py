"""Who sees reports (registered with netral.access; forbidden = 404).

A report, its evidence and its messages are seen by whoever sees its case (see
netral.cases.policies). Seeing is not opening: the sealed identity and the sealed originals
need a handling role as well (services.may_handle), and each opening is audited.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from netral import access
from netral.cases.models import Case
from netral.intake.models import Evidence, Message, Report, ReportedAsn


def _cases(user: Any) -> QuerySet[Case]:
    return access.visible_to(user, Case)


def _reports(user: Any, qs: QuerySet[Report]) -> QuerySet[Report]:
    return qs.filter(case__in=_cases(user).values("pk"))


def _through_report(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(report__case__in=_cases(user).values("pk"))


access.register(Report, visible=_reports, writable=_reports)
access.register(Evidence, visible=_through_report)
access.register(Message, visible=_through_report)
access.register(ReportedAsn, visible=_through_report)
