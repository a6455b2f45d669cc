"""Settings of the portal.

Everything that differs between machines comes from the environment (see README,
"Configuration"). Secure by default: ``DEBUG`` and ``SERVE_MEDIA`` are off unless set, and
then the portal refuses to start without a secret key (``SECRET_KEY``, or a file named by
``SECRET_KEY_FILE``) and ``ALLOWED_HOSTS``. ``make run`` sets both for loopback, ``make dev``
sets ``DEBUG=1``, and the test run has its own module (``portal/settings_test.py``).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.release import release_id

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """``SECRET_KEY``, else the content of the file ``SECRET_KEY_FILE`` names (``make``
    generates ``.secret_key`` once, git-ignored)."""
    key = os.environ.get("SECRET_KEY", "").strip()
    path = os.environ.get("SECRET_KEY_FILE", "").strip()
    if key or not path:
        return key
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ImproperlyConfigured(f"SECRET_KEY_FILE={path}: không đọc được tệp khóa bí mật ({exc}).") from exc


SECRET_KEY = _secret_key()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY (hoặc SECRET_KEY_FILE) phải được đặt khi DEBUG tắt (mặc định). "
            "`make run` và `make dev` tự đặt; khi phát triển có thể dùng DEBUG=1."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS phải được đặt khi DEBUG tắt (mặc định). "
            "`make run` và `make dev` tự đặt; khi phát triển có thể dùng DEBUG=1."
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "portal.accounts",  # before admin and auth: its sign-in pages and messages win
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_ckeditor_5",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "portal.core",
    "portal.editorial",
    "portal.search",
    "news",
    "meetings",
    "stats",
    "ask",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every answer, cached pages included.
    "portal.core.security.CSPMiddleware",
    "portal.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 413 from Content-Length before the body is read; 400 for NUL or non-UTF-8 input.
    "portal.core.security.RequestSizeMiddleware",
    "portal.core.security.UndecodableInputMiddleware",
    # Anonymous pages from the page cache, before sessions, locale and URL resolving.
    "portal.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sign-in (portal/accounts, docs/logins.md): session lifetimes, the second factor,
    # then django-axes (last of the three: it turns a lockout into the sign-in page).
    "portal.accounts.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.accounts.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
    # Pages shared by every member of staff (views marked @shared_by_staff).
    "portal.pagecache.middleware.StaffPageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The files of a request that ran out of disk space are removed (portal/core/storage.py).
    "portal.core.storage.ForgetFilesOfFailedRequests",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "portal.urls"

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
                "portal.core.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:54329/portal"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Each developer or CI job may use its own throwaway test database.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DB_NAME", "test_portal")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every cache key carries the release (portal/release.py): a deploy starts from an empty
# cache on every server, with no stale page from the old templates or translations.
CACHE_KEY_PREFIX = f"portal-{release_id(BASE_DIR)}"

# One cache setting: a local default shared by every gunicorn worker of one machine
# (the database cache table), or Redis for several machines (REDIS_URL).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Redis down = an empty cache, not an error page (docs/reliability.md).
            "BACKEND": "portal.pagecache.backends.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    # Files under var/cache: shared by every worker of the machine, no extra service, and
    # a hit costs one small file read (BENCHMARKS.md compares it with the database cache).
    CACHES = {
        "default": {
            "BACKEND": "portal.pagecache.backends.FileCache",
            # One folder per database: the bench database's pages never show on `make run`.
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache" / DATABASES["default"]["NAME"])),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000")), "CULL_FREQUENCY": 4},
        }
    }
if os.environ.get("CACHE_BACKEND") == "db":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
# Each worker's own memory for what the page cache keeps (portal/pagecache): recent pages,
# parts of pages and values, each under the publication generation.
CACHES["local"] = {
    "BACKEND": "portal.pagecache.backends.ObjectCache",
    "LOCATION": "pagecache",
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_LOCAL_ENTRIES", "500"))},
}
# The page cache (portal/pagecache): on/off, and the longest anything is kept (publishing,
# withdrawing and scheduled times end it sooner).
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))

# Django's validators with Vietnamese messages; the common list adds Vietnamese passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "portal.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "portal.accounts.passwords.MinimumLengthValidator"},
    {"NAME": "portal.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "portal.accounts.passwords.NumericPasswordValidator"},
]

# -- signing in (portal/accounts, docs/logins.md) ------------------------------------------
# django-axes first: it counts failures and refuses a locked account before any backend.
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    *(["portal.accounts.oidc.OIDCBackend"] if OIDC_ENABLED else []),
]
# Lockout per account and address together, and per account; never per address alone.
AXES_HANDLER = "portal.accounts.lockout.PortalAxesHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("LOGIN_ACCOUNT_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")) / 60 or None  # hours
# A correct password does not wipe the count: someone holding a password but not the code
# must not earn fresh code guesses by signing in again.
AXES_RESET_ON_SUCCESS = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False  # shown by portal/accounts/admin.py, in Vietnamese
AXES_CLIENT_IP_CALLABLE = "portal.core.limits.client_address"
AXES_LOCKOUT_CALLABLE = "portal.accounts.lockout.lockout_response"
AXES_VERBOSE = False
# Two-factor (django-otp): the name authenticator apps show.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Cổng TTĐT Bộ TT&TT")
# Single sign-on (OpenID Connect, mozilla-django-oidc); off unless OIDC_ENABLED=1.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_ROLES_CLAIM = os.environ.get("OIDC_ROLES_CLAIM", "roles")
OIDC_ROLE_MAP = os.environ.get("OIDC_ROLE_MAP", "")  # "claim value=Role name;…"
OIDC_SATISFIES_SECOND_FACTOR = env_bool("OIDC_SATISFIES_SECOND_FACTOR", True)
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
LOGIN_REDIRECT_URL = "/admin/"
LOGIN_REDIRECT_URL_FAILURE = "/admin/login/"
# Sessions: idle and absolute limits for everyone signed in (staff), in seconds.
SESSION_IDLE_TIMEOUT = int(float(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60)
SESSION_ABSOLUTE_TIMEOUT = int(float(os.environ.get("SESSION_MAX_HOURS", "8")) * 3600)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # A save that runs out of space leaves no file behind (portal/core/storage.py).
    "default": {"BACKEND": "portal.core.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# Largest accepted image upload, in bytes.
PORTAL_MAX_IMAGE_BYTES = int(os.environ.get("MAX_IMAGE_BYTES", str(5 * 1024 * 1024)))
# Largest accepted image in pixels, read from the file's header before decoding; the
# memory and time it costs a worker are measured in docs/security.md.
PORTAL_MAX_IMAGE_PIXELS = int(os.environ.get("MAX_IMAGE_PIXELS", str(25_000_000)))
# Request bodies (docs/security.md): a Content-Length above the limit is answered 413
# before the body is read (portal.core.security.RequestSizeMiddleware; nginx's
# client_max_body_size says the same). Signed-in staff send images (MAX_IMAGE_BYTES) and
# meeting documents (20 MiB); readers only small forms.
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", str(25 * 1024 * 1024)))
MAX_ANONYMOUS_REQUEST_BYTES = int(os.environ.get("MAX_ANONYMOUS_REQUEST_BYTES", str(64 * 1024)))
# Form fields other than files, read into memory; files above this go to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cong-ttdt@mic.gov.vn")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

LOGIN_URL = "admin:login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # CKEditor 5 reads the CSRF cookie for its uploads.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Served over TLS (behind nginx): HSTS and a redirect of plain HTTP, on by default in
# production (SECURE_COOKIES on); off for plain HTTP on loopback (`make run`, DEBUG=1).
BEHIND_TLS = not DEBUG and env_bool("SECURE_COOKIES", True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", BEHIND_TLS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers check over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if BEHIND_TLS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", BEHIND_TLS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", BEHIND_TLS)
# Content-Security-Policy (django-csp; docs/security.md): scripts, styles, fonts and images
# only from the portal itself, no inline script or handler anywhere. The admin adds inline
# styles and blob: images for CKEditor 5 (portal.core.security.CSPMiddleware). Violations
# are logged by /csp-report/ on the `portal.csp` logger. CSP_REPORT_ONLY=1 only reports.
_CSP = {
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
        "report-uri": "/csp-report/",
    }
}
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
# Browser features no page of the portal uses (portal.core.security.SecurityHeadersMiddleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# CKEditor 5: our own upload view validates and re-encodes every image.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "editor_image_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "webp"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        "toolbar": [
            "heading",
            "|",
            "bold",
            "italic",
            "link",
            "bulletedList",
            "numberedList",
            "blockQuote",
            "|",
            "imageUpload",
            "insertTable",
            "|",
            "undo",
            "redo",
        ],
        "image": {
            "toolbar": ["imageTextAlternative", "toggleImageCaption", "|", "imageStyle:full"],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Tiêu đề 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Tiêu đề 3",
                    "class": "ck-heading_heading3",
                },
            ]
        },
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Serve /media/ from Django (development, single-server set-ups without nginx).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
# Visits counted by the previous portal, added to the total shown.
VISIT_COUNT_BASE = int(os.environ.get("VISIT_COUNT_BASE", "0"))

# Our own proxies (nginx, deploy/nginx.conf): only a request from one of these addresses or
# networks may name the reader's address in X-Forwarded-For (portal/core/limits.py).
# Nobody by default (set it to nginx's address, e.g. 127.0.0.1 when nginx runs on the same
# machine); being on a private network earns no trust.
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
# Limits of the public POSTs per reader address (django-ratelimit, counted in the default
# cache): loose enough for a 20-person office behind one address, tight for a script.
RATE_LIMITS = {
    "rating": os.environ.get("RATE_LIMIT_RATING", "30/10m"),
    "visit": os.environ.get("RATE_LIMIT_VISIT", "600/10m"),
    "visit_new_browser": os.environ.get("RATE_LIMIT_VISIT_NEW_BROWSER", "60/10m"),
}
RATELIMIT_IP_META_KEY = "portal.core.limits.client_address"
