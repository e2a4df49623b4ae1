"""OpenSearch 2 as modelsearch ships it, each case study's document carrying its card (search.cards)."""

from modelsearch.backends import opensearch2

from search.backends.card_mapping import CardMapping


class OpenSearchCardMapping(CardMapping, opensearch2.OpenSearch2Mapping):
    pass


class OpenSearchBackend(opensearch2.OpenSearch2SearchBackend):
    mapping_class = OpenSearchCardMapping


SearchBackend = OpenSearchBackend
