"""Who sees the summaries (registered with netral.access).

Figures are aggregates of cases by their handling region, so every staff user sees the figures
of their own jurisdiction (national, a province with its kab/kota, or one kab/kota), whatever
their role: the dashboard is for everyone who works on neutrality. The cases behind a figure
stay behind the case rules: a link from a figure opens the register, which shows only the cases
that user may open.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from netral import access
from netral.access import AnyUser
from netral.accounts.roles import Role
from netral.insights.models import (
    CaseFact,
    ExportJob,
    MeasureTotal,
    MeasureValue,
    RiskWeight,
    SubjectFact,
    ViolationFact,
)


def _by_region(user: AnyUser, qs: QuerySet[Any]) -> QuerySet[Any]:
    return access.in_jurisdiction(user, qs)


def _own_jobs(user: AnyUser, qs: QuerySet[ExportJob]) -> QuerySet[ExportJob]:
    return qs.filter(user=user) if access.is_staff_member(user) else qs.none()


def _staff(user: AnyUser, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs if access.is_staff_member(user) else qs.none()


def may_plan_nationally(user: AnyUser) -> bool:
    """Risk weights are one national set: administrators, and national supervisors or
    commissioners (who plan supervision and socialization), change them."""
    if not access.is_staff_member(user):
        return False
    if user.is_superuser or user.has_role(Role.ADMINISTRATOR):
        return True
    inst = user.institution
    national = inst is None or (inst.province_id is None and inst.regency_id is None)
    return national and user.has_role(Role.SUPERVISOR, Role.COMMISSIONER)


def _planners(user: AnyUser, qs: QuerySet[RiskWeight]) -> QuerySet[RiskWeight]:
    return qs if may_plan_nationally(user) else qs.none()


access.register(CaseFact, visible=_by_region)
access.register(MeasureValue, visible=_by_region)
access.register(MeasureTotal, visible=_by_region)
# (subject and violation rows carry their case's region: see models)
access.register(SubjectFact, visible=_by_region)
access.register(ViolationFact, visible=_by_region)
access.register(ExportJob, visible=_own_jobs)
access.register(RiskWeight, visible=_staff, writable=_planners)
