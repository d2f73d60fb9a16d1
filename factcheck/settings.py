"""Settings read from the environment. Fail closed: DEBUG is off unless set to a true value.

The local demo (`make run`) sets DEBUG=1; production sets SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL and FACTCHECK_PUBLISHER_URL (see .env.example).
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def envlist(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = envbool("DEBUG", False)

# A key that is set but blank (an empty line in .env, a stray space) is a mistake, not a
# request for the development key; only an unset key in DEBUG gets that.
SECRET_KEY = os.environ.get("SECRET_KEY")
if SECRET_KEY is not None and not SECRET_KEY.strip():
    raise ImproperlyConfigured("SECRET_KEY is set but empty or only whitespace.")
if SECRET_KEY is None:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if not DEBUG else "*")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "sources",
    "claims",
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
    "factcheck.middleware.DatabaseErrorMiddleware",
]

ROOT_URLCONF = "factcheck.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "factcheck" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "factcheck.wsgi.application"

# Connections: never persistent per thread. `runserver` starts a thread per request and
# nothing closes a thread's connection when it ends, so CONN_MAX_AGE=60 filled PostgreSQL's
# max_connections (23 of 200 answers were 503 at 20 clients). On PostgreSQL each process
# keeps a psycopg pool of at most DB_POOL_SIZE connections instead (0: no pool, one
# connection per request, closed at its end); gunicorn refuses to start when workers x pool
# exceed what the server allows (factcheck/dbcapacity.py).
DB_POOL_SIZE = envint("DB_POOL_SIZE", 4)
# Bounded waits, below gunicorn's 30 s worker timeout: a row lock held elsewhere fails the
# write after DB_LOCK_TIMEOUT_MS (a JSON 503 with Retry-After) instead of tying up every
# worker until gunicorn kills it with an empty 500. 0 turns a limit off (long migrations).
DB_LOCK_TIMEOUT_MS = envint("DB_LOCK_TIMEOUT_MS", 2_000)
DB_STATEMENT_TIMEOUT_MS = envint("DB_STATEMENT_TIMEOUT_MS", 15_000)

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=0, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["connect_timeout"] = envint("DB_CONNECT_TIMEOUT", 5)
    _options["options"] = " ".join(
        filter(
            None,
            [
                _options.get("options", ""),
                f"-c lock_timeout={DB_LOCK_TIMEOUT_MS}",
                f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}",
            ],
        )
    )
    # Server-side binding lets psycopg prepare a statement a connection has run
    # DB_PREPARE_THRESHOLD times, so PostgreSQL stops planning it on every request: planning
    # the claim list's seven joins and conflict subquery took ~8 ms of its ~10 ms. Behind a
    # transaction-pooling PgBouncer older than 1.21, set DB_PREPARE_THRESHOLD=-1 (off).
    DB_PREPARE_THRESHOLD = envint("DB_PREPARE_THRESHOLD", 5)
    if DB_PREPARE_THRESHOLD >= 0:
        _options["server_side_binding"] = True
        _options["prepare_threshold"] = DB_PREPARE_THRESHOLD
    if DB_POOL_SIZE > 0:
        _options["pool"] = {
            "min_size": 1,
            "max_size": DB_POOL_SIZE,
            # A request waits this long for a free connection, then gets a JSON 503; while
            # the database is down, every answer takes this long.
            "timeout": envint("DB_POOL_TIMEOUT", 3),
        }
        # Django has the pool check each connection as it hands it out, so one that died
        # with a database restart is replaced instead of failing a request.

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security headers for production; all are off in the local demo, which serves plain HTTP.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
# Joining the browsers' HSTS preload list is a per-domain decision an operator makes once
# (SECURE_HSTS_PRELOAD=1); until then check --deploy's reminder about it is expected.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Articles are capped so one pasted book cannot stall extraction or the admin page.
ARTICLE_MAX_BYTES = envint("ARTICLE_MAX_BYTES", 1_000_000)
# Worker processes that extract the next chunk's claims while `ingest` writes the current
# one (claims.services.ingest.ingest_chunks); 0 extracts in the ingesting process.
INGEST_EXTRACT_WORKERS = envint("INGEST_EXTRACT_WORKERS", 1)

# Who publishes the ClaimReview verdicts, and the canonical address of the public pages.
# Unset, URLs are built from the request's host (the demo); `check --deploy` insists on a
# public https URL when DEBUG is off (claims/checks.py).
FACTCHECK_PUBLISHER_NAME = os.environ.get("FACTCHECK_PUBLISHER_NAME", "Factcheck Tracker")
FACTCHECK_PUBLISHER_URL = os.environ.get("FACTCHECK_PUBLISHER_URL", "").strip()

# The anonymous throttle counts in a cache every process shares: Redis when REDIS_URL (or a
# Redis broker) is set, the database otherwise (`migrate` creates its table). A per-process
# cache let 579 of 700 requests through a 120/minute limit on 5 gunicorn workers.
REDIS_URL = os.environ.get("REDIS_URL") or (
    os.environ["CELERY_BROKER_URL"]
    if os.environ.get("CELERY_BROKER_URL", "").startswith(("redis://", "rediss://"))
    else ""
)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
}
# How many proxies in front of the app append to X-Forwarded-For. 0 (default): the client is
# the connection's address and the header is ignored, so a made-up header cannot pick a
# fresh throttle bucket per request.
NUM_PROXIES = envint("NUM_PROXIES", 0)

# The desk. Deciding is not publishing: an editor publishes a verdict; with four eyes on,
# never the one who decided it.
FACTCHECK_FOUR_EYES = envbool("FACTCHECK_FOUR_EYES", True)
# What a verdict needs, per status: a number of evidence URLs and/or a public rationale.
# Override with JSON, e.g. FACTCHECK_VERDICT_RULES='{"confirmed": {"evidence": 2}}'.
DEFAULT_VERDICT_RULES = {
    "confirmed": {"evidence": 1},
    "false": {"evidence": 1},
    "disputed": {"evidence": 1},
    "unverifiable": {"rationale": True},
}
FACTCHECK_VERDICT_RULES = (
    json.loads(os.environ["FACTCHECK_VERDICT_RULES"])
    if os.environ.get("FACTCHECK_VERDICT_RULES")
    else DEFAULT_VERDICT_RULES
)

# Assignment e-mails. The demo prints them on the console.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "desk@factcheck.invalid")

# Webhooks: attempts in all, the first retry's delay (doubling each time), request timeout.
WEBHOOK_MAX_ATTEMPTS = envint("WEBHOOK_MAX_ATTEMPTS", 6)
WEBHOOK_BACKOFF_SECONDS = envint("WEBHOOK_BACKOFF_SECONDS", 30)
WEBHOOK_TIMEOUT_SECONDS = envint("WEBHOOK_TIMEOUT_SECONDS", 5)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.ReadPublicOrAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # DRF's defaults, with deeply nested JSON answered 400 instead of a RecursionError 500.
    "DEFAULT_PARSER_CLASSES": [
        "claims.api.parsers.DepthSafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.UpdatedCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["claims.api.throttling.SharedAnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("ANON_THROTTLE_RATE", "120/minute")},
    "NUM_PROXIES": NUM_PROXIES,
    "EXCEPTION_HANDLER": "claims.api.errors.json_exception_handler",
}

# Anonymous visitors may read the API unless this is turned on.
API_REQUIRE_LOGIN = envbool("API_REQUIRE_LOGIN", False)

SPECTACULAR_SETTINGS = {
    "TITLE": "Factcheck Tracker API",
    "DESCRIPTION": "Claims extracted from news articles, their verification status and history.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # 3.1 writes a nullable reference as oneOf [ref, null], which validators accept.
    "OAS_VERSION": "3.1.0",
    # Bodies are documented as JSON only; form parsers stay for the browsable API.
    "PARSER_WHITELIST": ["claims.api.parsers.DepthSafeJSONParser"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.declare_common_answers",
    ],
    # Swagger UI from the installed package, so /api/docs/ works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

# Background ingest. Without a broker, tasks run inline in the request or command.
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("CELERY_BROKER_URL")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose worker died stays "unacked" in Redis until the visibility timeout; sweep for
# such tasks every few seconds (kombu's default sweep runs only every 100 s). A worker
# killed during a sweep leaves its lock behind until it expires (kombu: 300 s), holding up
# every other sweep; the scan takes milliseconds, so let the lock lapse much sooner.
CELERY_VISIBILITY_TIMEOUT = envint("CELERY_VISIBILITY_TIMEOUT", 300)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": min(10, max(1, CELERY_VISIBILITY_TIMEOUT // 3)),
    "unacked_restore_throttle": 1,
    "unacked_mutex_expire": max(5, min(30, CELERY_VISIBILITY_TIMEOUT)),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
