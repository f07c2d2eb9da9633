"""Nothing but the code page for a session that owes its second factor (/admin/ included).

A user who set up a second factor (required or not) gives a code after the password before any
page opens; a user whose role requires one and who has none is sent to set it up first. The
API is left alone: it never reads the session (tokens; see netral.accounts.tokens).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from netral import access
from netral.accounts.two_factor.services import is_enrolled, session_verified

# Reachable while the factor is owed: leaving, switching language, static files, the API.
_ALWAYS_OPEN = ("/keluar/", "/i18n/", "/static/", "/api/")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        step = self._owed_step(request)
        if step is not None and request.path_info != reverse(step):
            target = reverse(step)
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        return self.get_response(request)

    @staticmethod
    def _owed_step(request: HttpRequest) -> str | None:
        """The page this session must go through first, or None."""
        # No login in the session (a visitor): no query, not even for the user.
        if AUTH_SESSION_KEY not in request.session:
            return None
        if request.path_info.startswith(_ALWAYS_OPEN):
            return None
        user = request.user
        if not user.is_authenticated or session_verified(request):
            return None
        if is_enrolled(user):
            return "accounts:two-factor-verify"
        if access.requires_two_factor(user):
            return "accounts:two-factor-enrol"
        return None
