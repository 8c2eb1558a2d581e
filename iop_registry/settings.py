"""Settings for IOP-registret, read from the environment through django-environ.

Every setting that differs between a laptop and production is an environment variable;
the README lists them. With DEBUG off, SECRET_KEY must be set.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP
from pythonjsonlogger.core import RESERVED_ATTRS as RESERVED_LOG_ATTRS

from operations.conf import redis_cache, s3_storage

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
)
environ.Env.read_env(BASE_DIR / ".env")

# Django's own minimum for a production key (`check --deploy`, security.W009).
SECRET_KEY_MIN_LENGTH = 50


def secret(name: str, default: str | None = None) -> str:
    """A secret exactly as set. django-environ reads a value starting with `$` as the name of
    another variable (`SECRET_KEY='$HOME'` would become `/root`, and a generated key starting
    with `$` recursed until it crashed), and 0.14 cannot turn that off: secrets skip it."""
    value = env.ENVIRON.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


DEBUG = env("DEBUG")
if DEBUG:
    # A fresh key per process is fine for development; sessions simply end on restart.
    SECRET_KEY = secret("SECRET_KEY", default=get_random_secret_key())
else:
    SECRET_KEY = secret("SECRET_KEY")
    if len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"SECRET_KEY is {len(SECRET_KEY)} characters long; with DEBUG off it must be at least "
            f"{SECRET_KEY_MIN_LENGTH} random characters. Make one with: python -c "
            '"from django.core.management.utils import get_random_secret_key as k; print(k())"'
        )
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks_db",
    "health_check",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "accounts",
    "partnerships",
    "payments",
    "meetings",
    "initiatives",
    "participants",
    "portal",
    "reports",
    "contracting",
    "audit",
    "notifications",
    "terminations",
    "dashboard",
    "operations",
    "imports",
    "exports",
    "api",
    "archive",
    # The project itself, above every app: load_demo puts every app's demo data together.
    "iop_registry",
]

MIDDLEWARE = [
    # First: every log line of the request, the 500 included, carries its request id.
    "iop_registry.requestlog.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Swedish 404 and 400 pages with DEBUG on as well (issue 14): outside the session, locale and
    # user middleware, so a 400 any of them raises is caught too.
    "iop_registry.middleware.SwedishErrorPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's AuthenticationMiddleware, reading the user through the shared cache (accounts/usercache.py).
    "accounts.usercache.CachedUserMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # request.access: after OTPMiddleware, which wraps the request.user the access holds.
    "accounts.access.AccessMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "iop_registry.middleware.NoStorePersonalDataMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Roles and permissions in one query (issue 10); authenticates nobody, ModelBackend does.
    "accounts.backends.RolesAndPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (accounts/sso.py); answers nobody unless the OIDC_* settings below are given.
    "accounts.sso.MunicipalOIDCBackend",
]

# Single sign-on with the municipality's OpenID Connect provider (issue 13, README "Single
# sign-on"): offered when OIDC_RP_CLIENT_ID and the provider's endpoints are set.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = secret("OIDC_RP_CLIENT_SECRET", default="")  # as it is, a leading `$` too
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")  # optional: the ID token suffices
OIDC_OP_LOGOUT_ENDPOINT = env.str("OIDC_OP_LOGOUT_ENDPOINT", default="")  # end_session_endpoint
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
# group name -> {"role": "handläggare", "committees": ["AN"]} (JSON; accounts.sso.mapped)
OIDC_ROLE_MAP = env.json("OIDC_ROLE_MAP", default={})
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the hint for the provider's end-session endpoint at logout
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
OIDC_OP_LOGOUT_URL_METHOD = "accounts.sso.provider_logout_url"
OIDC_CREATE_USER = True


def origin_of(url: str) -> list[str]:
    """The scheme, host and port of `url` as a CSP source ([] for none)."""
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


ROOT_URLCONF = "iop_registry.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.access",
                "iop_registry.context_processors.municipality",
            ],
        },
    },
]

WSGI_APPLICATION = "iop_registry.wsgi.application"

# The URL may hold the database password: read as a secret, then parsed.
DATABASES = {
    "default": env.db_url_config(secret("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the pages' queries are short, and PostgreSQL compiles whenever its
    # estimate passes jit_above_cost, which a filtered list's pessimistic estimate does: at
    # national scale a bounded count of 24 ms took 150 ms, 140 of them compiling (issue 22).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The occupancy index (participants.Placement) carries INCLUDE columns for PostgreSQL; SQLite
# builds it without them, which is what it should do.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login and sessions (OWASP ASVS level 2, chapters 2 and 3).
# Wrong passwords lock a user name from one address after LOGIN_FAILURE_LIMIT, and the whole
# address after LOGIN_IP_FAILURE_LIMIT across user names (password spraying): accounts/lockout.py.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_IP_FAILURE_LIMIT = env.int("LOGIN_IP_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # order: accounts/lockout.py
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
SESSION_COOKIE_AGE = 60 * env.int("IDLE_TIMEOUT_MINUTES", default=30)
# The timeout counts from the last request (an idle timeout): accounts.middleware.IdleTimeoutMiddleware
# saves the session, moving its end on, at most once every SESSION_REFRESH_SECONDS, not on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=60)
# However active, a session ends this many hours after the login (accounts/middleware.py).
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=10)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# Flash messages name participants ("Amina Exempelsson was saved."): keep them in the session,
# on the server, never in a cookie the browser holds.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# Password reset by e-mail (accounts/password_reset.py): the link's lifetime, and how many
# requests one client address and one e-mail address may make in a window.
PASSWORD_RESET_TIMEOUT = 3600 * env.int("PASSWORD_RESET_HOURS", default=2)
PASSWORD_RESET_WINDOW_MINUTES = env.int("PASSWORD_RESET_WINDOW_MINUTES", default=60)
PASSWORD_RESET_LIMIT_PER_IP = env.int("PASSWORD_RESET_LIMIT_PER_IP", default=10)
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
OTP_REQUIRED_ROLES = env.list("OTP_REQUIRED_ROLES", default=["systemförvaltare"])
OTP_TOTP_ISSUER = "IOP-registret"

# HTTPS and browser protections; on by default whenever DEBUG is off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# A load balancer probes each application server directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Per-address limits (lockout, password reset) count the client's address: behind the proxy the
# last X-Forwarded-For entry, taken only from a request that came from one of these addresses
# (core/client_ip.py). By default the proxies gunicorn trusts.
TRUSTED_PROXIES = env.list(
    "TRUSTED_PROXIES", default=env.list("GUNICORN_FORWARDED_ALLOW_IPS", default=["127.0.0.1"])
)
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Django 6's Content-Security-Policy: nothing inline, nothing from elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    # the logout form's redirect goes on to the provider's end-session endpoint (accounts/sso.py)
    "form-action": [CSP.SELF, *origin_of(OIDC_OP_LOGOUT_ENDPOINT)],
    "frame-ancestors": [CSP.NONE],
}

# The API (api/, issue 15): token authentication only (no session, so no CSRF and no reuse of a
# browser's login), read-only but for a partner's follow-up, paginated, documented at /api/docs/.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.HashedTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "IOP-registret API",
    "DESCRIPTION": "Agreements, partners, committees, follow-ups, the forecast and key figures. "
    "Authenticate with `Authorization: Bearer <token>`; a token is made on the account page.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Swagger UI from the drf-spectacular-sidecar package's files: no CDN (CSP: 'self' only).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"LevelEnum": "partnerships.models.Level"},
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Uploaded documents hold personal and contractual data: kept outside every public URL and
# served only through views that check the user may see them.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_MB", default=20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# An import file (imports/files.py): the size its XLSX unpacks to, and its rows, both checked
# before the file is parsed (a 303 KiB XLSX that unpacked to 300 MB held a worker for 31 s).
IMPORT_MAX_UNCOMPRESSED_MB = env.int("IMPORT_MAX_UNCOMPRESSED_MB", default=20)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=2000)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "attachments": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT / "attachments", "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Shared document storage for more than one application server: an S3-compatible bucket.
if env("S3_BUCKET", default=""):
    STORAGES["attachments"] = s3_storage(
        bucket=env("S3_BUCKET"),
        endpoint_url=env("S3_ENDPOINT_URL", default=""),
        access_key=env("S3_ACCESS_KEY_ID", default=""),
        # Read as it is: django-environ would take a secret starting with '$' for a reference.
        secret_key=os.environ.get("S3_SECRET_ACCESS_KEY", ""),
        region=env("S3_REGION", default=""),
        location=env("S3_PREFIX", default="attachments"),
    )

# Shared cache: with REDIS_URL, django-redis, one cache for every application server. Without
# it, each process has its own memory cache. The login lockout (accounts/lockout.py) counts in
# the database, which every server shares, so a lockout earned on one holds on all.
if os.environ.get("REDIS_URL"):
    CACHES = redis_cache(os.environ["REDIS_URL"])  # as it is: a password may start with a dollar
    # Sessions stay in the database and are read through the shared cache: a warm request reads
    # no session row (issue 22). Only with a cache every process shares: with a memory cache per
    # process, a logout or a new flash message on one gunicorn worker would leave the old
    # session in another worker's memory, still logged in. With Redis down the cache fails open
    # (operations/cache.py) and the session is read from the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The logged-in user read from the cache for at most this many seconds (accounts/usercache.py):
# only a cache every process shares can be told at once that a user changed.
CACHED_USER_SECONDS = 60 if os.environ.get("REDIS_URL") else 0

# Background work: Django's task framework, queued in the database (django-tasks-db) and run by
# `python manage.py run_worker` (operations/worker.py: django-tasks-db's db_worker that survives a
# database restart). `python manage.py enqueue_daily` enqueues DAILY_TASKS once a day.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
DAILY_TASKS = env.list(
    "DAILY_TASKS", default=["participants.tasks.gallra", "notifications.tasks.send_reminders"]
)
# /health/ reports the task queue down when no task worker (`manage.py run_worker`, which
# writes a heartbeat every 15 seconds) has been seen for this long; 0 turns the check off.
TASK_WORKER_MAX_SILENCE_SECONDS = env.int("TASK_WORKER_MAX_SILENCE_SECONDS", default=60)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# Gallring (`python manage.py gallra`): a participant's identifiers are removed this many months
# after their last placement ended. Five years by default, as social-services case files are
# culled five years after the last entry; the committee's document management plan decides.
RETENTION_MONTHS = env.int("RETENTION_MONTHS", default=60)
# Initiatives (issue 23): a declined initiative's personal data (contact person, the thread, the
# attachments) are removed by `gallra` this many months after the decision.
INITIATIVE_RETENTION_MONTHS = env.int("INITIATIVE_RETENTION_MONTHS", default=24)
# The intake's spam protection: the proof of work's difficulty (numbers the browser may have to
# try) and the submissions one client address may make per hour.
INITIATIVE_POW_MAX_NUMBER = env.int("INITIATIVE_POW_MAX_NUMBER", default=50_000)
INITIATIVE_LIMIT_PER_HOUR = env.int("INITIATIVE_LIMIT_PER_HOUR", default=5)

# E-mail (reminders, issue 12): EMAIL_URL as django-environ reads it, e.g.
# smtp+tls://user:password@smtp.example.org:587; the demo (DEBUG) prints mails to the console,
# production defaults to an SMTP server on localhost.
# (django-environ expands only a value that starts with "$", which a URL never does.)
# Django 6.1's MAILERS, filled from the URL (the EMAIL_* settings are deprecated).
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS", False),
    "use_ssl": _email.get("EMAIL_USE_SSL", False),
    # A mail server that hangs must not hold a request (an invitation) or the daily job for
    # ever: after this many seconds the e-mail counts as failed and a later run retries it.
    "timeout": env.int("EMAIL_TIMEOUT", default=10),
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {key: value for key, value in _smtp_options.items() if value}
        if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="iop-registret@localhost")
# The registry's own address, for links in e-mails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# The municipality whose committee papers the product prints (data, not template text).
MUNICIPALITY_NAME = env("MUNICIPALITY_NAME", default="Linköpings kommun")

# The municipality's guideline for IOP, which the decision memos cite (docs/domain.md, IKF decision memo: "riktlinje för
# Idéburet Offentligt Partnerskap (KS2016-313)"; the follow-up memo (docs/domain.md): "2016 fattade KF beslut om Riktlinjer").
IOP_GUIDELINES_REFERENCE = env("IOP_GUIDELINES_REFERENCE", default="KS2016-313")
IOP_GUIDELINES_YEAR = env.int("IOP_GUIDELINES_YEAR", default=2016)

# The agreement document's signatures (issue 23, contracting/): the certificate issuers whose
# signatures are trusted (a PEM bundle), and the municipality's own seal (a PKCS#12 file and its
# passphrase, read exactly as set). Without trust roots no signed copy can be accepted; without
# the PKCS#12 file sealing is not offered.
SIGNATURE_TRUST_ROOTS = env("SIGNATURE_TRUST_ROOTS", default="")
AGREEMENT_SEAL_PKCS12 = env("AGREEMENT_SEAL_PKCS12", default="")
AGREEMENT_SEAL_PASSPHRASE = os.environ.get("AGREEMENT_SEAL_PASSPHRASE", "")

# /offentligt/: the decided agreements for the public, no login (partnerships/public.py); 0 turns it off.
PUBLIC_PAGE_ENABLED = env.bool("PUBLIC_PAGE_ENABLED", default=True)
# The accessibility statement (templates/accessibility.html, issue 14): where users report
# shortcomings, and the date of the last review of the service.
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", default="iop-registret@linkoping.se")
ACCESSIBILITY_REVIEWED = date.fromisoformat(env("ACCESSIBILITY_REVIEWED", default="2026-12-02"))

# Logging. With DEBUG off: one JSON object a line on stderr, for the platform's log collector,
# with level, time, logger, message, request id, path (no query string), user id and traceback
# (iop_registry/requestlog.py). With DEBUG on, Django's own readable console output.
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
if not DEBUG:
    LOGGING = {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "iop_registry.requestlog.RequestContextFilter"}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": ["levelname", "asctime", "name", "message", "request_id", "path", "user_id"],
                "rename_fields": {"levelname": "level", "asctime": "time", "exc_info": "traceback"},
                "datefmt": "%Y-%m-%dT%H:%M:%S%z",
                # The request object Django attaches to its records is not for the log.
                "reserved_attrs": [*RESERVED_LOG_ATTRS, "request", "server_time"],
            }
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "json",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
        # Django's own loggers write here only, not also through its default console handler.
        "loggers": {"django": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False}},
    }
