"""Read and validate environment variables for the settings modules.

Every error names its variable in one line, and start-up stops on it (see `fail`).
"""

import os
import sys
from urllib.parse import urlsplit

import dj_database_url

from search.config import ConfigurationError

__all__ = [
    "ConfigurationError",
    "default_env",
    "env_bool",
    "env_shared_cache",
    "env_int",
    "env_list",
    "env_database",
    "env_required",
    "env_site_url",
    "fail",
]


def fail(error: ConfigurationError):
    """Stop start-up with one clear line for the operator, no traceback."""
    sys.stderr.write(f"Configuration error: {error}\n")
    raise SystemExit(2)


def env_required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ConfigurationError(f"{name}: required but not set")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ConfigurationError(f"{name}: {raw!r} is not a boolean (use true/false)")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name}: {raw!r} is not an integer") from None
    if value < minimum:
        raise ConfigurationError(f"{name}: {value} is below the minimum {minimum}")
    return value


SUPPORTED_DATABASE_ENGINES = ("django.db.backends.postgresql", "django.db.backends.sqlite3")


def env_database(name: str = "DATABASE_URL", default: str | None = None) -> dict:
    url = os.environ.get(name, "").strip() or default
    if not url:
        raise ConfigurationError(f"{name}: required but not set (e.g. postgres://user:pass@host:5432/db)")
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ConfigurationError(f"{name}: cannot parse {url!r} ({error})") from None
    if config.get("ENGINE") not in SUPPORTED_DATABASE_ENGINES:
        raise ConfigurationError(
            f"{name}: unsupported database {config.get('ENGINE')!r} (use postgres:// or sqlite://)"
        )
    if not config.get("NAME"):
        raise ConfigurationError(f"{name}: no database name in {url!r}")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # SQLite keeps connections per thread; persistent connections bring nothing there.
        config["CONN_MAX_AGE"] = 0
        # Writers queue up behind another writer's transaction (an import's chunk) instead of failing with
        # "database is locked": BEGIN IMMEDIATE takes the write lock first, and waits up to 20 s for it.
        config.setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
    else:
        # PostgreSQL's JIT compiles any query whose estimated cost is high: at 100,000 case studies it spent
        # 400 ms compiling the 8 ms query of a case-study page's organisations. Short web queries never
        # repay the compilation, so it is off for this application's connections (PG_JIT=on restores it).
        options = config.setdefault("OPTIONS", {})
        jit = "on" if os.environ.get("PG_JIT", "").strip().lower() == "on" else "off"
        options["options"] = f"{options.get('options', '')} -c jit={jit}".strip()
        options.update(prepared_statements(os.environ.get("PG_PREPARED_STATEMENTS", "")))
    return config


def prepared_statements(setting: str) -> dict:
    """psycopg's server-side binding, and its prepared statements for a query seen 5 times on a connection.

    A case-study page runs ~16 short queries; PostgreSQL planned each of them anew (~0.5 ms apiece against the
    many indexes of Wagtail's page table): 17 ms of SQL per page at 100,000 case studies, 10 ms prepared.
    PG_PREPARED_STATEMENTS=off goes back to Django's default (client-side binding, nothing prepared), which a
    connection pooler in transaction mode (PgBouncer before 1.21) needs.
    """
    value = setting.strip().lower()
    if value in ("off", "0", "false", "no"):
        return {}
    if value not in ("", "on", "1", "true", "yes"):
        raise ConfigurationError(f"PG_PREPARED_STATEMENTS: {setting!r} is neither on nor off")
    return {"server_side_binding": True, "prepare_threshold": 5}


def env_site_url(name: str = "SITE_URL") -> str:
    """The site's public address, scheme and host (and port), without a path or a trailing slash; "" if unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    try:
        port = parts.port
    except ValueError:
        raise ConfigurationError(f"{name}: {raw!r} has an invalid port") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"{name}: {raw!r} is not an address like https://cooperatheque.example")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigurationError(f"{name}: {raw!r} must be scheme://host[:port] only, without a path")
    if parts.scheme == "https" and port not in (None, 443):
        # Wagtail's Site record writes https only for port 443 (any other port reads back as http://).
        raise ConfigurationError(f"{name}: {raw!r}: an https address must use port 443")
    return f"{parts.scheme}://{parts.netloc.lower()}"


SHARED_CACHE_TABLE = "coop_shared_cache"


def env_shared_cache(name: str = "CACHE_URL") -> dict:
    """The cache every worker shares (rate limits): Redis for redis[s]://host:port/db, else a database table.

    The table is created by `migrate` (cms.apps); it holds short-lived counters, culled past MAX_ENTRIES.
    """
    url = os.environ.get(name, "").strip()
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": SHARED_CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ConfigurationError(
            f"{name}: {url!r} is not a Redis address like redis://redis:6379/0 (or leave it empty)"
        )
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}


def default_env(name: str, value: str) -> None:
    """Like os.environ.setdefault, but an empty variable (`DATABASE_URL=`) also takes the default."""
    if not os.environ.get(name, "").strip():
        os.environ[name] = value
