"""Matching on the database: Wagtail's full text search (SQLite FTS5 or PostgreSQL), as modelsearch ships it.

The words give a queryset of matching case studies; filters and facet counts read the SearchFacet table
(one GROUP BY for every facet). Typo tolerance where the backend has it (PostgreSQL's trigram `Fuzzy`).
"""

from collections.abc import Sequence

from django.db.models import Count, F
from modelsearch.query import And, Fuzzy, Phrase, PlainText

from search.backends.matching import Match, Matcher
from search.models import SearchFacet
from search.query import SearchQuery

DIRECT_FILTERS = {"format": "cooperation_format", "status": "status"}
ORDERINGS = {
    "recent": (F("first_published_at").desc(nulls_last=True), "-pk"),
    "debut": (F("start_year").desc(nulls_last=True), "-pk"),
}


def text_query(query: SearchQuery):
    """The words (all of them) and the phrases as one modelsearch query."""
    parts = [PlainText(" ".join(query.terms), operator="and")] if query.terms else []
    parts += [Phrase(phrase) for phrase in query.phrases]
    return parts[0] if len(parts) == 1 else And(parts)


class DatabaseMatcher(Matcher):
    def __init__(self, backend, *, fuzzy: bool):
        super().__init__(backend)
        self.fuzzy = fuzzy  # the backend runs modelsearch's Fuzzy query

    def match(self, query: SearchQuery, base, exclude_ids: Sequence[int] = (), *, counted: bool = True) -> Match:
        queryset = self.matching(query, base, exclude_ids)
        if not counted:
            return Match(self._page_ids(queryset, query), None, None)
        total, relaxed = queryset.count(), False
        if not total and query.terms and self.fuzzy:
            queryset = self.matching(query, base, exclude_ids, fuzzy=True)
            total = queryset.count()
            relaxed = bool(total)
        counts = facet_counts(queryset) if total else {}
        return Match(self._page_ids(queryset, query) if total else [], total, counts, relaxed)

    def matching(self, query: SearchQuery, base, exclude_ids: Sequence[int] = (), *, fuzzy: bool = False):
        """The queryset of the case studies matching `query`, in the order asked for."""
        relevance = query.sort == "pertinence" and query.has_text
        queryset = base
        if query.has_text:
            text = Fuzzy(" ".join(query.terms), operator="and") if fuzzy else text_query(query)
            queryset = self.backend.search(text, base, order_by_relevance=relevance).get_queryset()
        for excluded in query.excluded:
            words_out = Phrase(excluded) if " " in excluded else PlainText(excluded)
            found = self.backend.search(words_out, base.model.objects.all(), order_by_relevance=False)
            queryset = queryset.exclude(pk__in=found.get_queryset().order_by().values("pk"))
        queryset = apply_filters(queryset, query)
        if exclude_ids:
            queryset = queryset.exclude(pk__in=exclude_ids)
        if not relevance:
            queryset = queryset.order_by(*ORDERINGS.get(query.sort, ORDERINGS["debut"]))
        return queryset

    @staticmethod
    def _page_ids(queryset, query: SearchQuery) -> list[int]:
        offset = (query.page - 1) * query.page_size
        return list(queryset.values_list("pk", flat=True)[offset : offset + query.page_size])


def apply_filters(queryset, query: SearchQuery):
    for name, values in query.filters.items():
        if name in DIRECT_FILTERS:
            queryset = queryset.filter(**{f"{DIRECT_FILTERS[name]}__in": values})
        else:
            rows = SearchFacet.objects.filter(facet=name, value__in=values).values("page_id")
            queryset = queryset.filter(pk__in=rows)
    if query.year_from:
        queryset = queryset.filter(start_year__gte=query.year_from)
    if query.year_to:
        queryset = queryset.filter(start_year__lte=query.year_to)
    return queryset


def facet_counts(queryset) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} over the case studies of `queryset`, in one GROUP BY of the facet table."""
    counts: dict[str, dict[str, int]] = {}
    rows = (
        SearchFacet.objects.filter(page_id__in=queryset.order_by().values("pk"))
        .values_list("facet", "value")
        .annotate(count=Count("*"))  # COUNT(*): an index-only scan of (page, facet, value)
        .order_by()
    )
    for name, value, count in rows:
        counts.setdefault(name, {})[value] = count
    return counts
