"""The dashboard's filters (election, region, agency, period) and the selections behind each
figure (a state, a funnel step, a catalogue item, a week, a PPK), as one query-string form.

Every page, export, report and API call builds its fact queryset here, always starting from
what `netral.access` lets the user see: a filter can narrow the user's jurisdiction, never
widen it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from netral import access
from netral.access import AnyUser
from netral.accounts.models import PPK_KINDS, Institution
from netral.elections.models import Election
from netral.insights.facts import STATE_FIELD
from netral.insights.models import (
    CaseFact,
    MeasureTotal,
    MeasureValue,
    SubjectFact,
    ViolationFact,
)
from netral.regions.models import Province, Regency

# Figure selections (the list behind a figure): name → how it narrows the facts.
SELECTIONS = (
    "state",
    "origin",
    "reached",
    "violation",
    "social",
    "week",
    "ppk",
    "overdue",
    "sanctioned",
)


def elections_for(user: AnyUser) -> QuerySet[Election]:
    """Elections whose area meets the user's jurisdiction: national ones, and those of the
    user's province or kab/kota (a province also sees its kab/kota's elections)."""
    qs = access.visible_to(user, Election).order_by("-voting_day", "name")
    inst = getattr(user, "institution", None)
    if inst is None or inst.province_id is None:
        return qs
    qs = qs.filter(Q(province=None) | Q(province_id=inst.province_id))
    if inst.regency_id is not None:
        qs = qs.filter(Q(regency=None) | Q(regency_id=inst.regency_id))
    return qs


class ListSelect(forms.Select):
    template_name = "insights/widgets/select.html"


class FilterForm(forms.Form):
    election = forms.ModelChoiceField(
        queryset=Election.objects.none(),
        required=False,
        label=_("Pemilihan"),
        widget=ListSelect,
        empty_label=_("Semua pemilihan"),
    )
    province = forms.ModelChoiceField(
        queryset=Province.objects.none(),
        required=False,
        label=_("Provinsi"),
        widget=ListSelect,
        empty_label=_("Semua provinsi"),
    )
    regency = forms.ModelChoiceField(
        queryset=Regency.objects.none(),
        required=False,
        label=_("Kabupaten/kota"),
        widget=ListSelect,
        empty_label=_("Semua"),
    )
    agency = forms.ModelChoiceField(
        queryset=Institution.objects.none(),
        required=False,
        label=_("Instansi PPK"),
        widget=ListSelect,
        empty_label=_("Semua instansi"),
    )
    start = forms.DateField(
        required=False, label=_("Sejak"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        required=False, label=_("Sampai"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Regions and agencies only inside the user's jurisdiction (the rule the facts follow),
        # and kab/kota and agencies only of one province: a national list of 514 kab/kota and
        # every PPK would make the page slow to draw and the list useless to scroll.
        province = self._province(user)
        regencies = Regency.objects.filter(
            access.jurisdiction_q(user, province="province_id", regency="code")
        )
        agencies = access.visible_to(user, Institution).filter(kind__in=PPK_KINDS)
        choices: dict[str, QuerySet[Any]] = {
            "election": elections_for(user),
            "province": Province.objects.filter(
                access.jurisdiction_q(user, province="code", regency="regencies__code")
            ).distinct(),
            "regency": regencies.filter(province_id=province) if province else regencies.none(),
            "agency": agencies.filter(province_id=province)
            if province
            else agencies.filter(regency=None),
        }
        for name, qs in choices.items():
            cast(forms.ModelChoiceField, self.fields[name]).queryset = qs
        if not province:
            self.fields["regency"].help_text = _("Pilih provinsi dulu.")

    def _province(self, user: AnyUser) -> str:
        """The province whose kab/kota and agencies the lists offer: the one asked for (or the
        one of the kab/kota asked for), else the user's own."""
        asked = str(self.data.get("province") or "") or str(self.data.get("regency") or "")[:2]
        if asked.isdigit() and len(asked) == 2:
            return asked
        inst = getattr(user, "institution", None)
        return str(inst.province_id) if inst is not None and inst.province_id else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Tanggal akhir sebelum tanggal awal."))
        return data


@dataclass
class Filters:
    election: Election | None = None
    province: Province | None = None
    regency: Regency | None = None
    agency: Institution | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    selection: dict[str, str] = field(default_factory=dict)

    def query(self, **selection: Any) -> str:
        """The query string of these filters plus a figure's selection (for its link)."""
        base = self.__dict__.get("_base")
        if base is None:
            q = QueryDict(mutable=True)
            for name in ("election", "province", "regency", "agency"):
                value = getattr(self, name)
                if value is not None:
                    q[name] = str(value.pk)
            for name in ("start", "end"):
                value = getattr(self, name)
                if value is not None:
                    q[name] = value.isoformat()
            base = self.__dict__["_base"] = q.urlencode()
        extra = urlencode({k: v for k, v in selection.items() if v not in (None, "")})
        return "&".join(part for part in (base, extra) if part)


