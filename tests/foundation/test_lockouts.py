"""Login and receipt lockouts (issue 11.8): per account across addresses, per address across
accounts, progressive waits that attempts during a wait do not restart, the right password (or
receipt) once the wait is over, an unlock link for the account's owner, and Retry-After on
every 429.

Time is frozen and moved by hand: axes' clock for logins, django-ratelimit's for receipts.
Nothing sleeps.
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from netral.accounts import lockout
from netral.audit.models import AuditEntry
from netral.throttling import retry_after_middleware
from tests.intake.conftest import form_data

pytestmark = pytest.mark.django_db

OFFICIAL, PASSWORD = "bawaslu_oku", "netral-demo"
STRANGER, OWNER, ELSEWHERE = "203.0.113.9", "198.51.100.20", "192.0.2.33"


class Clock:
    """The time axes stamps on each login attempt (and the lockout measures from)."""

    def __init__(self) -> None:
        self.now = timezone.now()

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    frozen = Clock()
    monkeypatch.setattr("axes.handlers.proxy.now", frozen)
    return frozen


@pytest.fixture(autouse=True)
def _small_limits(settings: Any) -> None:
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 5
    settings.LOGIN_DELAY_CAP_SECONDS = 60


def _login(username: str, password: str, address: str, client: Client | None = None) -> Any:
    browser = client or Client()
    return browser.post(
        reverse("web:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _failures(username: str) -> int:
    counted = AccessAttempt.objects.filter(username=username).aggregate(
        n=Sum("failures_since_start")
    )
    return int(counted["n"] or 0)


def _lock(username: str = OFFICIAL, address: str = STRANGER) -> Any:
    for _ in range(3):
        response = _login(username, "salah-tebak", address)
    return response


def test_past_the_limit_each_failure_doubles_the_wait_and_says_so(clock: Clock) -> None:
    assert _login(OFFICIAL, "salah", STRANGER).status_code == 200  # a wrong password, no wait
    assert _login(OFFICIAL, "salah", STRANGER).status_code == 200
    third = _login(OFFICIAL, "salah", STRANGER)
    assert third.status_code == 429 and third["Retry-After"] == "2"
    assert "2 detik" in third.content.decode()
    for expected in ("4", "8", "16"):
        clock.now += timedelta(seconds=int(expected) // 2)  # the previous wait is over
        response = _login(OFFICIAL, "salah", STRANGER)
        assert response.status_code == 429 and response["Retry-After"] == expected


def test_the_wait_is_capped(settings: Any) -> None:
    assert lockout.delay_seconds(2, 3) == 0 and lockout.delay_seconds(3, 3) == 2
    assert lockout.delay_seconds(40, 3) == settings.LOGIN_DELAY_CAP_SECONDS == 60
    _lock()
    AccessAttempt.objects.filter(username=OFFICIAL).update(failures_since_start=500)
    assert _login(OFFICIAL, "salah", STRANGER)["Retry-After"] == "60"


def test_attempts_during_a_wait_neither_count_nor_restart_it(clock: Clock) -> None:
    _lock()
    clock.now += timedelta(seconds=1)
    for password in ("salah", PASSWORD, "salah lagi", PASSWORD):
        response = _login(OFFICIAL, password, STRANGER)
        assert response.status_code == 429 and response["Retry-After"] == "1"
    assert _failures(OFFICIAL) == 3
    clock.now += timedelta(seconds=1)
    assert _login(OFFICIAL, PASSWORD, STRANGER).status_code == 302  # the right password works
    assert _failures(OFFICIAL) == 0


def test_guesses_spread_over_addresses_lock_the_account() -> None:
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        response = _login(OFFICIAL, "salah", address)
    assert response.status_code == 429
    assert _login(OFFICIAL, PASSWORD, "203.0.113.4").status_code == 429


def test_guesses_spread_over_accounts_lock_the_address() -> None:
    for name in ("ppk_oku", "bkn", "analyst", "kemendagri", "monitor_oku"):
        response = _login(name, "salah", STRANGER)
    assert response.status_code == 429
    assert _login(OFFICIAL, PASSWORD, STRANGER).status_code == 429  # the address waits
    assert _login(OFFICIAL, PASSWORD, ELSEWHERE).status_code == 302  # the account does not


def test_the_owner_is_mailed_once_and_the_link_lets_them_in_despite_the_stranger(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _lock()
        _login(OFFICIAL, "salah", STRANGER)  # more attempts while locked: no second mail
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [f"{OFFICIAL}@demo.netral.invalid"]
    link = re.search(r"/masuk/buka/[^/\s]+/", str(mail.outbox[0].body))
    assert link is not None

    owner = Client()
    page = owner.get(link.group(0), REMOTE_ADDR=OWNER)
    assert page.status_code == 200 and _failures(OFFICIAL) == 3  # opening the link changes nothing
    done = owner.post(link.group(0), REMOTE_ADDR=OWNER)
    assert done.status_code == 302 and done["Location"] == reverse("web:login")
    assert _failures(OFFICIAL) == 0
    assert AuditEntry.objects.filter(action="login.unlock", actor_label=OFFICIAL).exists()

    _lock()  # the stranger starts again…
    assert _login(OFFICIAL, PASSWORD, ELSEWHERE).status_code == 429  # …which holds others back
    assert _login(OFFICIAL, PASSWORD, OWNER, client=owner).status_code == 302  # not the owner


def test_a_forged_or_foreign_unlock_link_does_nothing() -> None:
    _lock()
    forged = Client().post(f"/masuk/buka/{lockout.unlock_token(OFFICIAL)}x/")
    assert forged.status_code == 400 and _failures(OFFICIAL) == 3
    assert lockout.TRUST_COOKIE not in forged.cookies


def test_a_locked_receipt_says_when_and_the_right_code_opens_once_the_window_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import django_ratelimit.core as ratelimit

    receipt = str(Client().post("/lapor/", form_data()).context["receipt"])
    reporter = Client()
    wrong = {"action": "open", "receipt": "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01"}
    for _ in range(10):
        reporter.post("/lapor/status/", wrong)
    locked = reporter.post("/lapor/status/", {"action": "open", "receipt": receipt})
    assert locked.status_code == 429
    wait = int(locked["Retry-After"])
    assert 0 < wait <= 15 * 60
    for _ in range(5):  # guessing on during the wait does not lengthen it
        assert int(reporter.post("/lapor/status/", wrong)["Retry-After"]) <= wait
    api = Client().get("/api/v1/reports/status", headers={"X-Netral-Receipt": receipt})
    assert api.status_code == 429 and int(api["Retry-After"]) > 0

    later = time.time() + wait + 1
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: later))
    opened = reporter.post("/lapor/status/", {"action": "open", "receipt": receipt})
    assert opened.status_code == 302 and opened["Location"] == "/lapor/status/"


def test_every_429_carries_retry_after() -> None:
    def refuse(request: HttpRequest) -> HttpResponse:
        return HttpResponse("terlalu banyak", status=429)

    response = retry_after_middleware(refuse)(RequestFactory().get("/"))
    assert response["Retry-After"] == "60"
