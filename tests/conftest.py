"""Shared fixtures: the demo institutions and users are loaded once per test session (each test
then runs in a transaction that rolls back), and every test is cut off from the network."""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

# Property tests judge behaviour, not speed: a loaded CI machine must not fail them on
# hypothesis's default 200 ms deadline per example.
hypothesis_settings.register_profile("netral", deadline=None)
hypothesis_settings.load_profile("netral")

# Each test session gets its own data folder (uploads, local keys), never the developer's.
os.environ.setdefault("NETRAL_DATA_DIR", tempfile.mkdtemp(prefix="netral-test-"))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/browser/ is a browser test (selected with -m browser)."""
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _static_root() -> None:
    """`netral serve` makes the static folder (importing the settings writes nothing)."""
    from django.conf import settings

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Tests never reach the network: only loopback connections are allowed."""
    real_connect = socket.socket.connect

    def guarded(sock: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in {"127.0.0.1", "localhost", "::1"}
            and not (host.startswith("/"))
        ):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _fresh_throttles(request: pytest.FixtureRequest) -> None:
    """Rate-limit counters live in the cache; each test starts from zero, whatever ran before
    it (a test that commits, or one that straddles a rate window)."""
    if (
        "db" in request.fixturenames
        or "transactional_db" in request.fixturenames
        or (request.node.get_closest_marker("django_db"))
    ):
        from django.core.cache import cache

        with request.getfixturevalue("django_db_blocker").unblock():
            cache.clear()


@pytest.fixture(autouse=True)
def _indonesian_first() -> Iterator[None]:
    """Each test starts in the default language: a request that switched to English must not
    leak its language into the next test (translations are activated per thread)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _own_audit_anchors(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Audit checkpoints name entries; a test's entries roll back, so a checkpoint must never
    outlive its test (a scheduled job may write one)."""
    settings.AUDIT_ANCHOR_DIR = tmp_path_factory.mktemp("audit-anchors")


@pytest.fixture(autouse=True)
def _open_celery_pools() -> None:
    """Each test starts with usable broker pools: a test that stops a real worker or closes the
    app's connections leaves the pools closed, and even an eager task borrows a producer from
    them ('Acquire on closed pool' in whichever test comes next)."""
    from tests.celery_pools import reopen_if_closed

    reopen_if_closed()


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.JOBS_LONG_IN_THREAD = False  # a thread would not see the test's transaction


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Reference and demo data, once per session, through the same loaders `netral demo` uses."""
    from django.test import override_settings

    from netral.cli import prepare_database

    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        prepare_database(demo=True, verbosity=0)


@pytest.fixture
def transactional_demo(transactional_db: None) -> None:
    """For tests that need real commits (threads, live server, Celery workers): such tests flush
    the database when they end, so each one reloads the reference and demo data first."""
    from django.test import override_settings

    from netral.cli import prepare_database

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        prepare_database(demo=True, verbosity=0)


@pytest.fixture
def persona(db: None) -> Callable[[str], Any]:
    """A demo user by username: persona("bawaslu_oku"), persona("ppk_oku"), …"""
    from netral.accounts.models import User

    def get(username: str) -> Any:
        return User.objects.select_related("institution").get(username=username)

    return get


@pytest.fixture
def client_for(db: None, persona: Callable[[str], Any]) -> Callable[[str], Client]:
    """A logged-in browser client for a demo user, past the second factor if the user has one."""

    from tests.two_factor import pass_second_factor

    def make(username: str) -> Client:
        client = Client()
        user = persona(username)
        client.force_login(user)
        return pass_second_factor(client, user)  # the demo's code, as at a real login

    return make


@pytest.fixture
def api_client_for(db: None, persona: Callable[[str], Any]) -> Callable[[str], Client]:
    """An API client that sends a fresh Bearer token of the demo user."""
    from netral.accounts.services import token_create

    def make(username: str) -> Client:
        # Read and write: tests drive changes through the API (a role that needs a second
        # factor gets a read-only token unless write is asked for).
        token = token_create(user=persona(username), scope="write")
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make


@pytest.fixture
def anon() -> Client:
    return Client()


def closed_port() -> int:
    """A loopback port nobody listens on: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_down(settings: Any) -> None:
    """Real SMTP to a closed loopback port: the mail server is down."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
