"""The one access layer: what a user may see and change.

Every view, endpoint, command and job reads objects through `visible_to` (a queryset),
`lookup` (one object and whether the user may change it) or `get_for_user` (one object).
A missing *or* invisible object answers 404, so that a forbidden id tells nothing; an object
the user sees but may not change answers 403 (PermissionDenied) with the reason. Each model
registers its rule once, next to the model, with `register`; a model with no rule is
invisible to everyone (fail closed).

The rules every app shares are here: who is staff, jurisdiction, read-only roles,
administrators, and who works for a Bawaslu office and handles public reports. Each app's own
rules are in its `policies.py`; docs/architecture.md lists where each rule lives.

Jurisdiction: a staff user's institution has one (national, a province, or a kab/kota).
National sees everything, a province sees itself and its kab/kota, a kab/kota sees only itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeAlias, TypeGuard, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from netral.accounts.models import BAWASLU_KINDS, Institution, User
from netral.accounts.roles import BAWASLU_ROLES, HANDLING_ROLES, READ_ONLY_ROLES, Role

M = TypeVar("M", bound=models.Model)
# Who asks: a staff user, someone not logged in (a page's request.user), or nobody (a job).
AnyUser: TypeAlias = User | AnonymousUser | None
Rule = Callable[[AnyUser, QuerySet[Any]], QuerySet[Any]]


@dataclass(frozen=True)
class Policy:
    visible: Rule
    writable: Rule


_policies: dict[type[models.Model], Policy] = {}


def register(model: type[models.Model], *, visible: Rule, writable: Rule | None = None) -> None:
    """Declare who sees and who changes `model`. Writable defaults to nobody."""
    _policies[model] = Policy(visible=visible, writable=writable or (lambda user, qs: qs.none()))


def is_staff_member(user: AnyUser) -> TypeGuard[User]:
    """A logged-in, active user with an institution (or the superuser flag): only a staff
    `User` passes, so code after this check may read the user's institution and roles."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (getattr(user, "institution_id", None) is not None or user.is_superuser)
    )


def institution_of(user: AnyUser) -> Institution | None:
    """The staff user's institution; None for anyone else (or a superuser without one)."""
    return user.institution if is_staff_member(user) else None


def _scope(user: AnyUser) -> tuple[str, str] | None:
    """The user's jurisdiction as ("regency", code), ("province", code) or ("national", "");
    None for someone who is not staff."""
    if not is_staff_member(user):
        return None
    institution = user.institution
    if institution is not None and institution.regency_id is not None:
        return ("regency", institution.regency_id)
    if institution is not None and institution.province_id is not None:
        return ("province", institution.province_id)
    return ("national", "")  # national (or a superuser without an institution)


def jurisdiction_q(
    user: AnyUser, *, province: str = "province_id", regency: str = "regency_id"
) -> Q:
    """A filter on an object's region codes that keeps what lies inside the user's jurisdiction.

    `province` and `regency` are lookups that give the object's province and kab/kota codes
    (they may span relations, e.g. "institution__province_id", or be plain code columns such
    as the audit trail's "province_code"). Matches nothing for a non-staff user.
    """
    scope = _scope(user)
    if scope is None:
        return Q(pk__in=[])
    level, code = scope
    if level == "national":
        return Q()
    return Q(**{regency if level == "regency" else province: code})


def covers(user: AnyUser, *, province_id: str | None, regency_id: str | None) -> bool:
    """Whether a place (its province and kab/kota codes) lies inside the user's jurisdiction:
    `jurisdiction_q` for one place that is not yet a row (a finding being entered)."""
    scope = _scope(user)
    if scope is None:
        return False
    level, code = scope
    if level == "national":
        return True
    return (regency_id if level == "regency" else province_id) == code


def in_jurisdiction(user: AnyUser, qs: QuerySet[M], **fields: str) -> QuerySet[M]:
    return qs.filter(jurisdiction_q(user, **fields)) if is_staff_member(user) else qs.none()


def everyone(user: AnyUser, qs: QuerySet[M]) -> QuerySet[M]:
    """A rule for public reference data (the law, elections, the calendar)."""
    return qs


def is_administrator(user: AnyUser) -> bool:
    """The system owner's administrators (the superuser flag or the role). Administration is
    not case handling: it reads the register and changes reference data, never the reporter's
    side of a case and never a case's state."""
    return is_staff_member(user) and (user.is_superuser or user.has_role(Role.ADMINISTRATOR))


