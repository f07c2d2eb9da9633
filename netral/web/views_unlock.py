"""The link mailed to an account's owner when its logins are locked (netral.accounts.lockout).

Opening the link only shows a button: mail scanners fetch links, and an unlock is a change.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from netral.accounts import lockout
from netral.accounts.services import login_unlock


@never_cache
def unlock(request: HttpRequest, token: str) -> HttpResponse:
    username = lockout.username_for_token(token)
    user = (
        get_user_model().objects.filter(username=username, is_active=True).first()
        if username
        else None
    )
    if user is None:
        return render(request, "web/unlock.html", {"invalid": True}, status=400)
    if request.method != "POST":
        return render(request, "web/unlock.html", {"username": username})
    login_unlock(user=user)
    messages.success(request, _("Kunci akun dibuka. Silakan masuk."))
    response = HttpResponseRedirect(reverse("web:login"))
    response.set_signed_cookie(
        lockout.TRUST_COOKIE,
        user.get_username(),
        salt=lockout.TRUST_SALT,
        max_age=lockout.TRUST_DAYS * 86400,
        httponly=True,
        secure=request.is_secure(),
        samesite="Lax",
    )
    return response
