"""A page of search results, assembled: the hits loaded with their snippets, and facets with French labels."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.utils.safestring import SafeString

from cms.collation import sort_key
from projets.facets import FACETS, FACETS_BY_NAME
from search.backends.matching import Match
from search.cards import pages_from_cards
from search.highlight import highlight, query_stems
from search.hit_loading import load_public_hits, matching_partners, public_ids
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


def outcome(query: SearchQuery, found: Match, *, backend: str) -> SearchOutcome:
    """The SearchOutcome of a match: its page of hits in the matcher's order, public ones only."""
    by_id = {page.pk: page for page in _load(found)}
    pages = [by_id[pk] for pk in found.page_ids if pk in by_id]  # an index not yet updated may name a hidden page
    wanted = query_stems(query.terms, query.phrases)
    snippets = _snippets(pages, wanted, found.passages)
    hits = [Hit(page=page, highlight=snippets[page.pk], partners=matching_partners(page, wanted)) for page in pages]
    every_facet = {facet.name: {} for facet in FACETS} | (found.counts or {})
    return SearchOutcome(
        query=query,
        count=found.total,
        hits=hits,
        facets=_facet_values(every_facet, query),
        fuzzy=found.relaxed,
        backend=backend,
    )


def _load(found: Match) -> list:
    """The public pages of the hits: from the engine's cards (their ids checked against the page table: a
    document may lag behind the database), the others from the page tables."""
    with_card = [pk for pk in found.page_ids if pk in found.cards]
    visible = public_ids(with_card)
    pages = pages_from_cards([found.cards[pk] for pk in with_card if pk in visible])
    without = [pk for pk in found.page_ids if pk not in found.cards]
    return pages + load_public_hits(without) if without else pages


def _snippets(pages, wanted, passages: dict[int, str] | None) -> dict[int, SafeString]:
    """Each page's summary, highlighted; if the words are not in it, a passage of the narrative that has them:
    the one the matcher found (an engine's highlighter), else the first one, read for these pages only."""
    snippets = {page.pk: highlight(page.summary, wanted) for page in pages}
    lacking = [pk for pk, snippet in snippets.items() if wanted and "<mark>" not in snippet]
    if lacking and passages is None:  # the database backends: the narratives of these pages are read
        passages = first_passages(lacking, wanted)
    for pk in lacking:
        if pk in passages:
            snippets[pk] = highlight(passages[pk], wanted)
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
        choices = FACETS_BY_NAME[facet.name].choices
        choice_labels = {value: str(label) for value, label in choices.choices} if choices else {}
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
            values.sort(key=lambda item: (-item.count, sort_key(item.label)))
        facets[facet.name] = values
    return facets
