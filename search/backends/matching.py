"""What every matcher gives the search service, whichever engine it asks, and the one zero-result rule.

A matcher turns a SearchQuery into the ids of one page of matching case studies, in order, with the total and
the facet counts of every match. One module per engine implements the steps (database_matcher,
engine_matcher); `search.backends.matcher_for` chooses one from the configured backend. The rule, the same on
every backend:
1. every word (and every "phrase");
2. if nothing matches and some words match no case study at all: each such word that is two words written
   together ("univasso" for Univ'Asso) searched apart, else those words with typo tolerance (the others
   still exact), where the backend has it (PostgreSQL trigrams, the engine's fuzzy match, SQLite's
   vocabulary corrections);
3. if still nothing, the best partial matches: case studies holding any of the words, those holding the most
   ranked first, with the words no case study holds named (`missing`).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from django.db.models import Q
from modelsearch.query import And, Phrase, PlainText

from search.french import STOP_WORDS
from search.query import SearchQuery

MIN_PART, MAX_SPLIT_LENGTH = 3, 20  # names written together: parts of 3 letters or more, words of 20 at most


@dataclass
class Match:
    page_ids: list[int]  # the requested page, in the order asked for (visibility is checked when loading)
    total: int | None  # None when not counted (the whole catalogue's total comes from search.catalogue_cache)
    counts: dict[str, dict[str, int]] | None  # {facet: {value: count}}, None when not counted
    relaxed: bool = False  # no match for the exact words: these are typo-tolerant matches
    # What an engine's documents hold of the hits (search.cards): {page id: card}; a hit without one is read
    # from the database.
    cards: dict[int, dict] = field(default_factory=dict)
    # {page id: the passage of its narrative that holds the words}, when the matcher finds them (an engine).
    passages: dict[int, str] | None = None
    partial: bool = False  # no case study holds every word: these hold some of them
    missing: tuple[str, ...] = ()  # partial matches: the words (as typed) that no case study holds
    corrected: tuple[tuple[str, str], ...] = ()  # (typed, searched instead) when words were corrected


@dataclass
class Found:
    """A window of objects other than case studies (precedents, lessons) holding the words, and their total."""

    objects: list
    total: int


@dataclass
class Visible:
    """The pages whose objects (precedents, lessons) a search may return: those of `pages` (a subquery), or
    every page but the `hidden` ones (their keys)."""

    pages: object = None
    hidden: list[int] | None = None

    def among(self, queryset, page_field: str):
        if self.hidden is not None:
            return queryset.exclude(**{f"{page_field}__in": self.hidden}) if self.hidden else queryset
        return queryset.filter(**{f"{page_field}__in": self.pages})

    def through(self, model, page_field: str) -> "Visible":
        """The same visibility for rows of `model` that belong to a page by `page_field` (an event's workshops),
        so that objects pointing to those rows are filtered by them."""
        rows = model.objects
        if self.hidden is None:
            return Visible(pages=rows.filter(**{f"{page_field}__in": self.pages}).values("pk"))
        if not self.hidden:
            return self
        return Visible(hidden=list(rows.filter(**{f"{page_field}__in": self.hidden}).values_list("pk", flat=True)))


def words_query(query: SearchQuery):
    """Every word and every phrase of `query`, as one modelsearch query."""
    parts = [PlainText(" ".join(query.terms), operator="and")] if query.terms else []
    parts += [Phrase(phrase) for phrase in query.phrases]
    return parts[0] if len(parts) == 1 else And(parts)


class Matcher:
    """The contract: `match`, `find` and `autocomplete`; `remote` says whether it may fail and be replaced."""

    remote = False  # an engine reached over the network (it may be down: the service then falls back)

    def __init__(self, backend):
        self.backend = backend  # the modelsearch backend this matcher asks

    def match(self, query: SearchQuery, base, exclude_ids: Sequence[int] = (), *, counted: bool = True) -> Match:
        """Match `query` among `base` (the public case studies) less `exclude_ids` by the rule above; with
        `counted` false only the page of ids is needed (no relaxation: the catalogue without words)."""
        found = self.match_words(query, base, exclude_ids, counted=counted)
        if not counted or found.total or not query.has_text:
            return found
        words = (*query.terms, *query.phrases)
        absent = tuple(word for word in words if not self.holds(self.alone(query, word), base, exclude_ids))
        typed_absent = tuple(word for word in absent if word in query.terms)
        if typed_absent:
            apart = self.match_apart(query, typed_absent, base, exclude_ids)
            if apart is not None:
                return apart
            tolerant = self.match_typos(query, typed_absent, base, exclude_ids)
            if tolerant is not None and tolerant.total:
                return tolerant
        if len(words) < 2 or len(absent) == len(words):
            return found
        partial = self.match_any(query, base, exclude_ids)
        partial.partial, partial.missing = bool(partial.total), absent
        return partial if partial.total else found

    def match_apart(self, query: SearchQuery, absent: tuple[str, ...], base, exclude_ids) -> Match | None:
        """The absent words that are two words written together ("univasso": "univ asso") searched apart."""
        apart = {word: self.split(query, word, base, exclude_ids) for word in absent}
        apart = {word: phrase for word, phrase in apart.items() if phrase}
        if not apart:
            return None
        terms = tuple(term for term in query.terms if term not in apart)
        together = replace(query, terms=terms, phrases=(*query.phrases, *apart.values()))
        found = self.match_words(together, base, exclude_ids, counted=True)
        found.corrected = tuple(apart.items())
        return found if found.total else None

    def split(self, query: SearchQuery, word: str, base, exclude_ids) -> str | None:
        """`word` cut in two words of MIN_PART letters or more that some case study holds side by side, the
        most even cut first; None if none does (one query per cut, for a word that matched nothing)."""
        if len(word) > MAX_SPLIT_LENGTH:
            return None
        cuts = sorted(range(MIN_PART, len(word) - MIN_PART + 1), key=lambda cut: abs(len(word) - 2 * cut))
        for cut in cuts:
            if word[:cut] in STOP_WORDS or word[cut:] in STOP_WORDS:  # "educaton" is not "educa ton"
                continue
            phrase = f"{word[:cut]} {word[cut:]}"
            if self.holds(replace(query, terms=(), phrases=(phrase,), page=1), base, exclude_ids):
                return phrase
        return None

    @staticmethod
    def alone(query: SearchQuery, word: str) -> SearchQuery:
        """The query with one of its words (or phrases) only, its filters kept."""
        if word in query.phrases:
            return replace(query, terms=(), phrases=(word,), page=1)
        return replace(query, terms=(word,), phrases=(), page=1)

    # -- The steps each engine implements --------------------------------------------------------------

    def match_words(self, query: SearchQuery, base, exclude_ids: Sequence[int], *, counted: bool) -> Match:
        """Every word and phrase."""
        raise NotImplementedError

    def holds(self, query: SearchQuery, base, exclude_ids: Sequence[int]) -> bool:
        """Whether any case study matches `query` (one word, filters kept)."""
        return bool(self.match_words(query, base, exclude_ids, counted=True).total)

    def match_typos(self, query: SearchQuery, absent: tuple[str, ...], base, exclude_ids) -> Match | None:
        """The `absent` words with typo tolerance, the others exact; None where the backend has none."""
        return None

    def match_any(self, query: SearchQuery, base, exclude_ids: Sequence[int]) -> Match:
        """Any of the words or phrases, those matching the most first."""
        raise NotImplementedError

    def visible_pages(self, page_model, public: Q) -> Visible:
        """The pages whose objects a search may return: those `public` keeps, as a subquery the database runs."""
        return Visible(pages=page_model.objects.filter(public).values("pk"))

    def find(self, query: SearchQuery, queryset, page_field: str, visible: Visible, window: slice) -> Found:
        """The objects of `queryset` holding every word and phrase of `query` (best first, `window` of them) and
        their total, among those of `visible` pages (`page_field`): the pages' visibility is read from the
        database at each search, never from what an index remembers of it."""
        results = self.backend.search(words_query(query), visible.among(queryset, page_field))
        objects = list(results[window]) if window.stop > window.start else []  # an empty window: the count only
        return Found(objects, results.count())

    def autocomplete(self, text: str, queryset_or_model, limit: int) -> list:
        """Objects whose autocomplete fields start with the words typed (every word, accents ignored)."""
        return list(self.backend.autocomplete(text, queryset_or_model, operator="and")[:limit])
