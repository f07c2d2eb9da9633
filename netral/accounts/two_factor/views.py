"""The second-factor pages: the code after the password, enrolment, and the user's own security
page (new backup codes, turning it off: both ask the password again)."""

from __future__ import annotations

import math
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from netral import access
from netral.accounts.models import User
from netral.accounts.two_factor import services
from netral.accounts.two_factor.services import Throttled


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    return {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}


def _throttled(request: HttpRequest, template: str, exc: Throttled, **context: Any) -> HttpResponse:
    minutes = max(1, math.ceil(exc.retry_after / 60))
    context["throttled"] = _(
        "Terlalu banyak percobaan yang salah. Demi keamanan akun, coba lagi dalam %(minutes)s "
        "menit."
    ) % {"minutes": minutes}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@never_cache
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The code after the password (from the app, or a backup code)."""
    user = cast(User, request.user)
    if not services.is_enrolled(user) or services.session_verified(request):
        return HttpResponseRedirect(_next(request))
    template, context = "accounts/two_factor_verify.html", {"next": _next(request)}
    if request.method == "POST":
        try:
            services.two_factor_verify(
                request=request, user=user, code=request.POST.get("code", "")
            )
        except Throttled as exc:
            return _throttled(request, template, exc, **context)
        except ValidationError as exc:
            return render(request, template, {**context, "errors": _errors(exc)})
        return HttpResponseRedirect(_next(request))
    return render(request, template, context)


def _codes_page(request: HttpRequest, codes: list[str]) -> HttpResponse:
    # Shown once; every view that calls this is never_cache (no-store): no browser keeps them.
    return render(request, "accounts/two_factor_codes.html", {"codes": codes})


@never_cache
@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up the app: a QR code and the secret in text; the first code confirms it."""
    user = cast(User, request.user)
    if services.is_enrolled(user):
        return HttpResponseRedirect(reverse("accounts:security"))
    device = services.totp_pending(user)
    context: dict[str, Any] = {
        "qr": services.qr_svg(device),
        "secret": services.secret_text(device),
        "required": access.requires_two_factor(user),
        "next": _next(request),
    }
    template = "accounts/two_factor_enrol.html"
    if request.method == "POST":
        try:
            codes = services.two_factor_enable(
                request=request, user=user, code=request.POST.get("code", "")
            )
        except Throttled as exc:
            return _throttled(request, template, exc, **context)
        except ValidationError as exc:
            return render(request, template, {**context, "errors": _errors(exc)})
        return _codes_page(request, codes)
    return render(request, template, context)


def _security_context(user: User, **extra: Any) -> dict[str, Any]:
    return {
        "enrolled": services.is_enrolled(user),
        "required": access.requires_two_factor(user),
        "codes_left": services.backup_codes_left(user),
        **extra,
    }


@never_cache
@login_required
def security(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    return render(request, "accounts/two_factor_security.html", _security_context(user))


def _password_refused(request: HttpRequest, action: str, exc: Exception) -> HttpResponse:
    user = cast(User, request.user)
    template = "accounts/two_factor_security.html"
    if isinstance(exc, Throttled):
        return _throttled(request, template, exc, **_security_context(user))
    errors = _errors(cast(ValidationError, exc))
    return render(request, template, _security_context(user, errors=errors, action=action))


@never_cache
@require_POST
@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """New backup codes, shown once, after the password is given again."""
    user = cast(User, request.user)
    if not services.is_enrolled(user):
        return HttpResponseRedirect(reverse("accounts:security"))
    try:
        codes = services.backup_codes_regenerate(
            user=user, password=request.POST.get("password", "")
        )
    except (Throttled, ValidationError) as exc:
        return _password_refused(request, "codes", exc)
    return _codes_page(request, codes)


@never_cache
@require_POST
@login_required
def disable(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    try:
        services.two_factor_disable(
            request=request, user=user, password=request.POST.get("password", "")
        )
    except (Throttled, ValidationError) as exc:
        return _password_refused(request, "disable", exc)
    if access.requires_two_factor(user):
        messages.info(
            request, _("Verifikasi dua langkah wajib untuk peran Anda: daftarkan ponsel baru.")
        )
        return HttpResponseRedirect(reverse("accounts:two-factor-enrol"))
    messages.info(request, _("Verifikasi dua langkah dimatikan."))
    return HttpResponseRedirect(reverse("accounts:security"))
