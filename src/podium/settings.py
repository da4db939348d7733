"""Django settings for the Podium site.

Everything is configurable by environment variables (all named PODIUM_*),
with defaults that work on a fresh machine: SQLite under ./var, console email,
the database task backend, DEBUG off (``podium demo`` turns it on). The one
table of every variable, its default and what it does is docs/settings.md; a
test checks that table lists every ``PODIUM_*`` name read here.
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(env("PODIUM_DATA_DIR", str(Path.cwd() / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def _secret_key_file() -> str:
    """A random key kept in the data folder (created on first start), as pretix does."""
    from django.core.management.utils import get_random_secret_key

    path = DATA_DIR / ".secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(get_random_secret_key())
    return path.read_text().strip()


# DEBUG is off unless asked for (`podium demo` sets PODIUM_DEBUG=1 for itself).
DEBUG = env_bool("PODIUM_DEBUG", False)
SECRET_KEY = env("PODIUM_SECRET_KEY") or _secret_key_file()
ALLOWED_HOSTS = env_list("PODIUM_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
SITE_URL = env("PODIUM_SITE_URL", "").rstrip("/")
"""Absolute base of links in emails and calendar files; empty: the request's address
(`podium.common.domain.urls`)."""
PODIUM_SITE_NAME = env("PODIUM_SITE_NAME", "Podium")
# Who answers accessibility questions and requests (the /accessibility/ statement; seed 003's address).
PODIUM_ACCESSIBILITY_EMAIL = env("PODIUM_ACCESSIBILITY_EMAIL", "EventRegistration@usip.org")

# --- HTTPS, behind a TLS-terminating proxy (docs/deploy.md) -------------------
SECURE_SSL_REDIRECT = env_bool("PODIUM_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(env("PODIUM_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("PODIUM_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("PODIUM_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("PODIUM_SECURE_COOKIES", False)
BEHIND_TLS_PROXY = env_bool("PODIUM_BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    # Only behind a proxy that sets X-Forwarded-Proto and X-Real-IP itself
    # (docs/deploy.md's nginx example); never trust them from the internet.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The site's own https origin is trusted for CSRF even when the proxy rewrites Host.
CSRF_TRUSTED_ORIGINS = env_list("PODIUM_CSRF_TRUSTED_ORIGINS") or (
    [SITE_URL] if SITE_URL.startswith("https://") else []
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # apnumber: "five business days"
    "django_htmx",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "axes",  # django-axes: locks out repeated failed logins
    "podium.common",
    "podium.accounts",
    "podium.events",
    "podium.publications",
    "podium.registration",
    "podium.briefs",
    "podium.archive",
]

MIDDLEWARE = [
    # django-log-request-id: request.id from X-Request-ID or a new uuid, in every log line
    "podium.common.middleware.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "podium.common.domain.urls.SiteURLMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "podium.urls"
WSGI_APPLICATION = "podium.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "podium.common.context_processors.site",
            ],
        },
    },
]

if env("PODIUM_DB", "sqlite") == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": env("PODIUM_DB_NAME", "podium"),
            "USER": env("PODIUM_DB_USER", "postgres"),
            "PASSWORD": env("PODIUM_DB_PASSWORD"),
            "HOST": env("PODIUM_DB_HOST", "127.0.0.1"),
            "PORT": env("PODIUM_DB_PORT", "5432"),
            "CONN_MAX_AGE": int(env("PODIUM_DB_CONN_MAX_AGE", "60")),
            "CONN_HEALTH_CHECKS": True,
            # A request that waits for a row lock (a seat) gives up after this
            # long and the visitor is asked to try again, as pretix does.
            "OPTIONS": {
                "options": f"-c lock_timeout={int(env('PODIUM_LOCK_TIMEOUT', '3')) * 1000}",
                # Server-side binding: psycopg prepares a statement after it has run
                # a few times, so PostgreSQL stops re-planning the hot queries.
                "server_side_binding": env("PODIUM_DB_SERVER_SIDE_BINDING", "0") == "1",
            },
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("PODIUM_DB_PATH", str(DATA_DIR / "podium.sqlite3")),
            # IMMEDIATE transactions take the write lock at BEGIN, so two
            # registrations cannot both read "one seat left" (see registration).
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": int(env("PODIUM_LOCK_TIMEOUT", "3")),
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_tasks = env("PODIUM_TASKS", "db")
if _tasks == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": env("PODIUM_REDIS_URL", "redis://127.0.0.1:6379/0")}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif _tasks == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:dashboard"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("PODIUM_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every start when it is missing
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # WhiteNoise: compressed copies and hashed names (collectstatic, run by `podium serve`).
    "staticfiles": {"BACKEND": "podium.common.staticfiles.StaticStorage"},
}
WHITENOISE_USE_FINDERS = True

# Uploads (docs/security.md, "Files and uploads"): the size limit of each kind
# of file, in MB, and of a pasted transcript. Pasted text is form data, so
# Django's own limit on form data is raised to fit it (plus 1 MB for the rest
# of the form); larger bodies are refused before any view runs.
PODIUM_MAX_UPLOAD_MB = {
    "document": float(env("PODIUM_MAX_DOCUMENT_MB", "50")),
    "image": float(env("PODIUM_MAX_IMAGE_MB", "10")),
    "recording": float(env("PODIUM_MAX_RECORDING_MB", "4096")),
    "transcript": float(env("PODIUM_MAX_TRANSCRIPT_MB", "20")),
}
DATA_UPLOAD_MAX_MEMORY_SIZE = int((PODIUM_MAX_UPLOAD_MB["transcript"] + 1) * 2**20)

_email = env("PODIUM_EMAIL", "console")
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}.get(_email, "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = DATA_DIR / "sent-mail"
EMAIL_HOST = env("PODIUM_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("PODIUM_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("PODIUM_EMAIL_USER")
EMAIL_HOST_PASSWORD = env("PODIUM_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("PODIUM_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env("PODIUM_FROM_EMAIL", "Podium <events@podium.example>")

# --- Registration (docs/registration.md) ---------------------------------------
PODIUM_PRIVACY_URL = env("PODIUM_PRIVACY_URL")
PODIUM_MANAGE_LINK_MAX_AGE = int(env("PODIUM_MANAGE_LINK_MAX_AGE", str(400 * 24 * 3600)))
PODIUM_REGISTRATION_RETENTION_DAYS = int(env("PODIUM_REGISTRATION_RETENTION_DAYS", "365"))
PODIUM_HOLIDAY_COUNTRY = env("PODIUM_HOLIDAY_COUNTRY", "US")
PODIUM_HOLIDAYS = env_list("PODIUM_HOLIDAYS")

# --- Brief jobs (docs/briefs-site.md) --------------------------------------------
PODIUM_BRIEFS_HEARTBEAT_SECONDS = float(env("PODIUM_BRIEFS_HEARTBEAT_SECONDS", "5"))
PODIUM_BRIEFS_JOB_STALE_SECONDS = float(env("PODIUM_BRIEFS_JOB_STALE_SECONDS", "60"))
PODIUM_BRIEFS_JOB_ATTEMPTS = int(env("PODIUM_BRIEFS_JOB_ATTEMPTS", "3"))

# --- Cache (rate limits) -------------------------------------------------------
# Redis when PODIUM_CACHE_URL is set (several machines); otherwise a file cache
# in the data folder, which every server process on this machine shares.
if env("PODIUM_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("PODIUM_CACHE_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }
# (The file cache increments without a lock: under a burst a few more requests
# than a limit may pass; PODIUM_CACHE_URL gives exact counts.)

# --- Email confirmation before a seat is held ---------------------------------------
# On: a public registration waits, holding no seat, until the registrant opens the
# signed link emailed to them (valid PODIUM_REGISTRATION_CONFIRM_HOURS); unconfirmed
# ones are cancelled by `podium manage expire_offers` after that time.
PODIUM_REGISTRATION_CONFIRM_EMAIL = env("PODIUM_REGISTRATION_CONFIRM_EMAIL", "0").lower() in (
    "1",
    "true",
    "yes",
    "on",
)
PODIUM_REGISTRATION_CONFIRM_HOURS = float(env("PODIUM_REGISTRATION_CONFIRM_HOURS", "24"))

# --- Throttling ------------------------------------------------------------------
# django-ratelimit on the public forms ("N/period", period s, m, h or d);
# the registration benchmark raises PODIUM_RATE_PUBLIC_IP.
PODIUM_RATE_PUBLIC_IP = env("PODIUM_RATE_PUBLIC_IP", "60/10m")
PODIUM_RATE_PUBLIC_EMAIL = env("PODIUM_RATE_PUBLIC_EMAIL", "5/h")
# django-axes on the login form: lock a username from an address after N failures.
AXES_FAILURE_LIMIT = int(env("PODIUM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("PODIUM_LOGIN_LOCKOUT_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client's address: X-Real-IP as the proxy passes it on, when behind one.
RATELIMIT_IP_META_KEY = "podium.registration.views.throttle.client_address"
if BEHIND_TLS_PROXY:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_REAL_IP", "REMOTE_ADDR"]

# --- Logging ---------------------------------------------------------------------
# Every line carries the request id (django-log-request-id: X-Request-ID from the
# proxy, or a new one); errors go out with their traceback. PODIUM_LOG_FILE adds a file.
LOG_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
_log_handlers = ["console"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "log_request_id.filters.RequestIDFilter"}},
    "formatters": {
        "standard": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "standard",
        }
    },
    "root": {"handlers": _log_handlers, "level": "WARNING"},
    "loggers": {
        "podium": {"level": env("PODIUM_LOG_LEVEL", "INFO")},
        # Django's defaults only print errors when DEBUG is on: log them always.
        "django": {"level": "INFO", "handlers": [], "propagate": True},
        "django.request": {"level": "ERROR", "handlers": [], "propagate": True},
    },
}

FORM_RENDERER = "podium.common.forms.SiteFormRenderer"
"""Every form field renders through common/field.html ({{ field.as_field_group }})."""

if env("PODIUM_LOG_FILE"):
    LOGGING["handlers"]["file"] = {
        "class": "logging.handlers.WatchedFileHandler",  # logrotate-friendly
        "filename": env("PODIUM_LOG_FILE"),
        "filters": ["request_id"],
        "formatter": "standard",
    }
    _log_handlers.append("file")

if env("PODIUM_SENTRY_DSN"):
    # Optional: `pip install sentry-sdk`; imported only when a DSN is given.
    import sentry_sdk

    sentry_sdk.init(
        dsn=env("PODIUM_SENTRY_DSN"),
        environment=env("PODIUM_SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=0.0,
    )
