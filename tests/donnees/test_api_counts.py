"""The case studies' API listing: its total counted once per state of the pages and filters."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

URL = "/api/v2/projets/"


def whole_counts(queries) -> list[str]:
    return [query["sql"] for query in queries if query["sql"].startswith('SELECT COUNT(*) AS "__count"')]


def test_an_unchanged_listing_is_not_counted_again(client, catalogue):
    for params in ({}, {"limit": "1", "offset": "1"}, {"status": "termine"}):
        first = client.get(URL, params).json()["meta"]["total_count"]
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, params).json()["meta"]["total_count"] == first
        assert whole_counts(queries) == [], params


def test_a_publication_or_a_filter_counts_again(client, catalogue, make_project):
    before = client.get(URL).json()["meta"]
    make_project(title="Une étude de plus")
    after = client.get(URL).json()["meta"]
    assert after["total_count"] == before["total_count"] + 1
    narrowed = client.get(URL, {"title": "Une étude de plus"}).json()["meta"]
    assert narrowed["total_count"] == 1
    assert client.get(URL, {"search": "étude"}).status_code == 200  # a search is counted by its backend
