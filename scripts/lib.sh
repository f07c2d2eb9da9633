# Shared helpers for scripts/demo and scripts/test. Everything the project needs is installed
# here, from PyPI and Debian's packages, so that a fresh machine needs nothing by hand.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${NETRAL_VENV:-$ROOT/.venv}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

python311() {
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      echo "$candidate"; return 0
    fi
  done
  echo "Netral needs Python 3.11 (python3.11 or python3 on PATH)" >&2
  return 1
}

# ensure_venv [extra]: create .venv and install the project (with an extra such as "dev").
# Re-installs only when pyproject.toml, setup.py or the detector's code changed (setup.py
# compiles the detector: an edit runs as plain Python until the next install), so a second
# run starts in seconds.
ensure_venv() {
  local extra="${1:-}" spec="$ROOT" stamp digest
  [ -n "$extra" ] && spec="$ROOT[$extra]"
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$(python311)" -m venv "$VENV"
  fi
  digest="$(cat "$ROOT/pyproject.toml" "$ROOT/setup.py" "$ROOT"/netral/detection/*.py | sha256sum | cut -c1-16)"
  stamp="$VENV/.netral-installed-$digest-${extra:-base}"
  if [ ! -f "$stamp" ]; then
    say "installing Netral${extra:+ with [$extra]} into $VENV (takes a minute the first time)"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e "$spec"
    touch "$stamp"
  fi
}

# ensure_debian_packages CMD:PKG ...: install a Debian package when its command is missing.
ensure_debian_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})" >&2
    return 1
  fi
  say "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# ensure_pdf_libraries: the Debian libraries WeasyPrint draws PDF reports with (Pango and its
# fonts). They are libraries, not commands, so ask the dynamic linker whether they are there.
ensure_pdf_libraries() {
  if ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' &&
     ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' &&
     fc-list 2>/dev/null | grep -qi 'dejavu'; then
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages for PDF reports (run: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)" >&2
    return 1
  fi
  say "installing Debian packages for PDF reports: Pango and DejaVu fonts"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 \
    fonts-dejavu-core fontconfig >/dev/null
}

# ensure_postgres: the PostgreSQL service at 127.0.0.1:5432, started if it is installed but down.
ensure_postgres() {
  pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && return 0
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  fi
  echo "PostgreSQL is not reachable at 127.0.0.1:5432" >&2
  return 1
}

# ensure_redis: the Redis service at 127.0.0.1:6379 (the Celery tests' broker).
ensure_redis() {
  redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && return 0
  if command -v redis-server >/dev/null 2>&1; then
    say "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
      --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
    for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && return 0; sleep 0.5; done
  fi
  echo "Redis is not reachable at 127.0.0.1:6379" >&2
  return 1
}
