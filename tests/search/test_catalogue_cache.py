"""The whole catalogue's total and facet counts are kept a minute (search.catalogue_cache) on every backend:
on OpenSearch the engine then gives only the page, without aggregating every case study again."""

import pytest

from search import catalogue_cache
from search.query import parse_request
from search.service import search

pytestmark = pytest.mark.django_db


def facet_counts(outcome) -> dict:
    return {name: {value.value: value.count for value in values} for name, values in outcome.facets.items()}


def test_the_whole_catalogue_counts_are_kept_and_served_with_the_page(corpus_to_change):
    first = search(parse_request({}))
    assert first.count == len(corpus_to_change.public_pages())
    total, counts = catalogue_cache.get()
    assert total == first.count

    again = search(parse_request({}))
    assert (again.count, facet_counts(again)) == (first.count, facet_counts(first))
    assert [hit.page.pk for hit in again.hits] == [hit.page.pk for hit in first.hits]

    # What is kept is what the next request shows: the counts are not asked for again...
    catalogue_cache.put(total + 1000, counts)
    kept = search(parse_request({"sort": "recent"}))
    assert kept.count == total + 1000
    assert sorted(hit.page.pk for hit in kept.hits) == sorted(page.pk for page in corpus_to_change.public_pages())
    # ...but never for words or filters, and a publication drops them.
    assert search(parse_request({"q": "impact"})).count < total
    assert search(parse_request({"region": "32"})).count < total
    corpus_to_change.fete.save_revision().publish()
    assert catalogue_cache.get() is None
    assert search(parse_request({})).count == total
