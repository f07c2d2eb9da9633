"""A monitor takes a batch, marks a post relevant with the keyboard, marks the rest with a
button, and promotes the post to a finding whose case page shows the sealed evidence."""

from __future__ import annotations


def test_monitor_triages_a_batch_and_promotes_an_item(page, login, screenshot):
    login(page, "monitor_oku")
    page.wait_for_url("**/staf/")
    page.goto("/staf/pemantauan/")
    page.get_by_test_id("take-batch").click()
    page.wait_for_url("**/staf/pemantauan/paket/**")
    rows = page.locator("tr.triage-row")
    assert rows.count() > 1
    first = rows.nth(0).get_attribute("data-item")
    screenshot(page, "monitoring-batch")
    rows.nth(0).focus()
    page.keyboard.press("x")
    with page.expect_navigation():
        page.keyboard.press("r")  # relevant, from the keyboard
    assert page.get_by_test_id(f"state-{first}").inner_text() == "Relevan"
    boxes = page.locator("tr.triage-row input[type=checkbox]")
    for i in range(1, min(boxes.count(), 4)):
        boxes.nth(i).check()
    with page.expect_navigation():
        page.get_by_test_id("mark-not_relevant").click()
    page.goto(f"/staf/pemantauan/unggahan/{first}/")
    page.get_by_test_id("promote").click()
    page.wait_for_url("**/staf/perkara/**")
    section = page.get_by_test_id("monitoring-items").inner_text()
    assert "bukti tersegel" in section and f"#{first}" in section
    screenshot(page, "monitoring-promoted-case")


def test_monitor_opens_the_demo_cluster_from_the_clusters_page(page, login, screenshot):
    login(page, "monitor_oku")
    page.wait_for_url("**/staf/")
    page.goto("/staf/pemantauan/")
    page.get_by_role("link", name="Kelompok unggahan mirip").click()
    page.wait_for_url("**/staf/pemantauan/kelompok/")
    rows = page.locator("[data-testid=clusters] tr[data-cluster]")
    assert rows.count() >= 1
    assert int(rows.nth(0).locator("td").nth(0).inner_text()) >= 5  # the demo's copied caption
    screenshot(page, "monitoring-clusters")
    rows.nth(0).locator("a").click()
    page.wait_for_url("**/staf/pemantauan/unggahan/**")
    assert "Teddy Meilwansyah" in page.locator("main").inner_text()
