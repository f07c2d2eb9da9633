"""Bad input answers a clear 4xx naming the field, never a server error (issue 11.7)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["9" * 30, "-1", "0", "1e9", "abc", "99999999"])
def test_a_page_beyond_any_integer_is_a_clear_answer(api_client_for: Any, page: str) -> None:
    answer = api_client_for("bawaslu_oku").get("/api/v1/cases", {"page": page})
    assert answer.status_code in (200, 400, 422), answer.content
    if answer.status_code != 200:
        assert "page" in json.dumps(answer.json())


@pytest.mark.parametrize("text", ["harga 5¹ juta", "beli ²³ suara", "Rp 5٫000", "١٢٣ juta"])
def test_superscript_digits_do_not_break_the_self_check(anon: Client, text: str) -> None:
    api = anon.post(
        "/api/v1/detect", data=json.dumps({"text": text}), content_type="application/json"
    )
    assert api.status_code == 200, api.content
    page = anon.post("/cek/", {"text": text})
    assert page.status_code == 200


def test_deeply_nested_json_is_a_400(anon: Client) -> None:
    body = "[" * 200_000 + "]" * 200_000
    answer = anon.post(
        "/api/v1/reports",
        data=body,
        content_type="application/json",
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert answer.status_code == 400, answer.content[:300]
    assert answer.json()["detail"]


def test_deeply_nested_json_in_a_multipart_report_is_a_400(anon: Client) -> None:
    answer = anon.post(
        "/api/v1/reports", {"report": "[" * 50_000}, headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "body"


def test_deeply_nested_json_on_detect_is_refused(anon: Client) -> None:
    answer = anon.post(
        "/api/v1/detect", data="[" * 9_000 + "]" * 9_000, content_type="application/json"
    )
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "body"


def test_brackets_inside_strings_do_not_count() -> None:
    from netral.api import bodies

    assert bodies.loads('{"text": "' + "[" * 100 + '"}') == {"text": "[" * 100}
