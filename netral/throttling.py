"""The one key rate limits count public clients by, without storing who the client is.

django-ratelimit counts in the shared cache under this key: an HMAC of the address under the
server's secret key, so the cache holds only an unlinkable, expiring counter, never the IP
address (nor a plain hash of it, which could be reversed by trying all 2^32 IPv4 addresses).
Every public rate limit (reports, receipts, the self-check) uses it; django-ratelimit keeps
their counters apart by group.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def client_key(group: str, request: HttpRequest) -> str:
    addr = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hmac.new(str(settings.SECRET_KEY).encode(), f"client:{addr}".encode(),
                    hashlib.sha256).hexdigest()
