"""Elasticsearch 8/9 as modelsearch ships it, each case study's document carrying its card (search.cards)."""

from modelsearch.backends import elasticsearch8

from search.backends.card_mapping import CardMapping


class ElasticsearchCardMapping(CardMapping, elasticsearch8.Elasticsearch8Mapping):
    pass


class ElasticsearchBackend(elasticsearch8.Elasticsearch8SearchBackend):
    mapping_class = ElasticsearchCardMapping


SearchBackend = ElasticsearchBackend
