"""Who sees and triages monitoring items (registered with netral.access; forbidden = 404).

Items belong to the jurisdiction of their region (the tied ASN's work unit, or the region set
at capture or by the source). The staff of a Bawaslu office (monitors, intake officers,
investigators, commissioners) see and triage the items inside their jurisdiction; analysts
and administrators read them (national ones all); nobody else sees them. An item with no
region yet is seen by national offices only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from netral import access
from netral.accounts.roles import Role
from netral.monitoring.models import Account, Cluster, Item, Source


def _readers(user: Any) -> bool:
    return access.bawaslu_office(user) is not None or bool(
        access.is_staff_member(user)
        and (user.is_superuser or user.has_role(Role.ANALYST, Role.ADMINISTRATOR))
    )


def item_q(user: Any, prefix: str = "") -> Q:
    if not _readers(user):
        return Q(pk__in=[])
    return access.jurisdiction_q(
        user, province=f"{prefix}province_id", regency=f"{prefix}regency_id"
    )


def _items(user: Any, qs: QuerySet[Item]) -> QuerySet[Item]:
    return qs.filter(item_q(user))


def _triage(user: Any, qs: QuerySet[Item]) -> QuerySet[Item]:
    return qs if access.bawaslu_office(user) is not None else qs.none()


def _accounts(user: Any, qs: QuerySet[Account]) -> QuerySet[Account]:
    """An account is seen by whoever sees one of its items."""
    if not _readers(user):
        return qs.none()
    if access.jurisdiction_q(user) == Q():
        return qs
    return qs.filter(pk__in=Item.objects.filter(item_q(user)).values("account_id"))


def _sources(user: Any, qs: QuerySet[Source]) -> QuerySet[Source]:
    return qs if _readers(user) else qs.none()


def _admins(user: Any, qs: QuerySet[Source]) -> QuerySet[Source]:
    return qs if access.is_administrator(user) else qs.none()


def may_triage(user: Any) -> bool:
    return access.can_write(user) and access.bawaslu_office(user) is not None


def may_open_queue(user: Any) -> bool:
    """The queue and the watched accounts open to whoever triages, or sees an item to read."""
    return may_triage(user) or access.visible_to(user, Item).exists()


access.register(Item, visible=_items, writable=_triage)
access.register(Account, visible=_accounts, writable=_triage)
access.register(
    Cluster,
    visible=lambda user, qs: (
        qs.filter(items__in=Item.objects.filter(item_q(user))).distinct()
        if _readers(user)
        else qs.none()
    ),
)
access.register(Source, visible=_sources, writable=_admins)
