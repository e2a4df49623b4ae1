"""Wagtail's database backend with French analysis on SQLite and PostgreSQL.

- PostgreSQL: the stock backend with SEARCH_CONFIG = "coop_french" (unaccent + Snowball French, created by
  search/migrations/0002) and an accent-folding configuration for autocomplete ("coop_simple") instead of
  the hard-coded "simple".
- SQLite FTS5 has no French stemmer: the indexed text and the query go through search.french.analyse()
  (accents folded, elisions and stop words dropped, Snowball French stems). Autocomplete folds accents.
  FTS5 has no fuzzy matching: a word that matches nothing is corrected from the index's own vocabulary
  (search/backends/sqlite.py, `fts5vocab`). What it lacks: ranking by field boosts beyond title/body.
"""

from django.db import connection


def SearchBackend(params):  # noqa: N802 (Wagtail looks up this name)
    """The French database backend for the default database's vendor."""
    if connection.vendor == "postgresql":
        from search.backends.postgres import FrenchPostgresSearchBackend

        return FrenchPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from search.backends.sqlite import FrenchSQLiteSearchBackend

        return FrenchSQLiteSearchBackend(params)
    from modelsearch.backends.database import SearchBackend as stock

    return stock(params)
