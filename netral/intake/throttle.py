"""Rate limits for the public channel, without storing who the client is: clients are counted
by `netral.throttling.client_key`, an HMAC of the address. Nothing in intake reads the address.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from netral.throttling import client_key

# (rate, group) pairs. Rates use django-ratelimit's syntax ("10/15m").
SUBMIT_PER_CLIENT = "20/h"
RECEIPT_FAILURES_PER_CLIENT = "10/15m"
RECEIPT_FAILURES_GLOBAL = "300/15m"
REPORTER_WRITES_PER_CLIENT = "60/h"


@dataclass(frozen=True)
class Refusal:
    message: str
    retry_after: int


def _everyone(group: str, request: HttpRequest) -> str:
    return "all"


def _usage(
    request: HttpRequest, group: str, rate: str, *, per_client: bool, increment: bool
) -> tuple[bool, int]:
    """(limited, seconds left in the window). Counting calls are limited past the limit;
    a peek (increment=False) is limited once the limit is reached."""
    usage = get_usage(
        request,
        group=group,
        key=client_key if per_client else _everyone,
        rate=rate,
        increment=increment,
    )
    if usage is None:  # RATELIMIT_ENABLE=False
        return False, 0
    count, limit = int(usage["count"]), int(usage["limit"])
    limited = count > limit if increment else count >= limit
    return limited, int(usage["time_left"])


def _minutes(seconds: int) -> int:
    return max(1, (seconds + 59) // 60)


def check_submit(request: HttpRequest) -> Refusal | None:
    limited, left = _usage(
        request, "intake-submit", SUBMIT_PER_CLIENT, per_client=True, increment=True
    )
    if limited:
        return Refusal(
            _(
                "Terlalu banyak laporan dari perangkat ini dalam satu jam. Coba lagi "
                "dalam %(m)d menit."
            )
            % {"m": _minutes(left)},
            left,
        )
    return None


def check_reporter_write(request: HttpRequest) -> Refusal | None:
    limited, left = _usage(
        request,
        "intake-reporter-write",
        REPORTER_WRITES_PER_CLIENT,
        per_client=True,
        increment=True,
    )
    if limited:
        return Refusal(
            _("Terlalu banyak pesan atau bukti dari perangkat ini. Coba lagi dalam %(m)d menit.")
            % {"m": _minutes(left)},
            left,
        )
    return None


def receipt_refusal(request: HttpRequest) -> Refusal | None:
    """Whether receipt look-ups are closed for this client, or for everyone, right now."""
    limited, left = _usage(
        request,
        "intake-receipt-fail",
        RECEIPT_FAILURES_PER_CLIENT,
        per_client=True,
        increment=False,
    )
    if limited:
        return Refusal(
            _(
                "Terlalu banyak kode tanda terima yang salah dari perangkat ini. "
                "Coba lagi dalam %(m)d menit."
            )
            % {"m": _minutes(left)},
            left,
        )
    limited, left = _usage(
        request,
        "intake-receipt-fail-all",
        RECEIPT_FAILURES_GLOBAL,
        per_client=False,
        increment=False,
    )
    if limited:
        return Refusal(
            _(
                "Pemeriksaan kode tanda terima sedang dibatasi karena banyak percobaan "
                "yang salah. Coba lagi dalam %(m)d menit."
            )
            % {"m": _minutes(left)},
            left,
        )
    return None


def receipt_failed(request: HttpRequest) -> None:
    _usage(
        request, "intake-receipt-fail", RECEIPT_FAILURES_PER_CLIENT, per_client=True, increment=True
    )
    _usage(
        request,
        "intake-receipt-fail-all",
        RECEIPT_FAILURES_GLOBAL,
        per_client=False,
        increment=True,
    )
