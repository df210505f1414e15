"""The one settings file. Everything that differs between machines comes from the
environment, so the same code runs `make run`, the test suite and production.

Environment variables (all optional for local use):
  SECRET_KEY, DEBUG, ALLOWED_HOSTS (comma separated), CSRF_TRUSTED_ORIGINS,
  DATABASE_URL (postgres://... ; default: SQLite in DATA_DIR),
  STRIDEWISE_DATA_DIR, TIME_ZONE, EMAIL_URL-style settings (EMAIL_HOST, EMAIL_PORT,
  EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL),
  SECURE_SSL_REDIRECT, SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE, SECURE_HSTS_SECONDS,
  SECURE_HSTS_PRELOAD, BEHIND_TLS_PROXY, SHOE_DEFAULT_LIMIT_KM,
  TASKS_BACKEND, TASKS_OPTIONS, EXTRA_APPS, REDIS_URL (the task framework),
  IMPORT_STORAGE_BACKEND, IMPORT_STORAGE_OPTIONS (where uploads wait),
  IMPORT_LOCK_DIR, IMPORT_SWEEP_SECONDS, HOUSEKEEPING_SECONDS, STATIC_ROOT (where
  collectstatic writes).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

import dj_database_url
import django_stubs_ext

# Django's generic classes (ModelForm[Session], ModelAdmin[Shoe]) take their type
# argument at run time too, as the type checker reads them (django-stubs).
django_stubs_ext.monkeypatch()

if TYPE_CHECKING:
    from django.http import HttpRequest

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Off unless asked for: `make run` sets DEBUG=true for local development. A server
# started any other way (gunicorn by hand, a container) must never show Django's
# debug page, which prints settings such as DATABASE_URL to whoever hits an error.
DEBUG = env_bool("DEBUG", False)
DATA_DIR = Path(os.environ.get("STRIDEWISE_DATA_DIR", BASE_DIR / "data"))


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one kept in the data folder.

    A self-hosted install should not need a step by hand, and a key that changed on
    every restart would log everybody out, so the first start writes one to disk.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        # The data folder holds health data and the key: the server's user only.
        DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Written whole under a private name, then linked into place, which fails if
    # it exists: when several server workers start on a fresh install at once they
    # all end up with the first key, instead of each keeping its own and
    # rejecting the others' session cookies.
    draft = DATA_DIR / f".secret_key.{os.getpid()}"
    draft.unlink(missing_ok=True)
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_urlsafe(50))
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# "testserver" is not among them: Django's test set-up adds it for the suite only.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    # The REST API (tracker/api): listed so that its Swagger UI is served from the
    # package's own static files, not a CDN.
    "ninja",
    # Before django_tasks_db: tracker's db_worker command extends that app's
    # (Django takes the first app's command of a name).
    "tracker",
    "django_tasks",
    "django_tasks_db",
    *env_list("EXTRA_APPS", []),  # a task backend's app, e.g. django_tasks_rq
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language: the set_language cookie, else the browser's Accept-Language
    # (a logged-in runner's profile choice overrides both: RunnerTimezoneMiddleware).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "tracker.middleware.RunnerTimezoneMiddleware",
    "tracker.middleware.PrivateResponsesMiddleware",
    # Last, so a locked-out login is answered before the view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tracker.context_processors.runner",
                "tracker.context_processors.site",
            ],
        },
    },
]

# SQLite is the embedded default: one file in DATA_DIR, WAL so readers never block
# the writer, IMMEDIATE transactions and a busy timeout so that concurrent writers
# queue instead of failing with "database is locked".
_SQLITE_URL = f"sqlite:///{DATA_DIR / 'stridewise.sqlite3'}"
# Server-side databases keep each worker's connection open for CONN_MAX_AGE seconds
# (checked before reuse), instead of a new connection, and on PostgreSQL a new
# backend process, for every request. dj_database_url.parse() always fills in
# CONN_MAX_AGE itself, so it has to be passed here: a setdefault() after it is a no-op.
# The same for the task workers: django-tasks-db's db_worker loop calls Django's
# close_old_connections() before and after each look for work, as a request does.
# Health checks: a kept connection is tested (a trivial query) before its first use
# in each request or worker loop, so a database restart costs no failed request.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60"))
CONN_HEALTH_CHECKS = env_bool("CONN_HEALTH_CHECKS", True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _SQLITE_URL,
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=CONN_HEALTH_CHECKS,
    )
}


def _keep_private(data_dir: Path, database: Path | None) -> None:
    """The data folder 0700 and the SQLite file 0600, whatever existed before.

    They hold every runner's health data. mkdir's mode only applies to a folder it
    creates, and SQLite creates its file with the process umask (often 0644), so an
    install whose folder was made by hand, or by an older release, would be readable
    by every local user. The -wal and -shm files take the database file's mode.
    """
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    data_dir.chmod(0o700)
    if database is not None:
        os.close(
            os.open(database, os.O_CREAT | os.O_WRONLY, 0o600)
        )  # an empty file is a valid database
        database.chmod(0o600)


if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _keep_private(DATA_DIR, Path(DATABASES["default"]["NAME"]))
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # One SQLite file costs nothing to open; a connection kept across requests would
    # only hold a read snapshot open longer.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "tracker.hashers.OwaspArgon2PasswordHasher",  # why these parameters: tracker/hashers.py
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a rule for passwords: revokes the API tokens when the password changes.
    {"NAME": "tracker.api.tokens.RevokeTokensOnPasswordChange"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "landing"

# Login throttling: 5 failures lock that username from that address for 15 minutes;
# 20 failures from one address, whatever the usernames, lock the address (see
# tracker/throttle.py for how the two limits share axes' one counter).
AXES_FAILURE_LIMIT = 5
STRIDEWISE_ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "tracker.throttle.PairAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = True

# Behind a TLS-terminating proxy (nginx, Caddy...) that sets X-Forwarded-Proto and
# appends the client's address to X-Forwarded-For.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)


def client_ip(request: HttpRequest) -> str | None:
    """The address a lockout is keyed on.

    Behind our own proxy every request comes from the proxy's address, so a lockout
    on it would lock a username out for everybody. The proxy appends the address it
    saw to X-Forwarded-For; only that last entry is trusted, because anything before
    it is whatever the client chose to send.
    """
    from django.conf import settings

    forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_TLS_PROXY and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    remote: str | None = request.META.get("REMOTE_ADDR")
    return remote


AXES_CLIENT_IP_CALLABLE = client_ip
# A share's pages a minute from one address (tracker.sharing.guard says what the
# cache that counts them means with several web workers).
SHARE_RATE_LIMIT = int(os.environ.get("SHARE_RATE_LIMIT", "60"))
# The API's requests per runner (django-ninja's throttle: "number/period", the period
# s, m, h or d), counted in the same cache: a script syncing a log makes a few
# hundred requests; a loop gone wrong is stopped before it loads the server.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300/m")

LANGUAGE_CODE = "en"
# The languages a runner can choose; a new one is a catalogue under LOCALE_PATHS
# (docs/design.md, "Add a language"). The names are shown in their own language.
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "tracker" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
# Hashed, compressed files with a far-future cache header in production; plain files
# from the app folders when developing (and under test: tests/settings.py), so no
# collectstatic is needed there.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Uploads waiting for their import job (tracker.imports.storage): a private
    # folder in the data folder, no URL; or, through the two variables, any storage
    # class, e.g. an S3-compatible bucket (README, "Growing past one machine").
    "imports": {
        "BACKEND": os.environ.get(
            "IMPORT_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": json.loads(os.environ["IMPORT_STORAGE_OPTIONS"])
        if os.environ.get("IMPORT_STORAGE_OPTIONS")
        else {
            "location": DATA_DIR / "import-spool",
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# E-mail: the console by default (password-reset links appear in the server's
# output); SMTP as soon as EMAIL_HOST is set.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "stridewise@localhost")

# Security headers. Cookies and HSTS are strict whenever DEBUG is off; a deployment
# behind a TLS-terminating proxy sets SECURE_PROXY_SSL_HEADER through the env.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Preloading HSTS is a promise about the whole domain and its subdomains that takes
# months to undo, so it is the deployer's choice (SECURE_HSTS_PRELOAD=true), and
# `check --deploy` should not nag a self-hosted install into making it.
SILENCED_SYSTEM_CHECKS = [] if env_bool("SECURE_HSTS_PRELOAD", False) else ["security.W021"]

# Content-Security-Policy: no inline script or style anywhere; charts get their data
# through json_script (a non-executable JSON block) and draw from our own static JS.
# plotly.js sets element styles from script, which CSP allows (style-src governs
# <style> and style="" attributes in markup, not CSSOM writes), except that it also
# injects one <style> element for its modebar, hence the nonce-less 'self' + blob:.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Caches, in each web worker's own memory: "default" is Django's own (the share
# pages' rate limit); "charts" keeps the dashboard's rendered charts, keyed on the
# log's version (tracker/views/dashboard.py: any write makes a new key), so a
# dashboard seen again with no write in between skips its chart queries and
# rendering. Few entries: a ten-year "All" dashboard's charts are ~100 KB.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "charts": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "charts",
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 64},
    },
}

# Background work runs on Django's task framework (django-tasks, the backport of
# Django 6's django.tasks): a job is a row of the database queue that any
# `manage.py db_worker` on any machine can claim. TASKS_BACKEND (and TASKS_OPTIONS,
# JSON) switch it to another backend of the same framework without a code change;
# the test suite runs tasks with the immediate backend (tests/tracker/conftest.py),
# except in the tests that start a real worker process.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
        "OPTIONS": json.loads(os.environ.get("TASKS_OPTIONS") or "{}"),
    }
}
# For the RQ backend (django-tasks-rq): its queue, in django-rq's terms.
if os.environ.get("REDIS_URL"):
    RQ_QUEUES = {"default": {"URL": os.environ["REDIS_URL"]}}
# Where the import jobs' locks live when the database is not PostgreSQL (SQLite:
# one machine), and how often each worker looks for jobs whose worker died.
IMPORT_LOCK_DIR = Path(os.environ.get("IMPORT_LOCK_DIR") or DATA_DIR / "locks")
IMPORT_SWEEP_SECONDS = float(os.environ.get("IMPORT_SWEEP_SECONDS", "30"))
# How often the sweep enqueues the housekeeping task (orphaned uploads, old tokens).
HOUSEKEEPING_SECONDS = float(os.environ.get("HOUSEKEEPING_SECONDS", "3600"))
# A task worker runs at this lower CPU priority (nice), so that on a machine that
# also serves pages an import of a 10 MB CSV yields the processor to runners'
# requests. 0 keeps the worker at the web server's priority.
TASK_WORKER_NICENESS = int(os.environ.get("TASK_WORKER_NICENESS", "10"))

# Uploads: Django keeps small ones in memory and larger ones in a temporary file that
# is deleted after the request; nothing uploaded is ever saved under a served path.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 500
# Files and folders the storage API writes (the import spool) are the server's alone.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# The distance after which a pair of shoes counts as worn out when the runner has not
# set its own limit. EVIDENCE.md: the usual 480-800 km range is convention; we take
# the middle.
SHOE_DEFAULT_LIMIT_KM = int(os.environ.get("SHOE_DEFAULT_LIMIT_KM", "650"))

# The API's lists: ?limit= defaults to 50 rows and takes at most 500 (tracker/api).
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

# Django's request and development-server lines go through a filter that blanks a
# share link's token (tracker.sharing.redact); the server's own handler and format
# are Django's defaults, restated because configuring the logger replaces them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_share_tokens": {"()": "tracker.sharing.redact.RedactShareTokens"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {
            "level": "INFO",
            "class": "logging.StreamHandler",
            "formatter": "django.server",
        },
    },
    "loggers": {
        "django.request": {"filters": ["redact_share_tokens"]},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["redact_share_tokens"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
