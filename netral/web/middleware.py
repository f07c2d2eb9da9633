"""No copy of a signed-in page in any cache.

Case pages, reporters' details, registry entries and exports are shown to a signed-in user; a
shared or back-button cache must not keep them (a kiosk at a Bawaslu office, a proxy), nor the
API's answers to a token. Public pages stay cacheable; a view that chose its caching keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class PrivateNoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        # API clients sign each request with a token instead of a session.
        if (signed_in or "HTTP_AUTHORIZATION" in request.META) and (
            "Cache-Control" not in response
        ):
            add_never_cache_headers(response)
        return response
