"""Reading settings from the environment, strictly (plain Python: the CLI uses it before Django).

Every reader names the variable in its error, so that a malformed value stops start-up with a
message an operator can act on. Secrets may come from a file instead (`NAME_FILE`), the way
container platforms hand them over (Docker and Kubernetes secrets, systemd credentials).
"""

from __future__ import annotations

import functools
import ipaddress
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.functional import lazy


class ConfigError(RuntimeError):
    """A setting in the environment cannot be understood."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r}: expected one of 1/0, true/false, yes/no, on/off")


def parse_int(
    name: str, raw: str, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    text = raw.strip()
    if not text.lstrip("-").isdigit() or text.count("-") > 1:
        raise ConfigError(f"{name}={raw!r}: expected a whole number")
    value = int(text)
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={raw!r}: must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name}={raw!r}: must be at most {maximum}")
    return value


def env_int(
    name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return parse_int(name, raw, minimum=minimum, maximum=maximum)


def env_port(name: str, default: int) -> int:
    return env_int(name, default, minimum=1, maximum=65535)


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_networks(
    name: str, default: str
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """Comma-separated IP addresses or networks (10.0.0.5, 10.0.0.0/24, ::1)."""
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ConfigError(
                f"{name}: {item!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/24)"
            ) from None
    return tuple(networks)


def env_int_list(name: str, default: str, *, count: int, ascending: bool = True) -> tuple[int, ...]:
    """Exactly `count` comma-separated whole numbers; one bad item is an error, never dropped."""
    raw = env_str(name, default)
    items = [item.strip() for item in raw.split(",")]
    example = default
    if len(items) != count or not all(item.isdigit() for item in items):
        raise ConfigError(
            f"{name}={raw!r}: expected {count} whole numbers separated by commas, e.g. {example}"
        )
    values = tuple(int(item) for item in items)
    if ascending and list(values) != sorted(set(values)):
        raise ConfigError(f"{name}={raw!r}: the numbers must rise, e.g. {example}")
    return values


def env_url(name: str, default: str, *, schemes: tuple[str, ...]) -> str:
    return check_url(name, env_str(name, default), schemes=schemes)


def check_url(name: str, raw: str, *, schemes: tuple[str, ...]) -> str:
    """A URL whose scheme is one of `schemes` and which names a host (empty stays empty)."""
    raw = raw.strip()
    if not raw:
        return raw
    parts = urlsplit(raw)
    if parts.scheme not in schemes or not parts.netloc:
        raise ConfigError(
            f"{name}={raw!r}: expected a URL starting with "
            + " or ".join(f"{s}://" for s in schemes)
            + " and naming a host"
        )
    return raw


def env_choice(name: str, default: str, choices: tuple[str, ...], *, upper: bool = False) -> str:
    raw = env_str(name, default).strip()
    value = raw.upper() if upper else raw
    if value not in choices:
        raise ConfigError(f"{name}={raw!r}: expected one of {', '.join(choices)}")
    return value


def env_secret(name: str, default: str = "") -> str:
    """A secret from `name`, or from the file named by `name_FILE` (one of them, not both)."""
    value, file_name = os.environ.get(name, ""), os.environ.get(f"{name}_FILE", "")
    if value and file_name:
        raise ConfigError(f"{name} and {name}_FILE are both set: keep one")
    if not file_name:
        return value or default
    try:
        text = Path(file_name).expanduser().read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"{name}_FILE={file_name!r}: cannot read it ({exc.strerror})") from exc
    if not text:
        raise ConfigError(f"{name}_FILE={file_name!r}: the file is empty")
    return text


def local_secret(data_dir: Path, filename: str, env_name: str, *, nbytes: int = 48) -> str:
    """A secret from the environment (or `*_FILE`), else one kept in a file in the data folder.

    The embedded default must work with nothing configured, yet never ship a fixed key. The
    key file is read if it exists; otherwise the value is lazy and the file is created on first
    use (so that importing the settings writes nothing), with owner-only permissions and
    exclusively, so that two processes starting together never end up with two keys.
    """
    value = env_secret(env_name)
    if value:
        return value
    path = data_dir / filename
    if path.exists():
        return path.read_text().strip()
    make: Callable[[], str] = functools.cache(lambda: _create_key(path, env_name, nbytes))
    return lazy(make, str)()


def _create_key(path: Path, env_name: str, nbytes: int) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(nbytes))
    print(
        f"netral: {env_name} is not set; created a local key in {path}. Keep it safe.",
        file=sys.stderr,
    )
    return path.read_text().strip()
