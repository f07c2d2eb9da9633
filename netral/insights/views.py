"""Staff pages: the dashboard, the PPK league and the cases behind any figure.

Every page reads the summary tables through `filters` (scoped by netral.access); the list
behind a figure is the case register's own list (`case_list`), so a user opens only the cases
the case rules let them open.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from netral.cases.queries import case_list
from netral.insights import filters, league
from netral.insights.cache import kept_dashboard, kept_league
from netral.insights.models import RefreshState
from netral.insights.refresh import CASES
from netral.web.views import staff_required, staff_user

LEAGUE_PAGE = 50


def _common(request: HttpRequest) -> tuple[filters.Filters, dict[str, Any]]:
    user = staff_user(request)
    chosen, form = filters.parse(user, request.GET)
    state = RefreshState.objects.filter(pk=CASES).values("last_run_at").first()
    return chosen, {
        "filters": chosen,
        "form": form,
        "user": user,
        "refreshed_at": state["last_run_at"] if state else None,
        "today": timezone.localdate(),
    }


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    chosen, ctx = _common(request)
    user = ctx["user"]
    rows = kept_league(user, chosen)
    ctx.update(
        board=kept_dashboard(user, chosen),
        league=rows[:10],
        league_total=len(rows),
        league_rate=league.overall_rate(rows),
        reference=league.NATIONAL_RATE_2020,
    )
    return render(request, "insights/dashboard.html", ctx)


@staff_required
def league_page(request: HttpRequest) -> HttpResponse:
    chosen, ctx = _common(request)
    sort = request.GET.get("sort", "overdue")
    user = ctx["user"]
    rows = kept_league(user, chosen, sort)
    # Sorted over every PPK, shown a page at a time (the export holds them all).
    page = Paginator(rows, LEAGUE_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx.update(
        league=page.object_list,
        page=page,
        sort=sort,
        query=query.urlencode(),
        league_rate=league.overall_rate(rows),
        reference=league.NATIONAL_RATE_2020,
        sorts=list(league.SORTS),
    )
    return render(request, "insights/league.html", ctx)


@staff_required
def cases_behind(request: HttpRequest) -> HttpResponse:
    chosen, ctx = _common(request)
    facts = filters.selected_facts(ctx["user"], chosen)
    in_figure = facts.count()
    cases = case_list(ctx["user"]).filter(pk__in=facts.values("pk"))
    # The register's rows show the reported and proven items too (cases.views.ROW_PREFETCH).
    page = Paginator(
        cases.prefetch_related("subjects__proven_violations", "violations").order_by(
            "-created_at", "-id"
        ),
        50,
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx.update(
        page=page,
        in_figure=in_figure,
        hidden=in_figure - page.paginator.count,
        query=query.urlencode(),
    )
    return render(request, "insights/cases.html", ctx)
