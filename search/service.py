"""The search service: a SearchQuery in, a page of case studies with facet counts out.

One function for the search page, the catalogue and the JSON API, on every backend:
- database backends (SQLite FTS5, PostgreSQL): Wagtail's full text search gives the matching queryset;
  filters and facet counts use the SearchFacet table (one GROUP BY for every facet); on PostgreSQL, words
  are matched once per search, with the total and the facets, in one statement (search.postgres_text);
- OpenSearch / Elasticsearch: one request returns the page, the total and every facet (engine_query).
If the engine fails or times out, the same query runs on the database backend and the outcome says
`degraded=True`. SQL queries per call are constant: count, facets, the page of results and its prefetches.
"""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.paginator import EmptyPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db.models import Count, F
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.query import And, Fuzzy, Phrase, PlainText
from wagtail.search.backends import get_search_backend

from search import breaker, catalogue_cache, engine_query, postgres_text
from search.config import FALLBACK_ALIAS
from search.facets import FACETS, FACETS_BY_NAME
from search.french import words
from search.highlight import highlight, query_stems
from search.hit_loading import load_hits, load_public_hits, matching_partners
from search.passages import first_passages
from search.query import SearchQuery
from search.shared_backends import shared_backend

logger = logging.getLogger(__name__)

DIRECT_FILTERS = {"format": "cooperation_format", "status": "status"}
ORDERINGS = {
    "recent": (F("first_published_at").desc(nulls_last=True), "-pk"),
    "debut": (F("start_year").desc(nulls_last=True), "-pk"),
}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    page: object  # ProjectPage
    highlight: SafeString
    partners: list[str]  # partners and funders whose name matches the words searched


@dataclass
class SearchOutcome:
    query: SearchQuery
    count: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    degraded: bool = False  # the engine failed: answered by the database backend
    fuzzy: bool = False  # no exact match: typo-tolerant results
    backend: str = "database"
    page: PaginatorPage = field(init=False)

    def __post_init__(self):
        window = _Window(self.count, (self.query.page - 1) * self.query.page_size, self.hits)
        paginator = Paginator(window, self.query.page_size)
        try:
            self.page = paginator.page(self.query.page)
        except EmptyPage:
            self.page = PaginatorPage([], self.query.page, paginator)


class _Window(Sequence):
    """Only the current page of a result list whose total is known: what Django's Paginator needs."""

    def __init__(self, total: int, offset: int, items: list):
        self.total, self.offset, self.items = total, offset, items

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, key):
        if isinstance(key, slice) and (key.start or 0) == self.offset:
            return self.items
        return []


def _project_model():
    from projets.models import ProjectPage

    return ProjectPage


def _base_queryset():
    from projets.catalogue import public_projects

    return public_projects()


def search(query: SearchQuery, *, backend: str = "default", exclude_ids: Iterable[int] = ()) -> SearchOutcome:
    """Run `query` on the backend alias; fall back to the database backend if the engine fails."""
    exclude_ids = tuple(exclude_ids)
    engine = shared_backend(backend)
    base = _base_queryset()  # reads the view restrictions: once per request (projets.restrictions)
    if isinstance(engine, ElasticsearchBaseSearchBackend):
        if not breaker.is_resting(engine):
            try:
                return _engine_search(engine, query, exclude_ids, base)
            except Exception as error:  # noqa: BLE001 (any engine failure: answer from the database instead)
                logger.warning("Search engine %r failed (%r); answering from the database backend", backend, error)
                breaker.trip(engine)
        outcome = _database_search(_fallback_backend(), query, exclude_ids, base)
        outcome.degraded = True
        return outcome
    return _database_search(engine, query, exclude_ids, base)


def _fallback_backend():
    from django.conf import settings

    alias = FALLBACK_ALIAS if FALLBACK_ALIAS in settings.WAGTAILSEARCH_BACKENDS else "default"
    engine = shared_backend(alias)
    if isinstance(engine, ElasticsearchBaseSearchBackend):  # misconfigured: use the stock database backend
        engine = get_search_backend("search.backends.database")
    return engine


# -- Engines -------------------------------------------------------------------------------------------


def _whole_catalogue(query: SearchQuery, exclude_ids) -> bool:
    """No words, no filter: the total and facet counts are the whole catalogue's (search.catalogue_cache)."""
    return not (query.has_text or query.excluded or query.is_filtered or exclude_ids)


def _engine_search(engine, query: SearchQuery, exclude_ids, base) -> SearchOutcome:
    model = _project_model()
    whole = _whole_catalogue(query, exclude_ids)
    cached = catalogue_cache.get() if whole else None
    if cached:
        # Only the page from the engine: its aggregations over every case study cost ~25 ms at 100,000.
        total, counts = cached
        ids, _total, _counts = engine_query.run(engine, model, base, query, exclude_ids, counted=False)
        return _outcome(query, total, _pages_in_order(ids), counts, backend="engine", fuzzy=False)
    ids, total, counts = engine_query.run(engine, model, base, query, exclude_ids)
    if whole:
        catalogue_cache.put(total, counts)
    fuzzy = False
    if not total and query.terms:
        ids, total, counts = engine_query.run(engine, model, base, query, exclude_ids, fuzzy=True)
        fuzzy = bool(total)
    return _outcome(query, total, _pages_in_order(ids), counts, backend="engine", fuzzy=fuzzy)


