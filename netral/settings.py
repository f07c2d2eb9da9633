"""All of Netral's settings, read from environment variables in this one module.

Nothing differs by hidden code path: every knob is an environment variable listed in
README.md ("Configuration"), parsed strictly so that a typo fails at start-up, not at 2 a.m.
The embedded defaults (SQLite, in-process jobs, console e-mail) need no other server.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp import constants as csp_constants
from django.utils.translation import gettext_lazy as _

from netral.config import (
    ConfigError,
    check_url,
    env_bool,
    env_choice,
    env_int,
    env_int_list,
    env_list,
    env_networks,
    env_port,
    env_secret,
    env_str,
    env_url,
    local_secret,
)

BASE_DIR = Path(__file__).resolve().parent


def _default_data_dir() -> Path:
    xdg = env_str("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "netral"


# The folder that holds the SQLite database, uploads and locally generated keys. Importing the
# settings writes nothing: the folder is made by the command that needs it (netral.cli).
DATA_DIR = Path(env_str("NETRAL_DATA_DIR") or _default_data_dir()).expanduser().resolve()

# From the environment, NAME_FILE, or a key file in DATA_DIR made on first use (config.py).
SECRET_KEY = local_secret(DATA_DIR, "secret_key", "NETRAL_SECRET_KEY")
# Seals public reporters' identities (netral.intake.sealing); comma-separated keys rotate.
IDENTITY_KEY = local_secret(DATA_DIR, "identity_key", "NETRAL_IDENTITY_KEY")
# Keys the audit trail's hashes and signs its checkpoints (netral.audit): whoever can write to
# the database cannot re-hash a rewritten trail without it. Required in production (netral
# check --deploy); one key for the life of the trail: changing it breaks `netral audit verify`.
AUDIT_KEY = local_secret(DATA_DIR, "audit_key", "NETRAL_AUDIT_KEY")
DEBUG = env_bool("NETRAL_DEBUG", False)
ALLOWED_HOSTS = env_list("NETRAL_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("NETRAL_CSRF_TRUSTED_ORIGINS", "")
# Where people reach Netral: the links in e-mails (netral.notifications) start with it.
SITE_URL = env_url("NETRAL_SITE_URL", "http://127.0.0.1:8000", schemes=("http", "https")).rstrip(
    "/"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Only for its templates and static files: the API docs load Swagger UI from this site,
    # never from a CDN (no internet on a closed government network, no unchecked script).
    "ninja",
    "axes",
    # Second factor (TOTP and one-time backup codes); netral.accounts.two_factor drives them.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "django_filters",
    "netral.regions",
    "netral.accounts",
    "netral.audit",
    "netral.jobs",
    "netral.notifications",
    "netral.demo",
    "netral.catalogue",
    "netral.elections",
    "netral.deadlines",
    "netral.registry",
    "netral.intake",
    "netral.cases",
    "netral.prevention",
    "netral.monitoring",
    # After every app that loads demo data: its demo loader refreshes the figures from them.
    "netral.insights",
    "netral.selfcheck",
    "netral.retention",
    "netral.backup",
    "netral.deployment",
    "netral.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "netral.throttling.retry_after_middleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view, /admin/ included: a session that still owes its second factor goes to
    # the code or enrolment page (netral.accounts.two_factor).
    "netral.accounts.two_factor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy (CONTENT_SECURITY_POLICY below) and no-store for signed-in pages.
    "csp.middleware.CSPMiddleware",
    "netral.web.middleware.PrivateNoStoreMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes' requirement).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "netral.urls"
WSGI_APPLICATION = "netral.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "netral.web.context.netral_context",
            ],
        },
    },
]

# --- Storage -------------------------------------------------------------------------------
DATABASE_URL = env_secret("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'netral.sqlite3'}"
try:
    # Health checks: a kept connection that PostgreSQL dropped (a restart, a killed backend) is
    # replaced at the next request instead of failing it.
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
except (ValueError, KeyError) as exc:
    raise ConfigError(
        f"DATABASE_URL: expected postgres://user@host:5432/name or sqlite:////path/to/file ({exc})"
    ) from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while a job writes; IMMEDIATE avoids upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

MEDIA_ROOT = Path(env_str("NETRAL_MEDIA_DIR") or DATA_DIR / "uploads")
MEDIA_URL = "/media/"  # never served publicly: files go through access-checked views
# Uploads are readable by the service's own user only (evidence is also encrypted at rest:
# netral.intake.sealed_files).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("NETRAL_STATIC_DIR") or DATA_DIR / "static")
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploads on an S3-compatible store (MinIO, Ceph, a cloud's object storage), so that any number
# of stateless web processes share them. Files stay private: links are signed and short-lived.
S3_BUCKET = env_str("NETRAL_S3_BUCKET")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_url("NETRAL_S3_ENDPOINT_URL", "", schemes=("http", "https"))
            or None,
            "region_name": env_str("NETRAL_S3_REGION") or None,
            "access_key": env_secret("NETRAL_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_secret("NETRAL_S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("NETRAL_S3_PREFIX", "uploads").strip("/"),
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = True  # the demo serves static files without a collectstatic step

CACHE_URL = env_url("NETRAL_CACHE_URL", "", schemes=("redis", "rediss"))
if CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    # Throttling counters must be shared by every web process: the database cache is.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "netral_cache",
        }
    }

# Evidence images decoded at once per web process (netral.intake.evidence); more wait, then are
# refused with a message, so that ten large photos on eight threads cannot exhaust memory.
IMAGE_DECODERS = env_int("NETRAL_IMAGE_DECODERS", 2, minimum=1, maximum=16)

# The public rate limits (django-ratelimit). Off only for load tests and API fuzzing on a
# machine nobody else reaches.
RATELIMIT_ENABLE = env_bool("NETRAL_RATE_LIMITS", True)

# --- People ----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:staff-home"
LOGOUT_REDIRECT_URL = "web:home"

# Failed logins: django-axes records them, netral.accounts.lockout decides the wait. Counted per
# account from any address (and per address, higher, across accounts); past the limit each
# failure doubles the wait (2, 4, 8 … s, capped); attempts during a wait neither count nor
# restart it; the owner is mailed a link that unlocks the account for their browser.
LOGIN_FAILURE_LIMIT = env_int("NETRAL_LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env_int("NETRAL_LOGIN_FAILURE_LIMIT_PER_ADDRESS", 30, minimum=1)
LOGIN_DELAY_CAP_SECONDS = env_int("NETRAL_LOGIN_COOLOFF_MINUTES", 15, minimum=1) * 60
AXES_FAILURE_LIMIT = "netral.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = 24  # hours a failure is remembered (netral.accounts.lockout.MEMORY)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # what a successful login clears
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "netral.accounts.lockout.locked_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLED = env_bool("NETRAL_LOGIN_THROTTLE", True)

# Second factor (netral.accounts.two_factor): required for roles that open what is sealed or
# administer. Failed codes are counted per user, apart from passwords (django-axes never sees
# them): this many in this many minutes, then codes are refused until the window has passed.
TWO_FACTOR_FAILURE_LIMIT = env_int("NETRAL_2FA_FAILURE_LIMIT", 5, minimum=1)
TWO_FACTOR_WINDOW_MINUTES = env_int("NETRAL_2FA_WINDOW_MINUTES", 15, minimum=1)
# django-otp's own per-device delay would refuse a right code after a typo; the limit above
# replaces it with one rule a user can be told about.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_TOTP_ISSUER = "Netral"
# API tokens of users who must use a second factor: at most this many days, read-only unless
# write is asked for when the token is made (netral.accounts.services.token_create).
TWO_FACTOR_TOKEN_MAX_DAYS = env_int("NETRAL_2FA_TOKEN_MAX_DAYS", 30, minimum=1, maximum=365)

# Proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated): behind
# them, rate limits and lockouts count the client, not the proxy (netral.throttling.client_ip).
TRUSTED_PROXIES = env_networks("NETRAL_TRUSTED_PROXIES", "")
AXES_CLIENT_IP_CALLABLE = "netral.throttling.axes_client_ip"

# Behind a TLS proxy that sets X-Forwarded-Proto (deploy/): requests count as HTTPS. Only when
# the web port is reachable through that proxy alone.
BEHIND_TLS_PROXY = env_bool("NETRAL_BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SILENCED_SYSTEM_CHECKS = ["security.W008"]  # the proxy redirects plain HTTP to HTTPS

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("NETRAL_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = 8 * 3600  # one working day
SECURE_CONTENT_TYPE_NOSNIFF = True
# Browsers remember to use HTTPS only once cookies are secure, i.e. the site is served over TLS.
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if SESSION_COOKIE_SECURE else 0
# Scripts only from this site's static files (no inline script, no eval, no CDN); inline styles
# stay allowed (the maps' SVG and Swagger UI set them), objects and framing are refused.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "script-src": [csp_constants.SELF],
        "style-src": [csp_constants.SELF, csp_constants.UNSAFE_INLINE],
        "img-src": [csp_constants.SELF, "data:", "blob:"],
        "font-src": [csp_constants.SELF, "data:"],
        "connect-src": [csp_constants.SELF],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.SELF],
        "form-action": [csp_constants.SELF],
        "frame-ancestors": [csp_constants.NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Language and time -----------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
# netral.access is not an app, so its catalogue is named here.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "access" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

# --- Background work ---------------------------------------------------------------------------
# With no broker, jobs run in the web process right after the transaction commits; with a
# Redis or RabbitMQ URL they go to `netral worker` processes on any machine.
BROKER_URL = check_url(
    "NETRAL_BROKER_URL",
    env_secret("NETRAL_BROKER_URL"),
    schemes=("redis", "rediss", "amqp", "amqps"),
)
BROKER_CONFIGURED = bool(BROKER_URL)
CELERY_BROKER_URL = BROKER_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not BROKER_CONFIGURED
# Without a broker, long jobs (imports, large exports) run in a thread of the web process so
# the request answers at once (netral.jobs.enqueue_long); tests run them inline.
JOBS_LONG_IN_THREAD = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Days after a PPK's deadline at which the sweep sends a reminder, requests blocking the ASN's
# personnel data, and lists the PPK as non-compliant (no regulation fixes them: UNCONFIRMED).
PPK_ESCALATION_DAYS = env_int_list("NETRAL_PPK_ESCALATION_DAYS", "1,7,14", count=3)
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {}
# beat's own bookkeeping lives with the rest of the data, not in whatever folder it started in
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
# Case clocks: mark overdue stages, remind, escalate late PPKs (idempotent; hourly is plenty).
CELERY_BEAT_SCHEDULE["cases-sweep"] = {"task": "netral.cases.sweep", "schedule": 3600.0}
# Figures computed from the summaries are kept until the next refresh (or this many seconds).
INSIGHTS_CACHE_SECONDS = env_int("NETRAL_INSIGHTS_CACHE_SECONDS", 600)
# Dashboard summaries: incremental, so every few minutes costs little.
CELERY_BEAT_SCHEDULE["insights-refresh"] = {"task": "netral.insights.refresh", "schedule": 300.0}
# The public transparency page is republished hourly (aggregates only).
CELERY_BEAT_SCHEDULE["insights-publish"] = {"task": "netral.insights.publish", "schedule": 3600.0}
# The weekly PDF report to supervisors while an election runs (Monday 07:00, Jakarta time).
CELERY_BEAT_SCHEDULE["insights-weekly-reports"] = {
    "task": "netral.insights.weekly_reports",
    "schedule": crontab(minute=0, hour=7, day_of_week=1),
}
# Jobs that failed or found the broker away wait in the backlog (netral.jobs.backlog).
CELERY_BEAT_SCHEDULE["jobs-drain"] = {"task": "netral.jobs.drain", "schedule": 300.0}
# Personal data deleted once its purpose has passed (docs/retention.md, netral.retention).
CELERY_BEAT_SCHEDULE["retention"] = {"task": "netral.retention.enforce", "schedule": 3600.0}
# The audit trail: chains written side by side (a writer locks only its own), and signed
# checkpoints of every chain's end, appended to a file outside the database (netral.audit).
AUDIT_SHARDS = env_int("NETRAL_AUDIT_SHARDS", 16, minimum=1, maximum=256)
AUDIT_ANCHOR_DIR = Path(env_str("NETRAL_AUDIT_ANCHOR_DIR") or DATA_DIR / "audit").expanduser()
AUDIT_CHECKPOINT_SECONDS = env_int("NETRAL_AUDIT_CHECKPOINT_SECONDS", 900, minimum=60)
# Also mail each day's checkpoint to the supervisors: a copy no one on the server can take back.
AUDIT_CHECKPOINT_MAIL = env_bool("NETRAL_AUDIT_CHECKPOINT_MAIL", False)
CELERY_BEAT_SCHEDULE["audit-checkpoint"] = {
    "task": "netral.audit.checkpoint",
    "schedule": float(AUDIT_CHECKPOINT_SECONDS),
}
CELERY_BEAT_SCHEDULE["audit-checkpoint-mail"] = {
    "task": "netral.audit.checkpoint_mail",
    "schedule": crontab(minute=30, hour=6),
}
RETENTION_IDEMPOTENCY_DAYS = env_int("NETRAL_RETENTION_IDEMPOTENCY_DAYS", 30, minimum=1)
RETENTION_LOGIN_DAYS = env_int("NETRAL_RETENTION_LOGIN_DAYS", 30, minimum=1)
RETENTION_JOBS_DAYS = env_int("NETRAL_RETENTION_JOBS_DAYS", 30, minimum=1)
# A named reporter's sealed identity, counted from the case's closing (UNCONFIRMED in law).
RETENTION_IDENTITY_DAYS = env_int("NETRAL_RETENTION_IDENTITY_DAYS", 730, minimum=1)
# Monitoring items never promoted to a finding, counted from their election's voting day.
RETENTION_MONITORING_DAYS = env_int("NETRAL_RETENTION_MONITORING_DAYS", 180, minimum=1)
# Monitoring: feeds polled, scoring chunks a stopped worker left queued again.
CELERY_BEAT_SCHEDULE["monitoring-feeds"] = {
    "task": "netral.monitoring.poll_feeds",
    "schedule": 900.0,
}
CELERY_BEAT_SCHEDULE["monitoring-scan-resume"] = {
    "task": "netral.monitoring.scan_resume",
    "schedule": 600.0,
}

# --- Mail ----------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("NETRAL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("NETRAL_EMAIL_HOST", "localhost")
EMAIL_PORT = env_port("NETRAL_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("NETRAL_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_secret("NETRAL_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("NETRAL_EMAIL_TLS", False)
# A mail server that accepts the connection and then hangs must not hold a job forever.
EMAIL_TIMEOUT = env_int("NETRAL_EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("NETRAL_EMAIL_FROM", "Netral <netral@localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice(
            "NETRAL_LOG_LEVEL",
            "WARNING",
            ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"),
            upper=True,
        ),
    },
}

# --- The web server (netral serve) -----------------------------------------------------------
WEB_HOST = env_str("NETRAL_HOST", "127.0.0.1")
WEB_PORT = env_port("NETRAL_PORT", 8000)
WEB_WORKERS = env_int("NETRAL_WEB_WORKERS", 2, minimum=1, maximum=64)
