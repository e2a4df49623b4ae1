"""Tests: the environment chooses the database and the search engine (see scripts/test.sh)."""

import os
from pathlib import Path

from cms.settings.environment import default_env

# Local state (SQLite file, media) lives in var/, ignored by git.
(Path(__file__).resolve().parents[2] / "var").mkdir(exist_ok=True)
default_env("SECRET_KEY", "test-only-insecure-key")
default_env("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
default_env("DATABASE_URL", "sqlite:///" + str(Path(__file__).resolve().parents[2] / "var" / "test.sqlite3"))
default_env("SITE_URL", "http://127.0.0.1:8000")
default_env("INDEX_PREFIX", "coop_test_")
# pytest-xdist runs the suite in several processes (scripts/test.sh): each gets its own indexes and media,
# as pytest-django gives each its own test database (test_coop_gw0, ...). Written to the environment, which
# base.py reads and subprocesses inherit: a `manage.py` started by a test must not add the suffix twice.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
_worker_suffix = f"{_xdist_worker}_" if _xdist_worker else ""
if not os.environ["INDEX_PREFIX"].endswith(_worker_suffix):
    os.environ["INDEX_PREFIX"] += _worker_suffix

from .base import *  # noqa: E402, F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / ("test-media-" + _xdist_worker if _xdist_worker else "test-media")  # noqa: F405
IMPORT_FILES_ROOT = BASE_DIR / "var" / ("test-imports-" + _xdist_worker if _xdist_worker else "test-imports")  # noqa: F405
DEMO_ADMIN_ALLOWED = False

# Browser tests hit the live server from several threads at once (the admin pings while a form
# posts): a shared in-memory SQLite database locks, a test database in a file does not.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db.sqlite3")}  # noqa: F405
    # Writers queue up (BEGIN IMMEDIATE + a busy timeout) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})  # noqa: F405

# Rate limits (cms/ratelimit.py) off: a test suite or a benchmark sends hundreds of requests from one
# address. tests/security switches them on where it checks them.
RATELIMIT_ENABLE = False

# The page cache stays off in tests unless asked (tests/cms/test_pagecache.py and the benchmark turn it on).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# One page-cache folder per test process: the workers (and the two passes) each have their own database, so a
# page one cached must never be served to another (the generation key lives in the folder too).
CACHES["pages"]["LOCATION"] = str(  # noqa: F405
    BASE_DIR / "var" / "cache" / (f"test-pages-{_xdist_worker}" if _xdist_worker else "test-pages")  # noqa: F405
)
