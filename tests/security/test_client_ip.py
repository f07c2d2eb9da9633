"""Behind a proxy every reporter must not share one counter (issue 12.2): X-Forwarded-For is
believed only from NETRAL_TRUSTED_PROXIES, and then only its right-most untrusted address."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest
from django.test import Client, RequestFactory

from netral.config import ConfigError
from netral.throttling import client_ip
from tests.intake.conftest import form_data

PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings: Any) -> None:
    settings.TRUSTED_PROXIES = (
        ipaddress.ip_network("10.0.0.0/24"),
        ipaddress.ip_network("::1/128"),
    )


def _ip(peer: str, forwarded: str | None = None) -> str:
    meta = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/")
    request.META.update(meta)
    return client_ip(request)


@pytest.mark.usefixtures("behind_proxy")
@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        (PROXY, "203.0.113.7", "203.0.113.7"),
        (PROXY, "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # the left one was written by the client
        (PROXY, "203.0.113.7, 10.0.0.9", "203.0.113.7"),  # a second trusted hop is skipped
        (PROXY, "10.0.0.8, 10.0.0.9", PROXY),  # only proxies: the peer
        (PROXY, None, PROXY),
        (PROXY, "not-an-ip", PROXY),
        (PROXY, "[2001:db8::1]:443", "2001:db8::1"),
        ("198.51.100.2", "203.0.113.7", "198.51.100.2"),  # not a trusted peer: header ignored
    ],
)
def test_the_client_is_the_right_most_untrusted_address(
    peer: str, forwarded: str | None, client: str
) -> None:
    assert _ip(peer, forwarded) == client


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    assert _ip(PROXY, "203.0.113.7") == PROXY


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_proxy")
def test_reporters_behind_the_proxy_have_their_own_submission_limit(settings: Any) -> None:
    from netral.intake import throttle

    settings.RATELIMIT_ENABLE = True
    throttle.SUBMIT_PER_CLIENT = "2/h"
    try:

        def post(client_addr: str) -> int:
            return (
                Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_addr)
                .post("/lapor/", form_data(place="Pasar Baru"))
                .status_code
            )

        assert [post("203.0.113.7") for _ in range(3)][-1] == 429
        assert post("203.0.113.8") != 429  # another reporter, the same proxy
    finally:
        throttle.SUBMIT_PER_CLIENT = "20/h"


def test_a_malformed_trusted_proxy_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    from netral.config import env_networks

    monkeypatch.setenv("NETRAL_TRUSTED_PROXIES", "10.0.0.1,proxy.local")
    with pytest.raises(ConfigError, match=r"NETRAL_TRUSTED_PROXIES.*proxy\.local"):
        env_networks("NETRAL_TRUSTED_PROXIES", "")
