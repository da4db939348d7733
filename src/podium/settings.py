"""Django settings for the Podium site.

Everything is configurable by environment variables with defaults that work
on a fresh machine (SQLite under ./var, console email, database task backend):

  PODIUM_DEBUG            1/0 (default 1 outside production)
  PODIUM_SECRET_KEY       required when PODIUM_DEBUG=0
  PODIUM_ALLOWED_HOSTS    comma-separated (default localhost names)
  PODIUM_DATA_DIR         where SQLite, uploads and sent emails live (default ./var)
  PODIUM_DB               sqlite (default) or postgres
  PODIUM_DB_NAME/USER/PASSWORD/HOST/PORT   PostgreSQL connection (default podium/postgres@127.0.0.1:5432)
  PODIUM_TASKS            db (default, django-tasks-db), rq (django-tasks-rq on Redis), immediate
  PODIUM_REDIS_URL        default redis://127.0.0.1:6379/0
  PODIUM_EMAIL            console (default), file, smtp, locmem
  PODIUM_SITE_URL         absolute base URL used in emails (default http://127.0.0.1:8000)
  PODIUM_SITE_NAME        the institute's name in page titles, headers and feeds (default Podium)
  PODIUM_ACCESSIBILITY_EMAIL  contact on the accessibility statement (default EventRegistration@usip.org, the seed's)
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
DEBUG = env_bool("PODIUM_DEBUG", True)
SECRET_KEY = env("PODIUM_SECRET_KEY") or ("podium-insecure-development-key" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("PODIUM_SECRET_KEY must be set when PODIUM_DEBUG=0")
ALLOWED_HOSTS = [
    h for h in env("PODIUM_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",") if h
]
SITE_URL = env("PODIUM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
PODIUM_SITE_NAME = env("PODIUM_SITE_NAME", "Podium")
# Who answers accessibility questions and requests (the /accessibility/ statement; seed 003's address).
PODIUM_ACCESSIBILITY_EMAIL = env("PODIUM_ACCESSIBILITY_EMAIL", "EventRegistration@usip.org")

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
    "podium.common",
    "podium.accounts",
    "podium.events",
    "podium.publications",
    "podium.registration",
    "podium.briefs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

AUTHENTICATION_BACKENDS = [
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
                "timeout": 20,
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
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"podium": {"handlers": ["console"], "level": env("PODIUM_LOG_LEVEL", "INFO")}},
}

FORM_RENDERER = "podium.common.forms.SiteFormRenderer"
"""Every form field renders through common/field.html ({{ field.as_field_group }})."""
