"""Second-factor state changes: enrol, verify, new backup codes, turn off, reset. Each change
and each failed code is in the audit trail."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from base64 import b32decode, b32encode
from typing import Any

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from netral.accounts.models import User
from netral.accounts.two_factor import SESSION_KEY, throttle
from netral.audit.services import log_action

BACKUP_CODE_COUNT = 10


class Throttled(Exception):
    """Too many failed codes (or passwords) for this user; try again in `retry_after` s."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def is_enrolled(user: Any) -> bool:
    return bool(getattr(user, "two_factor_stamp", ""))


def session_verified(request: HttpRequest) -> bool:
    """Whether this session proved the user's current second factor (no query)."""
    stamp = getattr(request.user, "two_factor_stamp", "")
    return bool(stamp) and request.session.get(SESSION_KEY) == stamp


def _mark_verified(request: HttpRequest, user: User) -> None:
    # A new session key with the new privilege: a key seen before the code was given (a shared
    # computer, a fixation attempt) is worth nothing after it.
    request.session.cycle_key()
    request.session[SESSION_KEY] = user.two_factor_stamp


def _normal(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def backup_digest(code: str) -> str:
    """What is stored for a backup code: keyed with the server's secret, so the database alone
    gives nothing to try (a plain hash of 40 bits would be reversed in minutes). 16 characters
    is django-otp's column."""
    key = str(settings.SECRET_KEY).encode()
    return hmac.new(key, f"2fa-backup:{_normal(code)}".encode(), hashlib.sha256).hexdigest()[:16]


def _new_backup_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = []
    for _i in range(BACKUP_CODE_COUNT):
        raw = b32encode(secrets.token_bytes(5)).decode().lower()
        codes.append(f"{raw[:4]}-{raw[4:]}")
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=backup_digest(code)) for code in codes]
    )
    return codes


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def totp_pending(user: User) -> TOTPDevice:
    """The device being set up (made on first call), so that a reload shows the same QR."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name="totp", confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it by hand: base32, in groups of four."""
    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG (segno, drawn here: no image service)."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, border=2))


def _refuse_if_throttled(user: User, kind: str) -> None:
    wait = throttle.retry_after(user, kind)
    if wait:
        raise Throttled(wait)


def _failed(user: User, kind: str, field: str, message: str) -> ValidationError:
    count = throttle.record_failure(user, kind)
    with transaction.atomic():
        log_action(user, f"two_factor.{kind}_fail", user, {"failures": count})
        if count >= settings.TWO_FACTOR_FAILURE_LIMIT:
            log_action(
                user,
                "two_factor.locked",
                user,
                {"kind": kind, "retry_after": throttle.retry_after(user, kind)},
            )
    return ValidationError({field: message})


def _match(user: User, code: str) -> TOTPDevice | StaticDevice | None:
    normal = _normal(code)
    with transaction.atomic():
        if normal.isdigit() and len(normal) == 6:
            for totp in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
                if totp.verify_token(normal):
                    return totp
            return None
        for static in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if static.verify_token(backup_digest(normal)):
                return static
    return None


def two_factor_verify(*, request: HttpRequest, user: User, code: str) -> None:
    """Accept a code from the app or a backup code (used up) for this session, or raise
    Throttled / ValidationError naming the field `code`."""
    _refuse_if_throttled(user, "code")
    device = _match(user, code)
    if device is None:
        raise _failed(user, "code", "code", _("Kode salah, kedaluwarsa, atau sudah dipakai."))
    throttle.clear(user, "code")
    if isinstance(device, StaticDevice):
        with transaction.atomic():
            log_action(user, "two_factor.backup_used", user, {"left": backup_codes_left(user)})
    _mark_verified(request, user)


def two_factor_enable(*, request: HttpRequest, user: User, code: str) -> list[str]:
    """Confirm the pending TOTP device with its first code; returns the backup codes, which
    are shown this once. Any earlier device of the user is replaced."""
    _refuse_if_throttled(user, "code")
    device = totp_pending(user)
    if not device.verify_token(_normal(code)):
        raise _failed(user, "code", "code", _("Kode salah. Periksa jam ponsel lalu coba lagi."))
    throttle.clear(user, "code")
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = _new_backup_codes(user)
        user.two_factor_stamp = secrets.token_hex(16)
        user.save(update_fields=["two_factor_stamp"])
        log_action(user, "two_factor.enable", user, {})
    _mark_verified(request, user)
    return codes


def _confirm_password(user: User, password: str) -> None:
    _refuse_if_throttled(user, "password")
    if not user.check_password(password or ""):
        raise _failed(user, "password", "password", _("Kata sandi salah."))
    throttle.clear(user, "password")


def backup_codes_regenerate(*, user: User, password: str) -> list[str]:
    """New backup codes (the old ones stop working), after the password is given again."""
    _confirm_password(user, password)
    with transaction.atomic():
        codes = _new_backup_codes(user)
        log_action(user, "two_factor.backup_regenerate", user, {"count": len(codes)})
    return codes


def _remove(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user.two_factor_stamp = ""
    user.save(update_fields=["two_factor_stamp"])


def two_factor_disable(*, request: HttpRequest, user: User, password: str) -> None:
    """Turn the second factor off after the password is given again. Every verified session
    ends; a role that requires it is sent to enrolment at once (a new phone)."""
    _confirm_password(user, password)
    with transaction.atomic():
        _remove(user)
        log_action(user, "two_factor.disable", user, {})
    request.session.pop(SESSION_KEY, None)


def two_factor_reset(*, user: User, actor: Any = None) -> None:
    """For a user who lost both phone and backup codes (`netral twofactor reset`): their
    devices go, and their next login sets up a new one."""
    with transaction.atomic():
        _remove(user)
        log_action(actor, "two_factor.reset", user, {"user": user.username})


def demo_device(*, user: User, secret_base32: str) -> None:
    """A confirmed TOTP device with a published secret: for the demo's personas only."""
    key = b32decode(secret_base32).hex()
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(user=user, name="demo", key=key, confirmed=True)
        user.two_factor_stamp = secrets.token_hex(16)
        user.save(update_fields=["two_factor_stamp"])
        log_action(None, "two_factor.enable", user, {"user": user.username, "demo": True})
