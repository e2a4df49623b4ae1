"""The matcher for a configured search backend: the only place that knows the backend classes."""

from django.conf import settings
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.search.backends import get_search_backend

from search.backends.database_matcher import DatabaseMatcher
from search.backends.engine_matcher import EngineMatcher
from search.backends.matching import Matcher
from search.backends.postgres import FrenchPostgresSearchBackend
from search.config import DATABASE_BACKEND, FALLBACK_ALIAS
from search.shared_backends import shared_backend


def matcher_for(alias: str = "default") -> Matcher:
    return _matcher(shared_backend(alias))


def fallback_matcher() -> Matcher:
    """The database matcher that answers when the engine fails ("recherche dégradée")."""
    alias = FALLBACK_ALIAS if FALLBACK_ALIAS in settings.WAGTAILSEARCH_BACKENDS else "default"
    backend = shared_backend(alias)
    if isinstance(backend, ElasticsearchBaseSearchBackend):  # misconfigured: the stock database backend
        backend = get_search_backend(DATABASE_BACKEND)
    return _matcher(backend)


def _matcher(backend) -> Matcher:
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        return EngineMatcher(backend)
    # modelsearch's Fuzzy query runs on PostgreSQL (pg_trgm); SQLite FTS5 has no typo tolerance.
    return DatabaseMatcher(backend, fuzzy=isinstance(backend, FrenchPostgresSearchBackend))
