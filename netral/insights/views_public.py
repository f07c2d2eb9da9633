"""The public transparency page /transparansi/ and its CSV: no login, aggregates only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from netral.exports import csv_write
from netral.insights import public
from netral.insights.maps import render as draw


def _context() -> dict[str, object]:
    snap = public.latest()
    if snap is None:
        return {"data": None}
    data = snap.data
    counts = {p["code"]: p["n"] for p in data["provinces"]}
    # The map colours by class; a province with 1–4 cases is drawn like "< 5", never exactly.
    values: dict[str, float | None] = {
        c: (float(public.SMALL - 1) if 0 < n < public.SMALL else float(n))
        for c, n in counts.items()
    }
    legend = draw.legend_for([v for v in values.values() if v is not None])
    labels = public.stage_labels()
    return {
        "data": data,
        "created_at": parse_datetime(data["created_at"]),
        "total": public.shown(data["total"]),
        "provinces": [{**p, "shown": public.shown(p["n"])} for p in data["provinces"]],
        "stages": [
            {**s, "label": labels[s["key"]], "shown": public.shown(s["n"])} for s in data["stages"]
        ],
        "categories": [{**c, "shown": public.shown(c["n"])} for c in data["categories"]],
        "agencies": [
            {**a, "shown": public.shown(a["n"]), "rate": public.rate(a)} for a in data["agencies"]
        ],
        "svg": draw.svg(
            shapes=draw.geometry("provinces"),
            values=values,
            legend=legend,
            link=lambda code: f"#prov-{code}",
            title="Perkara per provinsi",
        ),
        "legend": draw.legend_svg(legend, no_data="—"),
        "small": public.SMALL,
    }


def public_page(request: HttpRequest) -> HttpResponse:
    response = render(request, "insights/public.html", _context())
    response["Cache-Control"] = "public, max-age=300"
    return response


def public_csv(request: HttpRequest) -> HttpResponse:
    snap = public.latest()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="netral-transparansi-{stamp}.csv"'
    csv_write(response, public.csv_rows(snap.data) if snap else [])
    return response
