"""Local development: SQLite file and the database search backend unless told otherwise."""

import os
from pathlib import Path

# Local state (SQLite file, media) lives in var/, ignored by git.
(Path(__file__).resolve().parents[2] / "var").mkdir(exist_ok=True)
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-in-production")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
os.environ.setdefault("DATABASE_URL", "sqlite:///" + str(Path(__file__).resolve().parents[2] / "var" / "db.sqlite3"))
os.environ.setdefault("INDEX_PREFIX", "coop_dev_")

from .base import *  # noqa: E402, F403

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
DEMO_ADMIN_ALLOWED = True
