"""Headers and caching (issue 11.10): scripts only from the site's own static files, no copy of
a signed-in page in a cache, HSTS once the site runs on TLS, and API docs without a CDN."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# A <script> element with a body (a JSON data block is data, never run) or an on…= handler.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>\s*\S", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def _policy(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_every_page_forbids_inline_and_foreign_script(anon: Client) -> None:
    for url in ("/", reverse("intake:form"), "/cek/", "/api/v1/docs"):
        policy = _policy(anon.get(url))
        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


def test_no_template_carries_inline_script_or_handlers() -> None:
    """The policy would silently break such a page: the template itself is refused here."""
    offenders = []
    for template in sorted((ROOT / "netral").rglob("templates/**/*.html")):
        if template.name.endswith("_pdf.html"):  # rendered by WeasyPrint, never by a browser
            continue
        text = template.read_text(encoding="utf-8")
        if INLINE_SCRIPT.search(text) or HANDLER.search(text):
            offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


def test_signed_in_pages_and_exports_are_never_stored(client_for: Any, anon: Client) -> None:
    staff = client_for("bawaslu_oku")
    for url in (reverse("cases:register"), reverse("cases:export")):
        response = staff.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "no-store" not in anon.get("/").get("Cache-Control", "")  # public pages may be cached


def test_api_answers_to_a_token_are_never_stored(api_client_for: Any) -> None:
    response = api_client_for("bawaslu_oku").get("/api/v1/cases")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_the_api_docs_load_swagger_from_this_site(anon: Client) -> None:
    page = anon.get("/api/v1/docs").content.decode()
    assert "cdn.jsdelivr.net" not in page and "/static/ninja/swagger-ui-bundle.js" in page
    assert anon.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize(("secure", "expected"), [("1", 365 * 24 * 3600), ("0", 0)])
def test_hsts_is_sent_once_cookies_are_secure(secure: str, expected: int) -> None:
    code = "import netral.settings as s; print(s.SECURE_HSTS_SECONDS)"
    env = {"NETRAL_SECURE_COOKIES": secure, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert int(done.stdout.strip()) == expected
