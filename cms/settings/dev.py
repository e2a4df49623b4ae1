"""Local development: SQLite file and the database search backend unless told otherwise."""

import os
from pathlib import Path

from cms.settings.environment import default_env

# Local state (SQLite file, media) lives in var/, ignored by git.
(Path(__file__).resolve().parents[2] / "var").mkdir(exist_ok=True)
default_env("SECRET_KEY", "dev-only-insecure-key-never-in-production")
default_env("DEBUG", "true")
default_env("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
default_env("DATABASE_URL", "sqlite:///" + str(Path(__file__).resolve().parents[2] / "var" / "db.sqlite3"))
default_env("SITE_URL", "http://127.0.0.1:8000")
default_env("INDEX_PREFIX", "coop_dev_")

from .base import *  # noqa: E402, F403

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
DEMO_ADMIN_ALLOWED = True

# No page cache while developing (templates change under your feet); PAGE_CACHE_SECONDS=300 to try it.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
