"""PostgreSQL full text search with the French configurations created by search/migrations/0002."""

from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend


class FrenchPostgresSearchBackend(PostgresSearchBackend):
    """SEARCH_CONFIG (coop_french) for words; AUTOCOMPLETE_CONFIG (coop_simple: unaccent, no stemming)."""

    def __init__(self, params):
        super().__init__(params)
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG") or "simple"
