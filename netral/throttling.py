"""Who the client is (`client_ip`), and the one key rate limits count clients by, without
storing who the client is (`client_key`).

Behind a TLS proxy every request comes from the proxy's address. Only when the peer is one of
NETRAL_TRUSTED_PROXIES is X-Forwarded-For believed, and then only its right-most address that is
not itself a trusted proxy: addresses further left were written by the client and can be
forged. Every limit (public rate limits, login lockouts) asks `client_ip`.

django-ratelimit counts in the shared cache under this key: an HMAC of the address under the
server's secret key, so the cache holds only an unlinkable, expiring counter, never the IP
address (nor a plain hash of it, which could be reversed by trying all 2^32 IPv4 addresses).
Every public rate limit (reports, receipts, the self-check) uses it; django-ratelimit keeps
their counters apart by group.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _address(raw: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = raw.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.7:51234
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return any(addr in network for network in settings.TRUSTED_PROXIES)


def client_ip(request: HttpRequest) -> str:
    """The client's address: the peer, unless the peer is a trusted proxy; then the right-most
    X-Forwarded-For address that is not a trusted proxy (the peer if there is none)."""
    peer_raw = request.META.get("REMOTE_ADDR", "") or ""
    peer = _address(peer_raw)
    if peer is None:
        return peer_raw or "unknown"
    if not settings.TRUSTED_PROXIES or not _trusted(peer):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for item in reversed(forwarded.split(",")):
        addr = _address(item)
        if addr is None:
            break  # a garbled hop: nothing to its left can be trusted either
        if not _trusted(addr):
            return str(addr)
    return str(peer)


def axes_client_ip(request: HttpRequest) -> str | None:
    """The client's address for django-axes, or None when the request has none (a test client's
    force_login, a management command): axes keeps it in an IP address column, and PostgreSQL's
    inet type refuses the "unknown" that rate-limit keys can live with."""
    addr = client_ip(request)
    return addr if _address(addr) is not None else None


def client_key(group: str, request: HttpRequest) -> str:
    addr = client_ip(request)
    return hmac.new(
        str(settings.SECRET_KEY).encode(), f"client:{addr}".encode(), hashlib.sha256
    ).hexdigest()


# A 429 whose view did not say how long to wait: the shortest window any limit here uses.
DEFAULT_RETRY_AFTER = 60


def retry_after_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Any:
    """Every 429 tells the client when to come back (Retry-After, RFC 9110 §10.2.3); views that
    know the limit's window set it themselves, the rest get DEFAULT_RETRY_AFTER."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code == 429 and not response.has_header("Retry-After"):
            response["Retry-After"] = str(DEFAULT_RETRY_AFTER)
        return response

    return middleware
