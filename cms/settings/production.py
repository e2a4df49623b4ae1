"""Production: everything from the environment, hardened defaults."""

from .base import *  # noqa: F403
from .environment import ConfigurationError, env_bool, env_int, fail

if SECRET_KEY.startswith(("dev-only", "test-only")) or len(SECRET_KEY) < 40:  # noqa: F405
    fail(ConfigurationError("SECRET_KEY: refusing a development or short key in production (40+ random characters)"))
if not ALLOWED_HOSTS:  # noqa: F405
    fail(ConfigurationError("ALLOWED_HOSTS: required in production (comma-separated host names)"))
if not SITE_URL:  # noqa: F405
    fail(
        ConfigurationError(
            "SITE_URL: required in production, the public address of the site as scheme://host[:port] "
            "(e.g. https://cooperatheque.example); every absolute URL and the Wagtail Site record use it"
        )
    )

DEBUG = False
DEMO_ADMIN_ALLOWED = False
try:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31536000)
except ConfigurationError as error:
    fail(error)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
