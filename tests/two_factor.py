"""Test helpers for the second factor: a test client's session marked as having given it, and
a valid code for a demo persona's published TOTP secret (as a tester's phone would show)."""

from __future__ import annotations

import time
from typing import Any

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from netral.accounts.two_factor import SESSION_KEY


def pass_second_factor(client: Client, user: Any) -> Client:
    """What giving the code does to a session (for clients logged in with force_login)."""
    user.refresh_from_db(fields=["two_factor_stamp"])
    if user.two_factor_stamp:
        session = client.session
        session[SESSION_KEY] = user.two_factor_stamp
        session.save()
    return client


def totp_code(user: Any, *, confirmed: bool = True) -> str:
    """A code the user's TOTP device (or the one being set up) accepts now."""
    return device_code(TOTPDevice.objects.get(user=user, confirmed=confirmed))


def device_code(device: TOTPDevice) -> str:
    """A code this device accepts now: a step after the last one it accepted (a code is good
    once), waiting for the clock when the next step is still too far ahead."""
    device.refresh_from_db()
    while True:
        now = int(time.time() - device.t0) // device.step
        step = max(now, device.last_t + 1)
        if step <= now + device.tolerance:
            break
        time.sleep(1)
    otp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    otp.time = device.t0 + step * device.step
    return f"{otp.token():0{device.digits}d}"
