"""The API description says what clients must send and what they may get back."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from ninja import Schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def described(anon: Client) -> dict[str, Any]:
    response = anon.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def test_the_document_has_no_duplicated_key(anon: Client) -> None:
    """Swagger UI (/api/v1/docs) refuses a document with a key twice ("duplicated mapping key"),
    which json.loads silently accepts: an endpoint's int 413 beside the added "413" did that."""
    doubled: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _v in items]
        doubled.extend(k for k in set(keys) if keys.count(k) > 1)
        return dict(items)

    json.loads(anon.get("/api/v1/openapi.json").content, object_pairs_hook=pairs)
    assert doubled == []


def test_every_reference_resolves(described: dict[str, Any]) -> None:
    components = described["components"]["schemas"]
    refs = set(_refs(described))
    assert "#/components/schemas/ReportIn" in refs
    assert all(r.startswith("#/components/schemas/") for r in refs), refs
    assert {r.rsplit("/", 1)[1] for r in refs} <= set(components)


def test_headers_clients_must_send_are_described(described: dict[str, Any]) -> None:
    paths = described["paths"]
    submit = paths["/api/v1/reports"]["post"]
    key = next(p for p in submit["parameters"] if p["name"] == "Idempotency-Key")
    assert key["in"] == "header" and key["required"] is True
    for path, method in [
        ("/api/v1/reports/status", "get"),
        ("/api/v1/reports/messages", "post"),
        ("/api/v1/reports/evidence", "post"),
    ]:
        names = {p["name"] for p in paths[path][method]["parameters"]}
        assert "X-Netral-Receipt" in names
    assert "multipart/form-data" in submit["requestBody"]["content"]
    assert "Retry-After" in submit["responses"]["429"]["headers"]


def test_every_error_answer_has_the_one_error_shape(described: dict[str, Any]) -> None:
    statuses: set[str] = set()
    for operations in described["paths"].values():
        for operation in operations.values():
            for status, answer in operation["responses"].items():
                if int(status) >= 400:
                    statuses.add(status)
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Error"}
    assert {"400", "401", "403", "404", "409", "413", "422", "429"} <= statuses
    assert described["components"]["schemas"]["Error"]["required"] == ["detail", "errors"]


def test_a_post_to_an_unknown_api_path_answers_json_not_a_csrf_page() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/no-such-thing", data="{}", content_type="application/json")
    assert response.status_code == 404
    assert response.json() == {"detail": "not found", "errors": []}


def test_no_two_api_schemas_share_a_name() -> None:
    """The description names schemas by class name: two with one name would describe one
    endpoint's answer with the other's fields (the catalogue and the self-check both had a
    ViolationOut)."""
    import netral.api.urls  # noqa: F401  (imports every area's API)

    def walk(cls: type) -> list[type]:
        found: list[type] = [cls]
        subclasses: list[type] = type.__subclasses__(cls)
        for sub in subclasses:
            found += walk(sub)
        return found

    names: dict[str, str] = {}
    for cls in walk(Schema):
        if cls.__module__.startswith("netral."):
            where = f"{cls.__module__}.{cls.__qualname__}"
            assert names.setdefault(cls.__name__, where) == where, (names[cls.__name__], where)


def test_dates_and_switches_take_json_types(anon: Client) -> None:
    response = anon.post(
        "/api/v1/detect",
        data=json.dumps({"text": "x", "posted_at": 0}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "posted_at"


def test_a_case_transition_describes_every_field_a_move_takes(described: dict[str, Any]) -> None:
    """Clients learn from the description what each move needs; a field no move takes is
    refused, not silently dropped."""
    body = described["paths"]["/api/v1/cases/{case_id}/transitions"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    schema = described["components"]["schemas"][ref]
    from netral.cases.transitions import MOVES

    move_fields = {f for m in MOVES for f in m.fields}
    assert {"to", "version", "date", "ppk_due", *move_fields} <= set(schema["properties"])
    assert schema["required"] == ["to", "version"]
    assert schema.get("additionalProperties") is False


def test_a_transition_with_an_unknown_field_is_refused_by_name(
    api_client_for: Callable[[str], Client],
) -> None:
    from tests.cases.helpers import open_oku_case

    case = open_oku_case()
    answer = api_client_for("bawaslu_oku").post(
        f"/api/v1/cases/{case.pk}/transitions",
        {"to": "preliminary_review", "version": case.version, "outcome": "proven"},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["outcome"]
