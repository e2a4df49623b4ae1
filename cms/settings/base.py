"""Settings shared by every environment; safe for production.

Everything that differs between machines comes from the environment; a bad value stops
start-up with one line naming the variable. dev.py and test.py only set defaults/overrides.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from cms.security import FEATURES_OFF, PUBLIC_POLICY
from cms.settings.environment import (
    ConfigurationError,
    env_bool,
    env_database,
    env_int,
    env_list,
    env_required,
    env_shared_cache,
    env_site_url,
    fail,
)
from search.config import search_backends_from_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

try:
    SECRET_KEY = env_required("SECRET_KEY")
    DEBUG = env_bool("DEBUG", default=False)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    # The one public address of the site (scheme://host[:port]): every absolute URL is built on it and the
    # Wagtail Site record is set from it (cms.site_url). Required in production (production.py).
    SITE_URL = env_site_url("SITE_URL")
    DATABASES = {"default": env_database("DATABASE_URL")}
    INDEX_PREFIX = os.environ.get("INDEX_PREFIX", "coop_").strip()
    SEARCH_URL = os.environ.get("SEARCH_URL", "").strip()
    WAGTAILSEARCH_BACKENDS = search_backends_from_url(
        SEARCH_URL, INDEX_PREFIX, replicas=env_int("SEARCH_REPLICAS", default=0)
    )
    # How many reverse proxies in front of the site append to X-Forwarded-For (cms.ratelimit.client_ip).
    TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0)
    SHARED_CACHE = env_shared_cache("CACHE_URL")
except ConfigurationError as error:
    fail(error)

INSTALLED_APPS = [
    "cms",
    "projets",
    "search",
    "precedents",
    "donnees",
    "bench",  # generate_projects: synthetic case studies for the benchmark
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "cms.head.HeadAsGetMiddleware",  # first: every later step sees a HEAD as the GET it is
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "projets.routing.CaseStudyRouteMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.site_url.context_processor",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French first; English interface available through the language switch.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
# Files uploaded to the admin import page, read by the background task: outside MEDIA_ROOT, never served.
IMPORT_FILES_ROOT = Path(os.environ.get("IMPORT_FILES_ROOT", BASE_DIR / "var" / "imports"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Search indexing runs as a background task (django-tasks); the database worker
# (`manage.py db_worker`) consumes it in production. dev/test run tasks immediately.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

WAGTAIL_SITE_NAME = "Coopérathèque"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "").strip() or SITE_URL
# Wagtail's API v2 builds detail_url on this (otherwise on the host of each request).
WAGTAILAPI_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
# Slugs typed or generated in the admin are ASCII, like the imported ones (no /projets/audit-%C3%A9ditorial/).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin calls no third party: no avatars from gravatar.com, no version check on releases.wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail 8's background autosave is off: it duplicates new InlinePanel rows (wagtail/wagtail#14568, open),
# and a case study is mostly inline rows (partners, funding, contracts); in our browser test it also raced
# the "Submit for moderation" click (double "add", 500). Editors save drafts explicitly.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Shared page passwords are stored in clear: only login-based restrictions are offered.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Coopérathèque <noreply@cooperatheque.invalid>")
SITE_DESCRIPTION = _("La base de connaissances des coopérations entre associations et recherche publique.")

# Errors (cms/errors.py): every request gets an id (django-log-request-id), sent back in X-Request-ID, shown on
# the 500 page and written on each log line; LOG_FILE adds a file beside the console; SENTRY_DSN (optional)
# sends unhandled errors to Sentry without visitor data.
MIDDLEWARE.insert(0, "log_request_id.middleware.RequestIDMiddleware")
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "log_request_id.filters.RequestIDFilter"}},
    "formatters": {"with_request_id": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "with_request_id"}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"cms": {"level": "INFO"}, "projets": {"level": "INFO"}, "search": {"level": "INFO"}},
}
if LOG_FILE := os.environ.get("LOG_FILE", "").strip():
    LOGGING["handlers"]["file"] = {
        "class": "logging.handlers.WatchedFileHandler",  # reopened after logrotate moves it
        "filename": LOG_FILE,
        "filters": ["request_id"],
        "formatter": "with_request_id",
    }
    LOGGING["root"]["handlers"].append("file")
if SENTRY_DSN := os.environ.get("SENTRY_DSN", "").strip():
    from cms.errors import init_sentry

    init_sentry(SENTRY_DSN, os.environ.get("SENTRY_ENVIRONMENT", "production").strip())

# --- Hardening (issue 9): headers, uploads, login lockout, rate limits -----------------------------
# CSP (django-csp) and Permissions-Policy (django-permissions-policy) in every environment (cms/security.py);
# right after SecurityMiddleware so even responses produced early (WhiteNoise) carry them.
INSTALLED_APPS += ["csp"]
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE[_after_security:_after_security] = [
    "cms.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
]
CONTENT_SECURITY_POLICY = {"DIRECTIVES": PUBLIC_POLICY}
PERMISSIONS_POLICY = FEATURES_OFF
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Uploads: extension allow-lists, size caps, content sniffing for documents, decoding for images (cms/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.uploads.SafeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.uploads.SafeImageForm"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# Login lockout (django-axes, cms/lockout.py): 5 failures from one client address (whatever the user names),
# or for one user name (from whatever addresses), lock that address or that account for 15 minutes, on the
# admin and front-end logins; answered 429 in French.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # must stay last
AUTHENTICATION_BACKENDS = ["cms.lockout.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cms.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "cms.ratelimit.client_ip"
AXES_USERNAME_FORM_FIELD = "username"

# Rate limits (django-ratelimit through cms/ratelimit.py): counters in a cache every worker shares (the
# database table coop_shared_cache, created by migrate, or Redis with CACHE_URL); the admin's password reset too.
RATELIMIT_USE_CACHE = "shared"
RATELIMIT_ENABLE = True
MIDDLEWARE.insert(MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "cms.ratelimit.PasswordResetLimitMiddleware")

# Anonymous page cache (cms/pagecache.py): public pages kept PAGE_CACHE_SECONDS (0 = off) in a cache
# every worker of the host shares (files under PAGE_CACHE_DIR), emptied on publish, unpublish and edits.
CACHES = globals().get("CACHES", {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
CACHES["shared"] = SHARED_CACHE
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "cache" / "pages")),
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1, "cms.pagecache.PageCacheMiddleware"
)

# Open data and JSON APIs over HTTP (donnees/http.py): conditional GETs (ETag, Last-Modified, 304), gzip for
# data answers only (never HTML: BREACH), 405s in JSON, cross-origin GET on /api/ and the exports only.
INSTALLED_APPS += ["corsheaders"]
for _before, _added in (
    ("cms.head.HeadAsGetMiddleware", "corsheaders.middleware.CorsMiddleware"),
    ("corsheaders.middleware.CorsMiddleware", "donnees.http.DataGZipMiddleware"),
    ("donnees.http.DataGZipMiddleware", "django.middleware.http.ConditionalGetMiddleware"),
    ("django.middleware.common.CommonMiddleware", "donnees.http.JsonMethodNotAllowedMiddleware"),
):
    MIDDLEWARE.insert(MIDDLEWARE.index(_before) + 1, _added)
CORS_ALLOW_ALL_ORIGINS = True  # anonymous, read-only data: no credentials are ever allowed
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = r"^/(api/.*|donnees/[\w.-]+\.(csv|json|xlsx))$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Link",
    "Retry-After",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
]
