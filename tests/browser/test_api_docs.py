"""The API's docs page renders in a browser from the site's own files, under the CSP."""

from __future__ import annotations


def test_the_api_docs_render_every_operation(page, screenshot):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/api/v1/docs")
    page.locator(".opblock").first.wait_for(timeout=30_000)
    assert page.locator(".opblock").count() > 20
    assert page.locator(".errors-wrapper").count() == 0  # e.g. a key twice in the document
    assert errors == []  # nothing refused by the Content-Security-Policy, nothing missing
    screenshot(page, "api-docs")
