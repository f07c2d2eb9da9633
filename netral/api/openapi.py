"""The API description, completed in one place: every error answer with the one error shape,
the headers endpoints read by hand (Idempotency-Key, X-Netral-Receipt, Retry-After), request
bodies that endpoints parse themselves (the report, evidence uploads), and no reference that
does not resolve. django-ninja describes what it validates; this adds what it cannot see.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "description": "The one error shape of the whole API.",
    "type": "object",
    "required": ["detail", "errors"],
    "properties": {
        "detail": {"type": "string", "description": "what went wrong, in one sentence"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
            "description": "each offending field (query, path, header or body)",
        },
        "retry_after": {"type": "integer", "description": "seconds to wait (429 only)"},
    },
}

WHY = {
    400: "The request cannot be read (not JSON; a receipt in the URL).",
    401: "Not authenticated: send `Authorization: Bearer TOKEN` (staff) or the receipt in "
    "`X-Netral-Receipt` (reporters).",
    403: "Authenticated, but this role may not do this to an object it can see.",
    404: "Not found, or not visible to you (both answer 404).",
    409: "Conflicts with the current state (a used Idempotency-Key, a case already moved).",
    413: "The upload is too large.",
    422: "Invalid input; `errors` names each field.",
    429: "Too many requests from this client; wait `Retry-After` seconds.",
    507: "The file store cannot take the upload now (disk full); nothing was saved.",
}

IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": True,
    "description": "A unique key per report (e.g. a UUID), 1–200 characters. A retry with the "
    "same key and body answers the same report (200, `replayed: true`) instead of "
    "filing it twice; the same key with a different body answers 409.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200},
}
RECEIPT = {
    "name": "X-Netral-Receipt",
    "in": "header",
    "required": True,
    "description": "The receipt code shown when the report was submitted (never put it in the "
    "URL).",
    "schema": {"type": "string", "minLength": 1, "maxLength": 64},
}
RETRY_AFTER = {
    "Retry-After": {"description": "seconds until the limit lifts", "schema": {"type": "integer"}}
}

# Answers beyond the defaults below, by (method, path after /api/v1).
EXTRA_ERRORS: dict[tuple[str, str], set[int]] = {
    ("post", "/reports"): {400, 409, 413, 429, 507},
    ("get", "/reports/status"): {400, 401, 429},
    ("post", "/reports/messages"): {400, 401, 429},
    ("post", "/reports/evidence"): {400, 401, 413, 429, 507},
    ("post", "/cases/{case_id}/transitions"): {409},
    ("post", "/cases/{case_id}/documents"): {409, 413},
    ("post", "/detect"): {413, 429},
    ("post", "/prevention/events/{event_id}/attendance"): {413},
}
HEADERS: dict[tuple[str, str], list[dict[str, Any]]] = {
    ("post", "/reports"): [IDEMPOTENCY_KEY],
    ("get", "/reports/status"): [RECEIPT],
    ("post", "/reports/messages"): [RECEIPT],
    ("post", "/reports/evidence"): [RECEIPT],
}


def _error_response(status: int) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": WHY[status],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if status == 429:
        answer["headers"] = RETRY_AFTER
    return answer


def _errors_for(method: str, path: str, operation: dict[str, Any]) -> set[int]:
    statuses = {404, 422}
    if operation.get("security"):
        statuses |= {401, 403}
    if method == "post":
        statuses.add(400)
    return statuses | EXTRA_ERRORS.get((method, path), set())


def _report_body(components: dict[str, Any]) -> dict[str, Any]:
    """POST /reports parses its body itself (JSON, or multipart with evidence files)."""
    from netral.intake.schemas import ReportIn

    schema = ReportIn.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(schema.pop("$defs", {}))
    components["ReportIn"] = schema
    multipart = {
        "type": "object",
        "required": ["report"],
        "properties": {
            "report": {"type": "string", "description": "the ReportIn object as JSON text"},
            "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
        },
    }
    return {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/ReportIn"}},
            "multipart/form-data": {"schema": multipart},
        },
    }


EVIDENCE_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    "links": {"type": "array", "items": {"type": "string", "maxLength": 1000}},
                },
            }
        }
    },
}


def complete(schema: dict[str, Any], prefix: str) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    for full_path, operations in schema.get("paths", {}).items():
        path = full_path.removeprefix(prefix.rstrip("/"))
        for method, operation in operations.items():
            key = (method, path)
            # Keys as JSON has them: an endpoint's own `response={413: ...}` comes as an int, and
            # 413 beside "413" is a duplicated key that Swagger UI refuses to parse.
            responses = {str(k): v for k, v in operation.get("responses", {}).items()}
            operation["responses"] = responses
            for status in sorted(_errors_for(method, path, operation)):
                responses[str(status)] = _error_response(status)
            present = {p["name"] for p in operation.get("parameters", [])}
            operation.setdefault("parameters", []).extend(
                header for header in HEADERS.get(key, []) if header["name"] not in present
            )
            if key == ("post", "/reports"):
                operation["requestBody"] = _report_body(components)
            if key == ("post", "/reports/evidence"):
                operation["requestBody"] = EVIDENCE_BODY
    return schema


class NetralAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return complete(schema, path_prefix)
