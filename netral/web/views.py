"""Public home, staff home, and the staff's read views of institutions and the audit trail."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from netral import access
from netral.accounts.models import Institution
from netral.accounts.roles import ROLE_DESCRIPTIONS, Role
from netral.audit.models import AuditEntry
from netral.web.forms import LoginForm


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def staff_required(view):  # type: ignore[no-untyped-def]
    """Logged-in staff only; anyone else is sent to the login page (or gets 404 if logged in
    without an institution, like every other forbidden thing)."""

    @login_required
    def wrapped(request: HttpRequest, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not access.is_staff_member(request.user):
            raise Http404("not found")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = [
        {"code": code, "label": Role(code).label, "description": ROLE_DESCRIPTIONS[code]}
        for code in sorted(user.role_set)  # type: ignore[union-attr]
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
    entries = access.visible_to(request.user, AuditEntry).order_by("-seq")
    if not access.is_staff_member(request.user) or not (
        request.user.is_superuser  # type: ignore[union-attr]
        or request.user.has_role(Role.ADMINISTRATOR, Role.SUPERVISOR)  # type: ignore[union-attr]
    ):
        raise Http404("not found")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "web/audit_log.html", {"page": page})
