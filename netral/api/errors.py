"""One error shape for the whole API:

    {"detail": "what went wrong", "errors": [{"field": "province", "message": "…"}]}

`errors` names each offending field (query parameter, path parameter or body field).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError


class ApiError(Exception):
    """Raised by endpoints for a refusal that is not a validation error."""

    def __init__(
        self, status: int, detail: str, errors: list[dict[str, str]] | None = None, **extra: Any
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors, self.extra = status, detail, errors or [], extra


def _field_name(loc: list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body" and len(parts) > 2:
        return ".".join(parts[2:])  # ["body", "payload", "name"] → "name"
    return ".".join(parts[1:]) if len(parts) > 1 else ".".join(parts)


def error_body(
    detail: str, errors: list[dict[str, str]] | None = None, **extra: Any
) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or [], **extra}


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"field": _field_name(list(e.get("loc", []))), "message": str(e.get("msg", ""))}
            for e in exc.errors
        ]
        fields = ", ".join(sorted({e["field"] for e in errors})) or "request"
        return api.create_response(
            request, error_body(f"invalid input: {fields}", errors), status=422
        )

    @api.exception_handler(ApiError)
    def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        response = api.create_response(
            request, error_body(exc.detail, exc.errors, **exc.extra), status=exc.status
        )
        if exc.status == 429 and exc.extra.get("retry_after"):
            response["Retry-After"] = str(max(1, int(exc.extra["retry_after"])))
        return response

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body("not found"), status=404)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request,
            error_body("authentication required: send Authorization: Bearer TOKEN"),
            status=401,
        )

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, error_body(str(exc)), status=exc.status_code)


@csrf_exempt  # a POST to an unknown path is a 404 in the API's shape, not a CSRF page
def not_found_view(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any /api/ path no endpoint matches (e.g. /api/v1/cases/-1) answers the API's error
    shape, not the site's HTML 404 page."""
    from django.http import JsonResponse

    return JsonResponse(error_body("not found"), status=404)
