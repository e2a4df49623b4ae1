"""Turn the SEARCH_URL environment variable into Wagtail's WAGTAILSEARCH_BACKENDS.

Kept free of Django imports so that settings can call it before apps load.
"""

import re
from urllib.parse import unquote, urlsplit


class ConfigurationError(ValueError):
    """A bad environment value; the message names the variable."""


DATABASE_BACKEND = "wagtail.search.backends.database"

# scheme -> (Wagtail backend module, HTTP scheme used by the Python client)
ENGINE_SCHEMES = {
    "opensearch": ("wagtail.search.backends.opensearch2", "http"),
    "opensearchs": ("wagtail.search.backends.opensearch2", "https"),
    # The elasticsearch 8 client also talks to Elasticsearch 9 (REST compatibility).
    "elasticsearch": ("wagtail.search.backends.elasticsearch8", "http"),
    "elasticsearchs": ("wagtail.search.backends.elasticsearch8", "https"),
}

INDEX_PREFIX_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")

# Short client timeouts: a slow engine must never hold an editor's save hostage.
ENGINE_TIMEOUT_SECONDS = 5


def validate_index_prefix(prefix: str) -> str:
    if not INDEX_PREFIX_PATTERN.match(prefix):
        raise ConfigurationError(
            f"INDEX_PREFIX: {prefix!r} is invalid "
            "(expected 1-41 characters among a-z, 0-9, '_' and '-', starting with a letter or digit)"
        )
    return prefix


def search_backends_from_url(url: str, index_prefix: str, replicas: int = 0) -> dict:
    """Return WAGTAILSEARCH_BACKENDS for SEARCH_URL.

    Empty -> Wagtail's database backend (SQLite FTS5 or PostgreSQL full text);
    opensearch://host:port -> OpenSearch 2; elasticsearch://host:port -> Elasticsearch 8/9.
    """
    url = (url or "").strip()
    if not url:
        return {"default": {"BACKEND": DATABASE_BACKEND}}

    parts = urlsplit(url)
    if parts.scheme not in ENGINE_SCHEMES:
        expected = ", ".join(f"{scheme}://" for scheme in ENGINE_SCHEMES)
        raise ConfigurationError(
            f"SEARCH_URL: unsupported scheme {parts.scheme or '(none)'!r} in {url!r} "
            f"(expected empty for the database backend, or one of {expected})"
        )
    try:
        port = parts.port
    except ValueError as error:
        raise ConfigurationError(f"SEARCH_URL: invalid port in {url!r} ({error})") from None
    if not parts.hostname:
        raise ConfigurationError(f"SEARCH_URL: missing host in {url!r} (e.g. opensearch://127.0.0.1:9200)")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ConfigurationError(f"SEARCH_URL: unexpected path or query in {url!r}; give only scheme://host:port")

    backend, http_scheme = ENGINE_SCHEMES[parts.scheme]
    netloc = parts.hostname if port is None else f"{parts.hostname}:{port}"
    if parts.username:
        credentials = unquote(parts.username)
        if parts.password:
            credentials += ":" + unquote(parts.password)
        netloc = f"{credentials}@{netloc}"

    return {
        "default": {
            "BACKEND": backend,
            "URLS": [f"{http_scheme}://{netloc}"],
            "INDEX_PREFIX": validate_index_prefix(index_prefix),
            "TIMEOUT": ENGINE_TIMEOUT_SECONDS,
            "OPTIONS": {"max_retries": 1, "retry_on_timeout": False},
            "INDEX_SETTINGS": {"settings": {"index": {"number_of_shards": 1, "number_of_replicas": replicas}}},
        }
    }
