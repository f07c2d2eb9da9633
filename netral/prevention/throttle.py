"""Limits on guessing personal codes, counted by `netral.throttling.client_key` (a keyed hash
of the address, never the address itself)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from netral.intake.throttle import Refusal, _minutes, _usage

FAILURES_PER_CLIENT = "10/15m"
FAILURES_GLOBAL = "500/15m"


def code_refusal(request: HttpRequest, group: str = "pact-code") -> Refusal | None:
    limited, left = _usage(
        request, f"{group}-fail", FAILURES_PER_CLIENT, per_client=True, increment=False
    )
    if not limited:
        limited, left = _usage(
            request, f"{group}-fail-all", FAILURES_GLOBAL, per_client=False, increment=False
        )
    if limited:
        return Refusal(
            _("Terlalu banyak percobaan yang salah. Coba lagi dalam %(m)d menit.")
            % {"m": _minutes(left)},
            left,
        )
    return None


def code_failed(request: HttpRequest, group: str = "pact-code") -> None:
    _usage(request, f"{group}-fail", FAILURES_PER_CLIENT, per_client=True, increment=True)
    _usage(request, f"{group}-fail-all", FAILURES_GLOBAL, per_client=False, increment=True)
