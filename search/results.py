"""A page of search results, assembled: the hits loaded with their snippets, and facets with French labels."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.paginator import EmptyPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from projets.facets import FACETS, FACETS_BY_NAME
from search.highlight import highlight, query_stems
from search.hit_loading import load_public_hits, matching_partners
from search.labels import labels as stored_labels
from search.passages import first_passages
from search.query import SearchQuery


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
    partial: bool = False  # no case study holds every word: those holding some (search.backends.matching)
    missing_words: tuple[str, ...] = ()  # partial results: the words no case study holds
    corrected: tuple[tuple[str, str], ...] = ()  # (typed, searched instead): words corrected (SQLite)
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


def outcome(query: SearchQuery, total: int, page_ids: list[int], counts, *, backend: str, fuzzy: bool):
    """The SearchOutcome of a match: its page of hits loaded in the matcher's order, public ones only."""
    by_id = {page.pk: page for page in load_public_hits(page_ids)}
    pages = [by_id[pk] for pk in page_ids if pk in by_id]  # an index not yet updated may name a hidden page
    wanted = query_stems(query.terms, query.phrases)
    snippets = _snippets(pages, wanted)
    hits = [Hit(page=page, highlight=snippets[page.pk], partners=matching_partners(page, wanted)) for page in pages]
    every_facet = {facet.name: {} for facet in FACETS} | (counts or {})
    return SearchOutcome(
        query=query,
        count=total,
        hits=hits,
        facets=_facet_values(every_facet, query),
        fuzzy=fuzzy,
        backend=backend,
    )


def _snippets(pages, wanted) -> dict[int, SafeString]:
    """Each page's summary, highlighted; if the words are not in it, the first passage of the narrative that
    has them (read only for the pages whose summary lacks them: hits are loaded without their narrative)."""
    snippets = {page.pk: highlight(page.summary, wanted) for page in pages}
    lacking = [pk for pk, snippet in snippets.items() if wanted and "<mark>" not in snippet]
    if lacking:
        for pk, passage in first_passages(lacking, wanted).items():
            snippets[pk] = highlight(passage, wanted)
    return snippets


def _facet_values(counts: dict[str, dict[str, int]], query: SearchQuery) -> dict[str, list[FacetValue]]:
    """Every value with a count, plus the selected ones (count 0 if none), with French labels."""
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
