"""An administrator adds a news portal's feed in /admin/ and sees it listed with its poll state,
then adds an API source and reads its token once (no network: the feed is not polled here)."""

from __future__ import annotations

import re


def test_administrator_adds_a_feed_and_an_api_source(page, login, screenshot):
    login(page, "admin")
    page.goto("/admin/monitoring/source/add/")
    page.fill("#id_name", "portal-berita")
    page.select_option("#id_kind", "feed")
    page.fill("#id_feed_url", "")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert "Umpan RSS/Atom memerlukan alamat http(s)." in page.content()  # said at the field
    page.fill("#id_feed_url", "https://portal.example/rss")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.url.endswith("/admin/monitoring/source/")
    row = page.locator("#result_list tr", has_text="portal-berita")
    assert "https://portal.example/rss" in row.inner_text()
    screenshot(page, "admin-monitoring-sources")

    page.goto("/admin/monitoring/source/add/")
    page.fill("#id_name", "sistem-lain")
    page.select_option("#id_kind", "api")
    with page.expect_navigation():
        page.click("input[name=_save]")
    message = page.locator(".messagelist").inner_text()
    assert re.search(r"nms_[A-Za-z0-9_\-]{20,}", message), message
    screenshot(page, "admin-monitoring-source-token")
