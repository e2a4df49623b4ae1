"""Settings of the server processes started by test_shared_limits.py: the test settings, limits on,
the security tests' URLs, one trusted proxy in front (X-Forwarded-For names the client)."""

from cms.settings.test import *  # noqa: F403

ROOT_URLCONF = "tests.security.urls"
RATELIMIT_ENABLE = True
TRUSTED_PROXY_COUNT = 1
