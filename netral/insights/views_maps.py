"""The map (province → kab/kota drill-down, any measure, with a table) and the risk page."""

from __future__ import annotations

import dataclasses
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from netral import access
from netral.access import AnyUser
from netral.accounts.models import User
from netral.insights import filters, risk
from netral.insights.cache import cached
from netral.insights.maps import render as draw
from netral.insights.maps import values as map_values
from netral.insights.policies import may_plan_nationally
from netral.insights.views import _common
from netral.regions.models import Province, Regency
from netral.web.views import staff_required, staff_user


def _focus(user: AnyUser, chosen: filters.Filters) -> Province | None:
    """The province whose kab/kota the map shows: the one chosen, else the user's own when the
    user's jurisdiction is a province or a kab/kota; None for the national map."""
    if chosen.regency is not None:
        return chosen.regency.province
    if chosen.province is not None:
        return chosen.province
    inst = access.institution_of(user)
    return inst.province if inst is not None and inst.province_id else None


def choropleth(user: AnyUser, chosen: filters.Filters, key: str) -> dict[str, Any]:
    """Everything a map needs (also used by the PDF report)."""
    measure = map_values.find(key)
    province = _focus(user, chosen)
    if province is None:
        level, shapes = "province", draw.geometry("provinces")
        show = None
    else:
        level = "regency"
        shapes = {
            c: s
            for c, s in draw.geometry("regencies-fine").items()
            if c.startswith(f"{province.code}.")
        }
        show = set(
            Regency.objects.filter(province=province)
            .filter(access.jurisdiction_q(user, province="province_id", regency="code"))
            .values_list("code", flat=True)
        )
    values = map_values.region_values(user, chosen, measure.key, level)
    if show is not None:
        values = {c: v for c, v in values.items() if c in show}
    if not measure.percent:  # a count nobody reported is a zero, not a gap in the data
        values = {c: values.get(c) or 0 for c in (show if show is not None else shapes)}
    names = {c: s["name"] for c, s in shapes.items()}
    legend = draw.legend_for([v for v in values.values() if v is not None], percent=measure.percent)

    def link(code: str) -> str:
        if level == "province":
            params = dataclasses.replace(chosen, province=Province(code=code))
            return f"{reverse('insights:map')}?{params.query(measure=measure.key)}"
        params = dataclasses.replace(chosen, regency=Regency(code=code))
        return f"{reverse('insights:cases')}?{params.query(**dict(measure.selection))}"

    rows = sorted(
        (
            {"code": c, "name": names.get(c, c), "value": values.get(c), "link": link(c)}
            for c in (show if show is not None else shapes)
        ),
        key=lambda r: r["code"],
    )
    return {
        "measure": measure,
        "level": level,
        "province": province,
        "rows": rows,
        "svg": draw.svg(
            shapes=shapes,
            values=values,
            legend=legend,
            link=link,
            title=str(measure.label),
            show=show,
        ),
        "legend": draw.legend_svg(legend, no_data=_("tidak ada data")),
        "unplaced": sum(v or 0 for c, v in values.items() if c not in shapes),
    }


@staff_required
def map_page(request: HttpRequest) -> HttpResponse:
    chosen, ctx = _common(request)
    user, key = ctx["user"], request.GET.get("measure", "total")
    ctx.update(
        cached("map", user, chosen, lambda: choropleth(user, chosen, key), extra=key),
        measures=map_values.available(),
    )
    return render(request, "insights/map.html", ctx)


class WeightsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = risk.weights()
        for f in risk.FACTORS:
            self.fields[f.key] = forms.DecimalField(
                label=str(f.label),
                min_value=Decimal(0),
                max_value=Decimal(1),
                decimal_places=2,
                initial=current[f.key],
            )


@staff_required
def risk_page(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if request.method == "POST":
        return _save_weights(request, user)
    chosen, ctx = _common(request)
    election = chosen.election
    ctx.update(
        election=election,
        may_edit=may_plan_nationally(user),
        weights_form=WeightsForm(),
        factors=risk.FACTORS,
    )
    if election is not None:
        rows = risk.risk(user, election)
        ctx["rows"] = rows
    return render(request, "insights/risk.html", ctx)


def _save_weights(request: HttpRequest, user: User) -> HttpResponse:
    if not may_plan_nationally(user):
        raise PermissionDenied(_("Hanya perencana nasional yang dapat mengubah bobot."))
    form = WeightsForm(request.POST)
    back = f"{reverse('insights:risk')}?{request.GET.urlencode()}"
    if not form.is_valid():
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else field
            messages.error(request, f"{label}: {' '.join(str(e) for e in errs)}")
        return redirect(back)
    try:
        values = {k: Decimal(v) for k, v in form.cleaned_data.items()}
    except InvalidOperation:  # pragma: no cover - the form already parsed them
        return redirect(back)
    risk.risk_weights_update(actor=user, values=values)
    messages.success(request, _("Bobot faktor risiko disimpan."))
    return redirect(back)