def parse(user: AnyUser, params: QueryDict | dict[str, Any]) -> tuple[Filters, FilterForm]:
    """Filters from a query string. Invalid values are reported on the form and ignored."""
    form = FilterForm(params or None, user=user)
    filters = Filters()
    if form.is_bound:
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        for name in ("election", "province", "regency", "agency", "start", "end"):
            if name not in form.errors:
                setattr(filters, name, data.get(name))
    filters.selection = {k: str(params.get(k)) for k in SELECTIONS if params.get(k)}
    return filters, form


def _narrow(qs: QuerySet[Any], filters: Filters, day: str | None) -> QuerySet[Any]:
    """The filters every summary shares: election, region, and the period on `day`."""
    if filters.election is not None:
        qs = qs.filter(election=filters.election)
    if filters.regency is not None:
        qs = qs.filter(regency=filters.regency)
    elif filters.province is not None:
        qs = qs.filter(province=filters.province)
    if day and filters.start is not None:
        qs = qs.filter(**{f"{day}__gte": filters.start})
    if day and filters.end is not None:
        qs = qs.filter(**{f"{day}__lte": filters.end})
    return qs


def scoped_facts(user: AnyUser, filters: Filters) -> QuerySet[CaseFact]:
    qs = _narrow(access.visible_to(user, CaseFact), filters, "received_on")
    if filters.agency is not None:
        a = filters.agency.pk
        qs = qs.filter(
            Exists(
                SubjectFact.objects.filter(fact=OuterRef("pk")).filter(
                    Q(agency_id=a) | Q(decision_institution_id=a)
                )
            )
        )
    return qs


def scoped_parts(
    user: AnyUser, filters: Filters, model: type[SubjectFact] | type[ViolationFact]
) -> QuerySet[Any]:
    """The subject or violation rows of the cases under the filters: by the election, region
    and day they copy from their case, or, with an agency chosen, by their case."""
    if filters.agency is not None:
        return access.visible_to(user, model).filter(
            fact__in=scoped_facts(user, filters).values("pk")
        )
    return _narrow(access.visible_to(user, model), filters, "received_on")


def selected_facts(
    user: AnyUser, filters: Filters, today: dt.date | None = None
) -> QuerySet[CaseFact]:
    """The facts behind one figure: the filters plus the figure's selection."""
    qs = scoped_facts(user, filters)
    sel = filters.selection
    today = today or timezone.localdate()
    if "state" in sel:
        qs = qs.filter(state=sel["state"])
    if "origin" in sel:
        qs = qs.filter(origin=sel["origin"])
    if sel.get("reached") in STATE_FIELD:
        qs = qs.filter(**{f"{STATE_FIELD[sel['reached']]}__isnull": False})
    if "violation" in sel:
        qs = qs.filter(
            Exists(ViolationFact.objects.filter(fact=OuterRef("pk"), code=sel["violation"]))
        )
    if sel.get("social") == "1":
        qs = qs.filter(social_media=True)
    if "week" in sel:
        try:
            qs = qs.filter(week=dt.date.fromisoformat(sel["week"]))
        except ValueError:
            qs = qs.none()
    if sel.get("overdue") == "1":
        qs = qs.filter(next_due__lt=today)
    subject_q = _subject_selection(sel, today)
    if subject_q is not None:
        qs = qs.filter(Exists(SubjectFact.objects.filter(subject_q, fact=OuterRef("pk"))))
    return qs


def _subject_selection(sel: dict[str, str], today: dt.date) -> Q | None:
    if "ppk" not in sel and "sanctioned" not in sel:
        return None
    q = Q(recommended=True)
    if sel.get("ppk", "").isdigit():
        q &= Q(decision_institution_id=int(sel["ppk"]))
    if sel.get("sanctioned") == "1":
        q &= Q(sanctioned=True)
    elif sel.get("sanctioned") == "overdue":
        q &= Q(sanctioned=False, ppk_due__lt=today)
    return q


def scoped_measures(
    user: AnyUser, filters: Filters, *, dated: bool = True
) -> QuerySet[MeasureValue] | QuerySet[MeasureTotal]:
    """Other areas' figures under the same filters, as rows with measure, value and n: the
    totals over every day when no period is chosen (or for a stock, dated=False: ASN per region
    ignore the period), else the day buckets of the period. An agency filter does not apply
    (buckets are per region)."""
    if not dated or (filters.start is None and filters.end is None):
        return _narrow(access.visible_to(user, MeasureTotal), filters, None)
    return scoped_buckets(user, filters)


def scoped_buckets(
    user: AnyUser, filters: Filters, *, dated: bool = True
) -> QuerySet[MeasureValue]:
    """The day buckets under the filters (the period on their day unless dated=False)."""
    return _narrow(access.visible_to(user, MeasureValue), filters, "day" if dated else None)