def _pages_in_order(ids: list[int]) -> list:
    """The hits of these ids in the order given, loaded once. Ids of pages no longer public (an index not yet
    updated) are left out: `load_public_hits` applies the rule of `_base_queryset`."""
    by_id = {page.pk: page for page in load_public_hits(ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


# -- Database backends ---------------------------------------------------------------------------------


def _text_query(query: SearchQuery):
    parts = [PlainText(" ".join(query.terms), operator="and")] if query.terms else []
    parts += [Phrase(phrase) for phrase in query.phrases]
    return parts[0] if len(parts) == 1 else And(parts)


def _matching(engine, query: SearchQuery, exclude_ids, base, fuzzy=False, with_words=True):
    """The queryset of matching case studies, ordered as asked (`with_words=False`: all but the words)."""
    model = _project_model()
    relevance = query.sort == "pertinence" and query.has_text
    # PostgreSQL matches through coop_search_text (search.postgres_text); relevance is then ranked.
    fast_text = not fuzzy and postgres_text.handles(engine)
    if query.has_text and with_words and not fast_text:
        text = Fuzzy(" ".join(query.terms), operator="and") if fuzzy else _text_query(query)
        queryset = engine.search(text, base, order_by_relevance=relevance).get_queryset()
    else:
        queryset = base
    for excluded in query.excluded:
        words_out = Phrase(excluded) if " " in excluded else PlainText(excluded)
        if fast_text:
            queryset = queryset.exclude(pk__in=postgres_text.matching_ids(engine, words_out))
        else:
            found = engine.search(words_out, model.objects.all(), order_by_relevance=False).get_queryset()
            queryset = queryset.exclude(pk__in=found.order_by().values("pk"))
    queryset = _apply_filters(queryset, query)
    if exclude_ids:
        queryset = queryset.exclude(pk__in=exclude_ids)
    if query.has_text and with_words and fast_text:
        queryset = queryset.filter(pk__in=postgres_text.matching_ids(engine, _text_query(query)))
    if not relevance or fast_text:
        queryset = queryset.order_by(*ORDERINGS.get(query.sort, ORDERINGS["debut"]))
    return queryset


def _apply_filters(queryset, query: SearchQuery):
    from search.models import SearchFacet

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


def _database_search(engine, query: SearchQuery, exclude_ids, base) -> SearchOutcome:
    queryset = _matching(engine, query, exclude_ids, base)
    whole = _whole_catalogue(query, exclude_ids)
    cached = catalogue_cache.get() if whole else None
    if cached:
        total, counts = cached
        return _outcome(query, total, _page_of(queryset, query, total), counts, backend="database", fuzzy=False)
    if query.has_text and postgres_text.handles(engine):
        # One statement for the total, the facets and, by relevance, the page (search.postgres_text).
        relevance = query.sort == "pertinence"
        offset = (query.page - 1) * query.page_size
        narrowed = query.excluded or query.is_filtered or exclude_ids
        total, found, ids = postgres_text.matches(
            engine,
            _text_query(query),
            _matching(engine, query, exclude_ids, base, with_words=False) if narrowed else None,
            page=(offset, query.page_size) if relevance else None,
        )
        if total:
            pages = _pages_in_order(ids) if relevance else _page_of(queryset, query, total)
            return _outcome(query, total, pages, _every_facet(found), backend="database", fuzzy=False)
    else:
        total = queryset.count()
    fuzzy = False
    if not total and query.terms and _supports_fuzzy(engine):
        queryset = _matching(engine, query, exclude_ids, base, fuzzy=True)
        total = queryset.count()
        fuzzy = bool(total)
    counts = _every_facet(_facet_counts(queryset) if total else {})
    if whole:
        catalogue_cache.put(total, counts)
    return _outcome(query, total, _page_of(queryset, query, total), counts, backend="database", fuzzy=fuzzy)


def _facet_counts(queryset) -> dict[str, dict[str, int]]:
    from search.models import SearchFacet

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


def _every_facet(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {facet.name: {} for facet in FACETS} | counts


def _page_of(queryset, query: SearchQuery, total: int) -> list:
    offset = (query.page - 1) * query.page_size
    if not total or offset >= total:
        return []
    return load_hits(queryset[offset : offset + query.page_size])


def _supports_fuzzy(engine) -> bool:
    """modelsearch's Fuzzy query runs on PostgreSQL (pg_trgm); SQLite FTS5 has no typo tolerance."""
    return type(engine).__name__ == "FrenchPostgresSearchBackend"


# -- Assembling the outcome ----------------------------------------------------------------------------


def _outcome(query, total, pages, counts, *, backend, fuzzy) -> SearchOutcome:
    wanted = query_stems(query.terms, query.phrases)
    snippets = _snippets(pages, wanted)
    hits = [Hit(page=page, highlight=snippets[page.pk], partners=matching_partners(page, wanted)) for page in pages]
    return SearchOutcome(
        query=query,
        count=total,
        hits=hits,
        facets=_facet_values(counts, query),
        fuzzy=fuzzy,
        backend=backend,
    )


def _snippets(pages, wanted) -> dict[int, SafeString]:
    """Each page's summary, highlighted; if the words are not in it, the first passage of the narrative that
    has them. Hits are loaded without their narrative (search.hit_loading.HIT_FIELDS: decoding 20 of them was
    a third of the hits' loading): it is read here, in one query, only for the pages whose summary lacks them."""
    snippets = {page.pk: highlight(page.summary, wanted) for page in pages}
    lacking = [pk for pk, snippet in snippets.items() if wanted and "<mark>" not in snippet]
    if lacking:
        for pk, passage in first_passages(lacking, wanted).items():
            snippets[pk] = highlight(passage, wanted)
    return snippets


def _facet_values(counts: dict[str, dict[str, int]], query: SearchQuery) -> dict[str, list[FacetValue]]:
    """Every value with a count, plus the selected ones (count 0 if none), with French labels."""
    from search.labels import labels as stored_labels

    for name, values in query.filters.items():
        for value in values:
            counts.setdefault(name, {}).setdefault(value, 0)
    wanted = {name: counts[name] for name in ("theme", "region", "departement") if counts.get(name)}
    labels = stored_labels(wanted) if wanted else {}

    facets = {}
    for facet in FACETS:
        selected = set(query.filters.get(facet.name, ()))
        if facet.name == "year":
            selected = {str(year) for year in (query.year_from, query.year_to) if year}
        choice_labels = _choice_labels(facet.name, get_language())
        values = [
            FacetValue(
                value=value,
                label=str(choice_labels.get(value) or labels.get(facet.name, {}).get(value) or value),
                count=count,
                selected=value in selected,
            )
            for value, count in counts.get(facet.name, {}).items()
        ]
        if facet.name == "year":
            values.sort(key=lambda item: item.value, reverse=True)
        else:
            values.sort(key=lambda item: (-item.count, item.label.lower()))
        facets[facet.name] = values
    return facets


@lru_cache(maxsize=64)
def _choice_labels(facet_name: str, language: str | None) -> dict[str, str]:
    """A facet's choice labels in one language, translated once per process rather than once per value."""
    choices = FACETS_BY_NAME[facet_name].choices
    return {value: str(label) for value, label in choices.choices} if choices else {}


def facet_label(name: str) -> str:
    return str(FACETS_BY_NAME[name].label)


# -- Autocomplete -------------------------------------------------------------------------------------


def autocomplete(text: str, *, backend: str = "default", limit: int = 5) -> list[dict]:
    """Titles of case studies, organisations and themes starting with what was typed (accents ignored)."""
    if not words(text):
        # Nothing the analysis keeps (symbols, scripts other than Latin): the three searches below would
        # all match nothing, so they are not sent.
        return []
    engine = shared_backend(backend)
    is_engine = isinstance(engine, ElasticsearchBaseSearchBackend)
    if is_engine and breaker.is_resting(engine):
        return _autocomplete(_fallback_backend(), text, limit)
    try:
        return _autocomplete(engine, text, limit)
    except Exception as error:  # noqa: BLE001 (engine down: suggestions from the database backend)
        if not is_engine:
            raise
        logger.warning("Search engine %r failed on autocomplete (%r)", backend, error)
        breaker.trip(engine)
        return _autocomplete(_fallback_backend(), text, limit)


# Organisations matched by the index before keeping the publicly visible ones (the index knows nothing of
# publication): more candidates than shown, so hidden organisations rarely crowd out visible ones.
ORGANISATION_CANDIDATES = 10


def _public_organisations(engine, text: str, limit: int) -> list:
    """Organisations starting with the text, only those Organisation.objects.publicly_visible() allows."""
    from projets.models import Organisation

    candidates = list(engine.autocomplete(text, Organisation, operator="and")[: limit * ORGANISATION_CANDIDATES])
    if not candidates:
        return []
    visible = set(
        Organisation.objects.publicly_visible()
        .filter(pk__in=[org.pk for org in candidates])
        .values_list("pk", flat=True)
    )
    return [org for org in candidates if org.pk in visible][:limit]


def _autocomplete(engine, text: str, limit: int) -> list[dict]:
    from django.urls import reverse
    from django.utils.http import urlencode

    from projets.models import Theme

    search_url = reverse("search")
    suggestions = [
        {"label": page.title, "url": page.url, "kind": "projet"}
        for page in engine.autocomplete(text, _base_queryset(), operator="and")[:limit]
    ]
    suggestions += [
        {"label": str(org), "url": f"{search_url}?{urlencode({'q': org.name})}", "kind": "organisation"}
        for org in _public_organisations(engine, text, limit)
    ]
    suggestions += [
        {"label": theme.name, "url": f"{search_url}?{urlencode({'theme': theme.slug})}", "kind": "theme"}
        for theme in engine.autocomplete(text, Theme, operator="and")[:limit]
    ]
    return suggestions
