"""What every matcher gives the search service, whichever engine it asks.

A matcher turns a SearchQuery into the ids of one page of matching case studies, in order, with the total and
the facet counts of every match. One module per engine implements it (database_matcher, engine_matcher);
`search.backends.matcher_for` chooses one from the configured backend.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from search.query import SearchQuery


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


class Matcher:
    """The contract: `match` and `autocomplete`; `remote` says whether it may fail and be replaced."""

    remote = False  # an engine reached over the network (it may be down: the service then falls back)

    def __init__(self, backend):
        self.backend = backend  # the modelsearch backend this matcher asks

    def match(self, query: SearchQuery, base, exclude_ids: Sequence[int] = (), *, counted: bool = True) -> Match:
        """Match `query` among `base` (the public case studies) less `exclude_ids`; with `counted` false only
        the page of ids is needed."""
        raise NotImplementedError

    def autocomplete(self, text: str, queryset_or_model, limit: int) -> list:
        """Objects whose autocomplete fields start with the words typed (every word, accents ignored)."""
        return list(self.backend.autocomplete(text, queryset_or_model, operator="and")[:limit])
