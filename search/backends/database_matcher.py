"""Matching on the database: Wagtail's full text search (SQLite FTS5 or PostgreSQL), as modelsearch ships it.

The words give a queryset of matching case studies; filters and facet counts read the SearchFacet table
(one GROUP BY for every facet). The zero-result rule is search.backends.matching's; typo tolerance from
PostgreSQL's trigram `Fuzzy`, or SQLite's vocabulary corrections (search.backends.sqlite).
"""

import re
from collections.abc import Sequence
from dataclasses import replace

from django.db.models import Count, F
from modelsearch.query import And, Fuzzy, Or, Phrase, PlainText

from search.backends.matching import Match, Matcher
from search.french import fold, stem
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


def any_words_query(query: SearchQuery):
    """Any of the words or phrases (SQLite's bm25 and PostgreSQL's ts_rank rank those holding most first)."""
    parts = [PlainText(" ".join(query.terms), operator="or")] if query.terms else []
    parts += [Phrase(phrase) for phrase in query.phrases]
    return parts[0] if len(parts) == 1 else Or(parts)


class DatabaseMatcher(Matcher):
    def __init__(self, backend, *, fuzzy: bool):
        super().__init__(backend)
        self.fuzzy = fuzzy  # the backend runs modelsearch's Fuzzy query

    def match_words(self, query: SearchQuery, base, exclude_ids: Sequence[int] = (), *, counted: bool) -> Match:
        queryset = self.matching(query, base, exclude_ids)
        if not counted:
            return Match(self._page_ids(queryset, query), None, None)
        return self._counted(queryset, query)

    def holds(self, query: SearchQuery, base, exclude_ids: Sequence[int]) -> bool:
        return self.matching(query, base, exclude_ids).exists()

    def match_typos(self, query: SearchQuery, absent: tuple[str, ...], base, exclude_ids) -> Match | None:
        if self.fuzzy:  # PostgreSQL: the absent words by trigram similarity, the others exact
            exact = replace(query, terms=tuple(term for term in query.terms if term not in absent))
            queryset = self.matching(exact, base, exclude_ids, text=Fuzzy(" ".join(absent), operator="and"))
            found = self._counted(queryset, query)
            found.relaxed = bool(found.total)
            return found
        corrections = self.corrections(absent)
        if not corrections:
            return None
        terms = tuple(word for term in query.terms for word in corrections.get(term, term).split())
        corrected = replace(query, terms=terms)
        found = self._counted(self.matching(corrected, base, exclude_ids), corrected)
        if found.total:
            written = {typed: self.as_written(words, found.page_ids, base) for typed, words in corrections.items()}
            found.corrected = tuple(written.items())
        return found

    @staticmethod
    def as_written(words: str, page_ids: list[int], base) -> str:
        """The words searched instead as the first hits' titles or summaries write them ("éducation")."""
        wanted = {stem(word): word for word in words.split()}
        seen = {}
        for title, summary in base.filter(pk__in=page_ids[:5]).values_list("title", "summary"):
            for word in re.findall(r"\w+", f"{title} {summary}"):
                seen.setdefault(stem(fold(word)), word.lower())
        return " ".join(seen.get(found, word) for found, word in wanted.items())

    def corrections(self, absent: tuple[str, ...]) -> dict[str, str]:
        """{typed word: the indexed word searched instead} (SQLite: search.backends.sqlite's vocabulary)."""
        correct = getattr(self.backend, "correct", None)
        return correct(absent) if correct else {}

    def match_any(self, query: SearchQuery, base, exclude_ids: Sequence[int]) -> Match:
        return self._counted(self.matching(query, base, exclude_ids, text=any_words_query(query)), query)

    def _counted(self, queryset, query: SearchQuery) -> Match:
        total = queryset.count()
        counts = facet_counts(queryset) if total else {}
        return Match(self._page_ids(queryset, query) if total else [], total, counts)

    def matching(self, query: SearchQuery, base, exclude_ids: Sequence[int] = (), *, text=None):
        """The queryset of the case studies matching `query` (or the modelsearch query `text` with its filters,
        intersected with every remaining word of `query`), in the order asked for."""
        relevance = query.sort == "pertinence" and (query.has_text or text is not None)
        queryset = base
        if isinstance(text, Fuzzy) and query.has_text:
            # Fuzzy runs alone: the exact words narrow the base it ranks.
            exact = self.backend.search(text_query(query), base, order_by_relevance=False).get_queryset()
            base = base.filter(pk__in=exact.order_by().values("pk"))
        if text is not None or query.has_text:
            text = text if text is not None else text_query(query)
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
