"""Turn the SEARCH_URL environment variable into Wagtail's WAGTAILSEARCH_BACKENDS.

Kept free of Django imports so that settings can call it before apps load.
"""

import re
from urllib.parse import unquote, urlsplit


class ConfigurationError(ValueError):
    """A bad environment value; the message names the variable."""


# Wagtail's database backend with French analysis (SQLite FTS5 or PostgreSQL full text).
DATABASE_BACKEND = "search.backends.database"

# PostgreSQL text search configurations created by search/migrations/0002 (ignored on SQLite).
DATABASE_SEARCH = {
    "BACKEND": DATABASE_BACKEND,
    "SEARCH_CONFIG": "coop_french",
    "AUTOCOMPLETE_CONFIG": "coop_simple",
}

# The alias the search service falls back to when the engine fails ("recherche dégradée").
FALLBACK_ALIAS = "database"

# French analysis for OpenSearch / Elasticsearch, the same rules as search/french.py: elisions,
# lower case, accent folding, the Snowball French stop words and stemmer (the "light_french" stemmer
# does not conflate "coopérer" and "coopération"). "default" applies to every text field Wagtail maps
# without an analyzer; "standard" is redefined because Wagtail's autocomplete fields search with it,
# and the built-in one does not fold accents ("econ" must find "Économie").
FRENCH_ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]


def french_analysis() -> dict:
    from search.french import STOP_WORDS  # stdlib + snowballstemmer only: safe before apps load

    return {
        # Apostrophes split words, as in search/french.py: "Univ'Asso" is "univ asso" (the standard tokenizer
        # keeps "univ'asso" whole); "l'impact" gives "l", a stop word.
        "char_filter": {"apostrophes": {"type": "mapping", "mappings": ["'=>\\u0020", "’=>\\u0020"]}},
        "filter": {
            "french_elision": {"type": "elision", "articles_case": True, "articles": FRENCH_ELISIONS},
            "french_stop": {"type": "stop", "stopwords": sorted(STOP_WORDS)},
            "french_snowball": {"type": "stemmer", "language": "french"},
            "edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15},
        },
        "analyzer": {
            "default": {
                "type": "custom",
                "char_filter": ["apostrophes"],
                "tokenizer": "standard",
                "filter": ["french_elision", "lowercase", "asciifolding", "french_stop", "french_snowball"],
            },
            "standard": {
                "type": "custom",
                "char_filter": ["apostrophes"],
                "tokenizer": "standard",
                "filter": ["french_elision", "lowercase", "asciifolding"],
            },
            "edgengram_analyzer": {
                "type": "custom",
                "char_filter": ["apostrophes"],
                "tokenizer": "standard",
                "filter": ["french_elision", "lowercase", "asciifolding", "edgengram"],
            },
        },
    }


# scheme -> (search backend module: modelsearch's, with the hits' cards in the documents; HTTP scheme of the client)
ENGINE_SCHEMES = {
    "opensearch": ("search.backends.opensearch", "http"),
    "opensearchs": ("search.backends.opensearch", "https"),
    # The elasticsearch 8 client also talks to Elasticsearch 9 (REST compatibility).
    "elasticsearch": ("search.backends.elasticsearch", "http"),
    "elasticsearchs": ("search.backends.elasticsearch", "https"),
}

INDEX_PREFIX_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")

# Short client timeouts: a slow or hung engine must never hold a request hostage. Index updates run in
# the background worker anyway; a failed request is retried once only when the connection failed fast.
ENGINE_TIMEOUT_SECONDS = 2


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
        return {"default": dict(DATABASE_SEARCH)}

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
            "INDEX_SETTINGS": {
                "settings": {
                    "index": {"number_of_shards": 1, "number_of_replicas": replicas},
                    "analysis": french_analysis(),
                }
            },
        },
        # Kept in sync too, so that search still answers (degraded) when the engine is down.
        FALLBACK_ALIAS: dict(DATABASE_SEARCH),
    }
