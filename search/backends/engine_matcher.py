"""Matching on OpenSearch / Elasticsearch: one request for the page, the total and every facet count."""

from collections.abc import Sequence

from search import engine_query
from search.backends.matching import Match, Matcher
from search.query import SearchQuery


class EngineMatcher(Matcher):
    remote = True

    def match(self, query: SearchQuery, base, exclude_ids: Sequence[int] = (), *, counted: bool = True) -> Match:
        model = base.model
        found = engine_query.run(self.backend, model, base, query, exclude_ids, counted=counted)
        if counted and not found.total and query.terms:
            found = engine_query.run(self.backend, model, base, query, exclude_ids, fuzzy=True)
            found.relaxed = bool(found.total)
        return found