def administrators(user: AnyUser, qs: QuerySet[M]) -> QuerySet[M]:
    """A rule for what only administrators change (reference data, institutions, users)."""
    return qs if is_administrator(user) else qs.none()


def bawaslu_office(user: AnyUser, roles: frozenset[str] = BAWASLU_ROLES) -> Institution | None:
    """The user's institution if it is a Bawaslu office (RI, provinsi, kab/kota) and the user
    holds one of `roles` there; else None."""
    # Roles first: they are usually loaded already, the institution may not be (the second-
    # factor check asks this on every page).
    if not is_staff_member(user) or not user.has_role(*roles):
        return None
    institution = user.institution
    if institution is None or institution.kind not in BAWASLU_KINDS:
        return None
    return institution


def handles_reports(user: AnyUser) -> bool:
    """Bawaslu staff who handle public reports (intake, investigation, commission). Inside their
    jurisdiction they alone see the reporter's side: reports, the reporter's messages, evidence
    and the documents that identify the reporter; whoever else holds the superuser flag."""
    return bawaslu_office(user, HANDLING_ROLES) is not None


def can_write(user: AnyUser) -> TypeGuard[User]:
    """Staff who hold at least one role that changes things."""
    return is_staff_member(user) and bool(set(user.role_set) - READ_ONLY_ROLES)


# Who must prove a second factor: whoever administers, and whoever may open what is sealed
# (a reporter's identity, an original file, a pressured ASN's name). The apps that seal things
# say which of their roles open them, beside their own rules, with `opens_sealed`.
_sealed_openers: list[Callable[[AnyUser], bool]] = []


def opens_sealed(rule: Callable[[AnyUser], bool]) -> Callable[[AnyUser], bool]:
    """Declare that users for whom `rule(user)` holds can open sealed data (usable as a
    decorator); `requires_two_factor` then asks them for a second factor."""
    _sealed_openers.append(rule)
    return rule


def requires_two_factor(user: AnyUser) -> bool:
    """Whether the user must log in with a second factor: administrators, anyone who can reach
    /admin/ (the staff flag), and the roles that open sealed data. Optional for everyone else."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser or is_administrator(user):
        return True
    return any(rule(user) for rule in _sealed_openers)


def _policy_for(model: type[models.Model]) -> Policy | None:
    for klass in model.__mro__:
        if klass in _policies:
            return _policies[klass]
    return None


def _base(model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    if isinstance(model_or_qs, QuerySet):
        return model_or_qs
    return model_or_qs._default_manager.all()


def visible_to(user: AnyUser, model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    qs = _base(model_or_qs)
    policy = _policy_for(qs.model)
    return policy.visible(user, qs) if policy else qs.none()


def writable_by(user: AnyUser, model_or_qs: type[M] | QuerySet[M]) -> QuerySet[M]:
    qs = _base(model_or_qs)
    policy = _policy_for(qs.model)
    if policy is None or not can_write(user):
        return qs.none()
    return policy.writable(user, policy.visible(user, qs))


@dataclass(frozen=True)
class Grant(Generic[M]):
    """An object the user sees, and whether they may change it."""

    obj: M
    writable: bool


def _visible_one(user: AnyUser, model_or_qs: type[M] | QuerySet[M], pk: Any) -> M:
    try:
        return visible_to(user, model_or_qs).get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("not found") from exc


def lookup(user: AnyUser, model_or_qs: type[M] | QuerySet[M], pk: Any) -> Grant[M]:
    """The object with this pk and the user's right to change it; 404 when they cannot see it."""
    obj = _visible_one(user, model_or_qs, pk)
    return Grant(obj, writable_by(user, model_or_qs).filter(pk=obj.pk).exists())


def get_for_user(
    user: AnyUser, model_or_qs: type[M] | QuerySet[M], pk: Any, *, write: bool = False
) -> M:
    """The object with this pk if the user may see it; else 404. With write=True, an object
    they see but may not change raises PermissionDenied (403), not 404: its existence is no
    secret to them."""
    if not write:
        return _visible_one(user, model_or_qs, pk)
    grant = lookup(user, model_or_qs, pk)
    if not grant.writable:
        raise PermissionDenied(_("Anda dapat melihat data ini tetapi tidak berwenang mengubahnya."))
    return grant.obj
