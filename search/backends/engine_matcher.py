"""Matching on OpenSearch / Elasticsearch: one request for the page, the total and every facet count.

The zero-result rule is search.backends.matching's; typo tolerance is the engine's fuzzy match.
"""

from collections.abc import Sequence

from django.db.models import Q

from search import engine_query
from search.backends.matching import Match, Matcher, Visible
from search.query import SearchQuery


class EngineMatcher(Matcher):
    remote = True

    def match_words(self, query: SearchQuery, base, exclude_ids: Sequence[int] = (), *, counted: bool) -> Match:
        return engine_query.run(self.backend, base.model, base, query, exclude_ids, counted=counted)

    def holds(self, query: SearchQuery, base, exclude_ids: Sequence[int]) -> bool:
        return bool(engine_query.run(self.backend, base.model, base, query, exclude_ids, counted=False).page_ids)

    def match_typos(self, query: SearchQuery, absent: tuple[str, ...], base, exclude_ids) -> Match:
        found = engine_query.run(self.backend, base.model, base, query, exclude_ids, fuzzy=absent)
        found.relaxed = bool(found.total)
        return found

    def match_any(self, query: SearchQuery, base, exclude_ids: Sequence[int]) -> Match:
        return engine_query.run(self.backend, base.model, base, query, exclude_ids, any_words=True)

    def visible_pages(self, page_model, public: Q) -> Visible:
        """Every page but the hidden ones, read once: the engine is sent the (few) hidden pages' keys, not the
        visible ones (a filter of every public page would pass the engine's limit of terms at scale); hits are
        loaded through the same queryset, so the database checks them once more."""
        return Visible(hidden=list(page_model.objects.exclude(public).values_list("pk", flat=True)))
