"""Public home, staff home, and the staff's read views of institutions and the audit trail."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from netral import access
from netral.accounts.models import Institution, User
from netral.accounts.roles import ROLE_DESCRIPTIONS, Role
from netral.audit.labels import action_label
from netral.audit.models import AuditEntry
from netral.audit.policies import reads_trail
from netral.web.forms import LoginForm


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


V = TypeVar("V", bound=Callable[..., HttpResponseBase])


def staff_required(view: V) -> V:
    """Logged-in staff only; anyone else is sent to the login page (or gets 404 if logged in
    without an institution, like every other forbidden thing)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not access.is_staff_member(request.user):
            raise Http404("not found")
        return view(request, *args, **kwargs)

    return cast(V, login_required(wrapped))


def staff_user(request: HttpRequest) -> User:
    """The request's user, typed, for views already behind @staff_required."""
    return cast(User, request.user)


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    roles = [
        {"code": code, "label": Role(code).label, "description": ROLE_DESCRIPTIONS[code]}
        for code in sorted(user.role_set)
    ]
    return render(request, "web/staff_home.html", {"roles": roles})


@staff_required
def institution_list(request: HttpRequest) -> HttpResponse:
    institutions = access.visible_to(request.user, Institution).select_related(
        "province", "regency"
    )
    page = Paginator(institutions, 50).get_page(request.GET.get("page"))
    return render(request, "web/institution_list.html", {"page": page})


@staff_required
def institution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    institution = access.get_for_user(request.user, Institution, pk)
    staff = access.visible_to(request.user, institution.staff.all()).prefetch_related("roles")
    return render(
        request, "web/institution_detail.html", {"institution": institution, "staff": staff}
    )


@staff_required
def audit_log(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not reads_trail(user):
        raise Http404("not found")
    entries = access.visible_to(user, AuditEntry).order_by("-seq")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.label = action_label(entry.action)  # type: ignore[attr-defined]
    return render(request, "web/audit_log.html", {"page": page})
