"""Browser tests: playwright driving Debian's chromium against a live test server.

They run in their own pytest invocation (`-m browser`, see scripts/test) because a live server
needs real transactions, which flush the database after each test; the `live` fixture therefore
reloads the reference and demo data before every test. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# playwright's sync API runs an event loop in this thread; Django's ORM calls in the same test
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("NETRAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_TIMEOUT_MS = 90_000
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _long_jobs_in_threads(settings: Any) -> None:
    """As served without a broker: an import or a large export runs in a thread of the server
    while the page shows its progress (the live server commits for real, so the thread sees the
    rows)."""
    settings.JOBS_LONG_IN_THREAD = True


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium package")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def live(transactional_demo: None, live_server: Any) -> str:
    return str(live_server.url)


@pytest.fixture
def page(browser: Any, live: str) -> Iterator[Any]:
    context = browser.new_context(locale="id-ID", viewport=DESKTOP, base_url=live)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def phone_page(browser: Any, live: str) -> Iterator[Any]:
    context = browser.new_context(
        locale="id-ID",
        viewport=PHONE,
        base_url=live,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    def take(tab: Any, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        # A long page on a loaded machine can take longer than an action's 15 s to render whole;
        # the screenshot is for people to look at, so it gets more time than the assertions.
        tab.screenshot(path=str(path), full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)
        return path

    return take


@pytest.fixture
def login() -> Callable[[Any, str], None]:
    def do(tab: Any, username: str, password: str = "netral-demo") -> None:  # noqa: S107
        tab.goto("/masuk/")
        tab.fill("#id_username", username)
        tab.fill("#id_password", password)
        with tab.expect_navigation():  # a form post always loads a page, right or wrong
            tab.click("button[type=submit]")
        if "/masuk/kode/" in tab.url:
            # The demo persona's published TOTP secret, as a tester's phone would show it.
            from netral.accounts.models import User
            from tests.two_factor import totp_code

            tab.fill("#id_code", totp_code(User.objects.get(username=username)))
            tab.click("form:has(#id_code) button[type=submit]")  # not the header's logout

    return do
