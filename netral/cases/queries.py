"""Read helpers shared by the pages, the API and the exports: the clock annotations, the
filters (django-filter) and the inbox per role."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netral import access
from netral.access import AnyUser
from netral.accounts.roles import Role
from netral.cases.models import Case, CaseStage
from netral.cases.states import Origin, State


def with_clock(qs: QuerySet[Case], today: dt.date | None = None) -> QuerySet[Case]:
    """Annotate `next_due` (earliest open clock) and `is_overdue` (an open clock past due)."""
    today = today or timezone.localdate()
    open_stages = CaseStage.objects.filter(case=OuterRef("pk"), completed_at__isnull=True)
    return qs.annotate(
        next_due=Min("stages__due", filter=Q(stages__completed_at__isnull=True)),
        is_overdue=Exists(open_stages.filter(due__lt=today)),
    )


def case_list(user: AnyUser) -> QuerySet[Case]:
    qs = access.visible_to(user, Case).select_related(
        "handling_institution", "regency", "province", "election"
    )
    return with_clock(qs)


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Cari (nomor, uraian, nama/NIP ASN)"))
    state = django_filters.ChoiceFilter(choices=State.choices, label=_("Status"))
    origin = django_filters.ChoiceFilter(choices=Origin.choices, label=_("Asal"))
    province = django_filters.CharFilter(method="in_province", label=_("Kode provinsi"))
    regency = django_filters.CharFilter(field_name="regency_id", label=_("Kode kab/kota"))
    overdue = django_filters.BooleanFilter(field_name="is_overdue", label=_("Lewat waktu"))
    conflict = django_filters.BooleanFilter(
        field_name="conflict_of_interest", label=_("Konflik kepentingan")
    )

    class Meta:
        model = Case
        fields = ["q", "state", "origin", "province", "regency", "overdue", "conflict"]

    def search(self, qs: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        value = value.strip()
        if not value:
            return qs
        match = (
            Q(number__icontains=value)
            | Q(summary__icontains=value)
            | Q(subjects__name__icontains=value)
            | Q(subjects__nip=value)
        )
        return qs.filter(pk__in=Case.objects.filter(match).values("pk"))

    def in_province(self, qs: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return qs.filter(Q(province_id=value) | Q(incident_province_id=value)) if value else qs


# What awaits each role: the states in which that role makes the next move.
INBOX_STATES: dict[str, tuple[str, ...]] = {
    Role.INTAKE_OFFICER: (State.RECEIVED, State.PRELIMINARY_REVIEW, State.NEEDS_COMPLETION),
    Role.INVESTIGATOR: (State.REGISTERED, State.EXAMINATION),
    Role.COMMISSIONER: (State.EXAMINATION, State.PROVEN),
    Role.AUTHORITY_VERIFIER: (
        State.RECOMMENDED_TO_AUTHORITY,
        State.AUTHORITY_VERIFICATION,
        State.EXECUTED,
    ),
    Role.PPK_OFFICER: (State.RECOMMENDED_TO_PPK, State.PPK_DECIDED),
}


def inbox(user: AnyUser) -> QuerySet[Case]:
    """The cases waiting for the user's next move, most urgent first."""
    states: set[str] = set()
    for role in user.role_set if access.is_staff_member(user) else ():
        states.update(INBOX_STATES.get(role, ()))
    qs = case_list(user).filter(state__in=states)
    qs = qs.filter(pk__in=access.writable_by(user, Case).values("pk"))
    return qs.order_by(F("next_due").asc(nulls_last=True), "id")
