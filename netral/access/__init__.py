"""The one access layer: what a user may see and change.

Every view, endpoint, command and job reads objects through `visible_to` (a queryset) or
`get_for_user` (one object, 404 when it is missing *or* forbidden, so that a forbidden id
tells nothing). Each model registers its rule once, next to the model, with `register`;
a model with no rule is invisible to everyone (fail closed).

Jurisdiction: a staff user's institution has one (national, a province, or a kab/kota).
National sees everything, a province sees itself and its kab/kota, a kab/kota sees only itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

from netral.accounts.roles import READ_ONLY_ROLES, Role

M = TypeVar("M", bound=models.Model)
Rule = Callable[[Any, QuerySet[Any]], QuerySet[Any]]


@dataclass(frozen=True)
class Policy:
    visible: Rule
    writable: Rule


_policies: dict[type[models.Model], Policy] = {}


def register(model: type[models.Model], *, visible: Rule, writable: Rule | None = None) -> None:
    """Declare who sees and who changes `model`. Writable defaults to nobody."""
    _policies[model] = Policy(visible=visible, writable=writable or (lambda user, qs: qs.none()))


def is_staff_member(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.institution_id is not None or user.is_superuser)
    )


def jurisdiction_q(
    user: Any, *, province: str = "province_id", regency: str = "regency_id"
) -> Q:
    """A filter on an object's region codes that keeps what lies inside the user's jurisdiction.

    `province` and `regency` are lookups that give the object's province and kab/kota codes
    (they may span relations, e.g. "institution__province_id", or be plain code columns such
    as the audit trail's "province_code"). Matches nothing for a non-staff user.
    """
    if not is_staff_member(user):
        return Q(pk__in=[])
    institution = user.institution
    if institution is None or (institution.province_id is None and institution.regency_id is None):
        return Q()  # national (or a superuser without an institution)
    if institution.regency_id is not None:
        return Q(**{regency: institution.regency_id})
    return Q(**{province: institution.province_id})


def in_jurisdiction(user: Any, qs: QuerySet[M], **fields: str) -> QuerySet[M]:
    return qs.filter(jurisdiction_q(user, **fields)) if is_staff_member(user) else qs.none()


def everyone(user: Any, qs: QuerySet[M]) -> QuerySet[M]:
    """A rule for public reference data (the law, elections, the calendar)."""
    return qs


def administrators(user: Any, qs: QuerySet[M]) -> QuerySet[M]:
    """A rule for what only administrators change (reference data, institutions, users)."""
    return qs if user.is_superuser or user.has_role(Role.ADMINISTRATOR) else qs.none()


def can_write(user: Any) -> bool:
    """Staff who hold at least one role that changes things."""
    return is_staff_member(user) and bool(set(user.role_set) - READ_ONLY_ROLES)


def _policy_for(model: type[models.Model]) -> Policy | None:
    for klass in model.__mro__:
        if klass in _policies:
            return _policies[klass]
    return None


def _base(model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    if isinstance(model_or_qs, QuerySet):
        return model_or_qs
    return model_or_qs._default_manager.all()


def visible_to(user: Any, model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    qs = _base(model_or_qs)
    policy = _policy_for(qs.model)
    return policy.visible(user, qs) if policy else qs.none()


def writable_by(user: Any, model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    qs = _base(model_or_qs)
    policy = _policy_for(qs.model)
    if policy is None or not can_write(user):
        return qs.none()
    return policy.writable(user, policy.visible(user, qs))


def get_for_user(
    user: Any, model_or_qs: type[M] | QuerySet[M], pk: Any, *, write: bool = False
) -> M:
    """The object with this pk if the user may see it (or change it, with write=True); else 404."""
    qs = writable_by(user, model_or_qs) if write else visible_to(user, model_or_qs)
    try:
        return qs.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("not found") from exc
